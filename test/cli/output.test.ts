import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebhookSetupError } from '../../src/channels/telegram/webhook-setup-error.ts';
import { failureMessage } from '../../src/cli/failure-message.ts';
import { CommandError, consoleOutput, printable } from '../../src/cli/output.ts';
import { AmbiguousReferenceError, NotFoundError } from '../../src/store/errors.ts';

describe('what the command line prints', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('drops terminal escape sequences and control characters from text people wrote', () => {
    expect(printable('\u001b[2J\u001b[31mAwa\u001b[0m')).toBe('Awa');
    expect(printable('\u001b]0;pwned\u0007Boubacar')).toBe('Boubacar');
    expect(printable('\u001b]8;;http://evil\u001b\\clic\u001b]8;;\u001b\\')).toBe('clic');
    expect(printable('Salma\rRivo')).toBe('SalmaRivo');
    expect(printable('a\u0000b\u0008c\u007fd\u009be')).toBe('abcde');
    expect(printable('exe.\u202egnp')).toBe('exe.gnp');
  });

  it('keeps accents, tabs, line breaks and other scripts as they are', () => {
    const text = 'Chloé\tZoé, « la grande »\nمرحبا · 你好 · ✓';
    expect(printable(text)).toBe(text);
  });

  it('prints lines through that filter', () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    consoleOutput.info('Awa \u001b[8mhidden\u001b[0m (c1)');
    consoleOutput.error('bad \u001b[1Aname');
    expect(written).toEqual(['Awa hidden (c1)\n', 'bad name\n']);
  });

  it("prints what the person can fix as it is said, whichever layer said it, and anything else as compagnon's fault", () => {
    const plain = { withStack: false };
    expect(failureMessage(new CommandError('--count must be a whole number'), plain)).toBe(
      '--count must be a whole number',
    );
    expect(failureMessage(new NotFoundError('no cohort has the id or key "x"'), plain)).toBe(
      'no cohort has the id or key "x"',
    );
    expect(failureMessage(new AmbiguousReferenceError('several cohorts have the key "c"'), plain)).toBe(
      'several cohorts have the key "c"',
    );
    expect(failureMessage(new WebhookSetupError('PUBLIC_URL is not set'), plain)).toBe('PUBLIC_URL is not set');
    expect(failureMessage(new Error('first line\nconnect ECONNREFUSED'), plain)).toBe(
      'compagnon: connect ECONNREFUSED',
    );
    expect(failureMessage(new Error('boom'), { withStack: true })).toMatch(/^compagnon: Error: boom\n\s+at /);
    expect(failureMessage('a string', plain)).toBe('compagnon: a string');
  });
});
