import { describe, expect, it } from 'vitest';
import { plausibleSentAt, storableText, storableValue } from '../../src/domain/storable-text.ts';

describe('storable text', () => {
  it('replaces NUL characters and lone surrogates with U+FFFD, and keeps surrogate pairs', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('high \uD800 alone, low \uDC00 alone, at the end \uD83D')).toBe(
      'high \uFFFD alone, low \uFFFD alone, at the end \uFFFD',
    );
    expect(storableText('\uDE00\uD83D')).toBe('\uFFFD\uFFFD');
    expect(storableText('merci 🙏🏾 é')).toBe('merci 🙏🏾 é');
  });

  it('makes every string of a value storable, keys included, and leaves the rest alone', () => {
    const event = {
      text: 'x\u0000',
      sender: { platformId: '1\uD800', 'k\u0000': true },
      list: ['ok', '\uDC00'],
      n: 3,
      none: null,
    };
    expect(storableValue(event)).toEqual({
      text: 'x\uFFFD',
      sender: { platformId: '1\uFFFD', 'k\uFFFD': true },
      list: ['ok', '\uFFFD'],
      n: 3,
      none: null,
    });
    const clean = { text: 'ok', nested: { list: [1, 'two'] } };
    expect(storableValue(clean)).toBe(clean);
  });
});

describe('plausible platform timestamps', () => {
  it('takes Unix seconds between 2000 and 2100', () => {
    expect(plausibleSentAt(1_800_000_000)?.toISOString()).toBe('2027-01-15T08:00:00.000Z');
  });

  it('refuses what no message can have been sent at', () => {
    for (const seconds of [1e15, 1e20, -1, 0, 946_684_799, 4_102_444_800, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(plausibleSentAt(seconds)).toBeUndefined();
    }
  });
});
