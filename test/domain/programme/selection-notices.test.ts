import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProgrammeFile } from '../../../src/domain/programme/parse-programme-file.ts';

const sample = readFileSync(new URL('../../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');

describe('selection notices in the programme file', () => {
  it('are read per outcome, in each language', () => {
    const parsed = parseProgrammeFile(sample);
    if (!parsed.ok) throw new Error('the sample should parse');
    const notices = parsed.programme.settings.selectionNotices;
    expect(notices.selected).toBeUndefined();
    expect(notices.not_selected?.en).toMatch(/^Dear \{\{name\}\}, thank you/);
  });

  it('name the line of a missing language or an unknown one', () => {
    const parsed = parseProgrammeFile(
      sample.replace('    en: >-\n      Dear {{name}}', '    de: >-\n      Dear {{name}}'),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toContainEqual(
      expect.objectContaining({
        path: 'selection_notices.not_selected.en',
        message: 'the English text (en) is missing',
      }),
    );
    expect(parsed.problems).toContainEqual(expect.objectContaining({ path: 'selection_notices.not_selected.de' }));
    expect(parsed.problems.every((error) => error.line > 0)).toBe(true);
  });
});
