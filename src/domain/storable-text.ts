/**
 * What platforms send is stored as it came, except what PostgreSQL cannot hold: a NUL character
 * (refused in `text` and in `jsonb` alike) and a lone UTF-16 surrogate (not a character at all,
 * so it has no UTF-8 form). Both become U+FFFD, the replacement character, so the rest of the
 * message is kept.
 */
const REPLACEMENT_CHARACTER = '\uFFFD';

// eslint-disable-next-line no-control-regex -- NUL is precisely what is looked for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` with NUL characters and lone surrogates replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, REPLACEMENT_CHARACTER);
}

/**
 * `value` with every string in it (object keys too) made storable; other values are kept as
 * they are. Returns the same object when nothing needed replacing.
 */
export function storableValue<T>(value: T): T {
  return storable(value) as T;
}

function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) {
    const items = value.map(storable);
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const entries = Object.entries(value).map(([key, item]) => {
      const storableKey = storableText(key);
      const storableItem = storable(item);
      if (storableKey !== key || storableItem !== item) changed = true;
      return [storableKey, storableItem] as const;
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}

/** The earliest and latest instants a platform timestamp may name; outside them it is a mistake or a forgery. */
const EARLIEST_SENT_AT = new Date('2000-01-01T00:00:00.000Z');
const LATEST_SENT_AT = new Date('2100-01-01T00:00:00.000Z');

/**
 * The instant a platform says a message was sent, when it is a real date between 2000 and 2100;
 * undefined otherwise (`date: 1e15`, a 20-digit timestamp), and the caller dates the message by
 * its reception instead.
 */
export function plausibleSentAt(unixSeconds: number): Date | undefined {
  if (!Number.isFinite(unixSeconds)) return undefined;
  const ms = unixSeconds * 1000;
  if (ms < EARLIEST_SENT_AT.getTime() || ms >= LATEST_SENT_AT.getTime()) return undefined;
  return new Date(ms);
}
