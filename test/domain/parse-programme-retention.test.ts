import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProgrammeFile, type ProgrammeFileProblem } from '../../src/domain/programme/parse-programme-file.ts';
import { describeRetention, erasureInstant, retentionOf } from '../../src/domain/retention.ts';

const sample = readFileSync(new URL('../../examples/connexions-citoyennes.yaml', import.meta.url), 'utf8');

function sampleWith(find: string, replace: string): { source: string; line: number } {
  const lines = sample.split('\n');
  const index = lines.findIndex((line) => line.includes(find));
  if (index < 0) throw new Error(`the sample has no line with ${find}`);
  lines[index] = lines[index]!.replace(find, replace);
  return { source: lines.join('\n'), line: index + 1 };
}

function problemsOf(source: string): ProgrammeFileProblem[] {
  const result = parseProgrammeFile(source);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problems;
}

describe('retention in the programme file', () => {
  it('the sample keeps personal data one year after its end, as its consent text says', () => {
    const result = parseProgrammeFile(sample);
    if (!result.ok) throw new Error('the sample is invalid');
    expect(result.programme.settings.retention).toEqual({ eraseAfterEnd: '1y' });
    expect(result.programme.settings.consent.text.en).toContain('One year after the programme ends');
    expect(result.programme.settings.consent.text.fr).toContain('Un an après la fin du programme');
  });

  it('a programme without retention promises no erasure date', () => {
    const lines = sample.split('\n');
    const at = lines.findIndex((line) => line.startsWith('retention:'));
    lines.splice(at, 2);
    const result = parseProgrammeFile(lines.join('\n'));
    if (!result.ok) throw new Error('expected the file to be accepted');
    expect(result.programme.settings.retention).toBeNull();
    expect(retentionOf(result.programme.settings)).toBeNull();
    // Settings imported before retention existed have no such field: no retention either.
    expect(retentionOf({ timeZone: 'Europe/Paris' })).toBeNull();
  });

  it.each([
    ['one year', 'must be a duration of at least a day'],
    ['12 months', 'must be a duration of at least a day'],
    ['0d', 'must be a duration of at least a day'],
    ['6h', 'must be a duration of at least a day'],
    ['-1y', 'must be a duration of at least a day'],
  ])('refuses erase_after_end: %s, naming its line', (value, message) => {
    const { source, line } = sampleWith('erase_after_end: 1y', `erase_after_end: ${value}`);
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({ line, path: 'retention.erase_after_end', message: expect.stringContaining(message) }),
    ]);
  });

  it('refuses a retention without its duration, or with a misspelt field', () => {
    const missing = sampleWith('erase_after_end: 1y', 'erase_after: 1y');
    expect(problemsOf(missing.source)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: missing.line,
          path: 'retention.erase_after',
          message: 'unknown field "erase_after"',
        }),
      ]),
    );
    const number = sampleWith('erase_after_end: 1y', 'erase_after_end: 365');
    expect(problemsOf(number.source)).toEqual([
      expect.objectContaining({ line: number.line, path: 'retention.erase_after_end' }),
    ]);
  });

  it('accepts weeks, days and combinations', () => {
    for (const value of ['26w', '90d', '1y6w']) {
      const { source } = sampleWith('erase_after_end: 1y', `erase_after_end: ${value}`);
      const result = parseProgrammeFile(source);
      expect(result.ok && result.programme.settings.retention).toEqual({ eraseAfterEnd: value });
    }
  });
});

describe('the erasure date', () => {
  it('is a calendar year after the end of the last day, in the programme time zone', () => {
    // The sample ends on Sunday 2027-09-19; in Paris (summer time) that day ends at 22:00 UTC.
    expect(erasureInstant('2027-09-19', { eraseAfterEnd: '1y' }, 'Europe/Paris').toISOString()).toBe(
      '2028-09-19T22:00:00.000Z',
    );
    // Across a 29 February: still the same calendar day a year later, not 365 days.
    expect(erasureInstant('2027-12-31', { eraseAfterEnd: '1y' }, 'Africa/Abidjan').toISOString()).toBe(
      '2029-01-01T00:00:00.000Z',
    );
    expect(erasureInstant('2028-02-27', { eraseAfterEnd: '1y' }, 'UTC').toISOString()).toBe('2029-02-28T00:00:00.000Z');
    expect(erasureInstant('2027-09-19', { eraseAfterEnd: '90d' }, 'UTC').toISOString()).toBe(
      '2027-12-19T00:00:00.000Z',
    );
  });

  it('reads in words in each language', () => {
    expect(describeRetention({ eraseAfterEnd: '1y' }, 'en')).toBe('1 year');
    expect(describeRetention({ eraseAfterEnd: '1y' }, 'fr')).toBe('1\u00a0an');
  });
});
