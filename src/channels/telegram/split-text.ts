/**
 * Telegram refuses longer message texts (https://core.telegram.org/bots/api#sendmessage).
 * Counted in UTF-16 code units, as JavaScript strings are; never fewer than Telegram's count.
 */
export const TELEGRAM_TEXT_MAX_LENGTH = 4096;

/**
 * Cuts a text into parts Telegram accepts, at a paragraph break, else a line break, else a
 * space, in the second half of each part; a word longer than that is cut where it must be,
 * never inside a surrogate pair.
 */
export function splitText(text: string, maxLength = TELEGRAM_TEXT_MAX_LENGTH): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > maxLength) {
    const cut = breakPoint(rest, maxLength);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  parts.push(rest);
  return parts;
}

function breakPoint(text: string, maxLength: number): number {
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = text.lastIndexOf(separator, maxLength);
    if (at >= maxLength / 2) return at;
  }
  const code = text.charCodeAt(maxLength - 1);
  const endsInsidePair = code >= 0xd800 && code <= 0xdbff;
  return endsInsidePair ? maxLength - 1 : maxLength;
}
