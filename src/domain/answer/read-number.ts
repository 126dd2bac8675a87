/**
 * A number as people write it in French or English: "12", "-3", "3,5", "3.5", "1 200" (with a
 * space, a no-break space or a thin space between thousands), "1 200,5", "1.200.000",
 * "1,200.50", "1.200,50". A lone separator followed by exactly three digits ("1,200", "1.200")
 * means 1.2 to some readers and 1200 to others, so it comes back as `ambiguous`.
 */
type NumberReading =
  { kind: 'number'; value: number } | { kind: 'ambiguous'; readings: [decimal: number, thousands: number] };

const SPACE_GROUPED = /^\d{1,3}(?:[ \u00A0\u202F\u2009]\d{3})+(?:[.,]\d+)?$/;
const PLAIN = /^\d+$/;
const ONE_SEPARATOR = /^(\d*)[.,](\d+)$/;
const REPEATED_GROUPS = /^\d{1,3}([.,])\d{3}(?:\1\d{3})+$/;
const DOT_GROUPS_COMMA_DECIMAL = /^\d{1,3}(?:\.\d{3})+,\d+$/;
const COMMA_GROUPS_DOT_DECIMAL = /^\d{1,3}(?:,\d{3})+\.\d+$/;

export function readNumber(text: string): NumberReading | null {
  const reading = readDigits(text);
  // Hundreds of digits make Infinity, which is no answer and cannot be stored as JSON.
  if (reading?.kind === 'number' && !Number.isFinite(reading.value)) return null;
  if (reading?.kind === 'ambiguous' && !reading.readings.every(Number.isFinite)) return null;
  return reading;
}

function readDigits(text: string): NumberReading | null {
  const trimmed = text.trim().replace(/^\u2212/, '-');
  const sign = trimmed.startsWith('-') ? -1 : 1;
  const body = trimmed.replace(/^[+-]/, '');
  const value = (digits: string) => sign * Number(digits);

  if (PLAIN.test(body)) return { kind: 'number', value: value(body) };
  // Spaces already mark the thousands, so the one separator left can only be the decimal one.
  if (SPACE_GROUPED.test(body))
    return { kind: 'number', value: value(body.replace(/[ \u00A0\u202F\u2009]/g, '').replace(',', '.')) };
  if (REPEATED_GROUPS.test(body)) return { kind: 'number', value: value(body.replace(/[.,]/g, '')) };
  if (DOT_GROUPS_COMMA_DECIMAL.test(body))
    return { kind: 'number', value: value(body.replace(/\./g, '').replace(',', '.')) };
  if (COMMA_GROUPS_DOT_DECIMAL.test(body)) return { kind: 'number', value: value(body.replace(/,/g, '')) };
  const match = ONE_SEPARATOR.exec(body);
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  const decimal = value(`${whole || '0'}.${fraction}`);
  // A thousands group never follows a bare or zero-led integer part: "0,500" and ",500" are decimals.
  if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole)) {
    return { kind: 'ambiguous', readings: [decimal, value(`${whole}${fraction}`)] };
  }
  return { kind: 'number', value: decimal };
}
