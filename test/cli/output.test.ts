import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleOutput, printable } from '../../src/cli/output.ts';

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
});
