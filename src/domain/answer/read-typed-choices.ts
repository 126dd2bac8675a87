import { foldText } from '../fold-text.ts';

/**
 * Options picked by typing, for people without buttons (the numbered list on WhatsApp) or who
 * prefer to type: numbers ("1, 3", "1 et 3", "2"), labels ("Radio et WhatsApp"), or both.
 * Commas, spaces, "et", "and", "&" and "+" separate picks. A label wins over the words inside it,
 * so "Suivi et évaluation" stays one option. A word made of digits is always an option number,
 * so an option whose label starts with a digit can be picked by number or button, not by label.
 */
type TypedChoices =
  /** Option keys, in the options' order, each once. */
  | { kind: 'picked'; keys: string[] }
  /** A number outside 1…n: the person meant to pick, but no such option exists. */
  | { kind: 'unknown-choice' }
  /** Words that are neither an option number, nor a label, nor a separator. */
  | { kind: 'unrecognised' };

const SEPARATORS = new Set(['et', 'and']);

export function readTypedChoices(text: string, options: readonly { key: string; label: string }[]): TypedChoices {
  const words = foldText(text)
    .split(' ')
    .filter((word) => word !== '');
  const labels = options
    .map((option, index) => ({
      index,
      words: foldText(option.label)
        .split(' ')
        .filter((word) => word !== ''),
    }))
    .filter((label) => label.words.length > 0 && !/^\d+$/.test(label.words[0] ?? ''))
    .sort((a, b) => b.words.length - a.words.length);
  const picked = new Set<number>();

  for (let at = 0; at < words.length;) {
    const word = words[at] ?? '';
    if (/^\d+$/.test(word)) {
      const index = Number(word) - 1;
      if (index < 0 || index >= options.length) return { kind: 'unknown-choice' };
      picked.add(index);
      at += 1;
      continue;
    }
    const label = labels.find((candidate) =>
      candidate.words.every((labelWord, offset) => words[at + offset] === labelWord),
    );
    if (label) {
      picked.add(label.index);
      at += label.words.length;
    } else if (SEPARATORS.has(word)) {
      at += 1;
    } else {
      return { kind: 'unrecognised' };
    }
  }
  if (picked.size === 0) return { kind: 'unrecognised' };
  return { kind: 'picked', keys: options.filter((_, index) => picked.has(index)).map((option) => option.key) };
}
