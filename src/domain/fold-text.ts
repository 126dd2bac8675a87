/**
 * A text reduced to what people mean when they type it on a phone: lower case, no accents, and
 * punctuation read as a space, so "Lancé, avec des utilisateurs" and "lance avec des
 * utilisateurs" compare equal. Used to match typed answers against labels.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
