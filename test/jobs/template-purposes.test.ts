import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSENT_REQUEST_PURPOSE } from '../../src/conversation/flows/consent-again.ts';
import { templatePurposeFor } from '../../src/jobs/template-for.ts';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Answers to what the person just wrote: the WhatsApp window is open for them by definition. */
const REPLIES = new Set(['reply', 'stop_confirmation', 'erase_confirmation']);

/** Every `purpose: '…'` an outbox write names in the source, the generated client aside. */
function purposesInSource(): string[] {
  const found = new Set<string>();
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.startsWith('store/generated'),
  );
  for (const file of files) {
    for (const match of readFileSync(path.join(SRC, file), 'utf8').matchAll(/purpose: '([a-z_]+)'/g)) {
      found.add(match[1]!);
    }
  }
  return [...found];
}

describe('WhatsApp templates for what Compagnon sends first', () => {
  it('finds the purposes written to the outbox', () => {
    expect(purposesInSource()).toEqual(expect.arrayContaining(['exercise_release', 'reminder', 'exercise_closed']));
  });

  it('has a programme template for every message that is not a reply, so none waits silently for a closed window', () => {
    const missing = [...purposesInSource(), CONSENT_REQUEST_PURPOSE].filter(
      (purpose) => !REPLIES.has(purpose) && templatePurposeFor(purpose) === null,
    );
    expect(missing).toEqual([]);
  });
});
