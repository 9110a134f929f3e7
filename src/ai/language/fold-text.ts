// Letters that Unicode does not decompose into a base letter and a mark, so NFD leaves them alone.
const UNDECOMPOSED: Record<string, string> = { ı: 'i', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd' };

/**
 * Lower case without diacritics, for matching words whatever the traveler's keyboard
 * ("Où est mon bagage" and "ou est mon bagage" fold alike, "Gepäck" → "gepack",
 * "havalimanı" → "havalimani"). The word lists are folded the same way. Pure.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ıłøæœßđ]/g, (letter) => UNDECOMPOSED[letter] ?? letter)
    .replace(/[’`´]/g, "'");
}
