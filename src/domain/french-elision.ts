/** Letters that open a word with a vowel sound in French, whatever their accent; a mute h counts. */
const VOWEL_START = /^[aeiouàâäéèêëîïôöùûüæœh]/i;
/** A y before a consonant sounds as a vowel (Yves); before a vowel it is a consonant (Yasmine). */
const Y_AS_VOWEL = /^y[^aeiouàâäéèêëîïôöùûü]/i;

/**
 * "de" before a name, elided as French writes it before a vowel or a mute h: "d'Awa Koné",
 * "d'Hélène", "d'Yves", but "de Koffi", "de Yasmine".
 */
export function de(name: string): string {
  return VOWEL_START.test(name) || Y_AS_VOWEL.test(name) ? `d'${name}` : `de ${name}`;
}
