/**
 * Shortens text to at most `maxLength` characters, cutting after the last whole
 * sentence that fits, else after the last whole word (with an ellipsis). Pure.
 */
export function trimText(text: string, maxLength: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLength) return clean;
  if (maxLength <= 1) return clean.slice(0, Math.max(0, maxLength));
  const head = clean.slice(0, maxLength);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentenceEnd >= maxLength / 3) return head.slice(0, sentenceEnd + 1);
  if (/[.!?]$/.test(head) && clean[maxLength] === ' ') return head;
  // Room for the ellipsis; keep the last word only when it ends exactly at the cut.
  const room = head.slice(0, maxLength - 1);
  const wordEnd = /\s/.test(clean[maxLength - 1] ?? ' ') ? room.length : room.lastIndexOf(' ');
  return `${(wordEnd > 0 ? room.slice(0, wordEnd) : room).replace(/[\s,;:–-]+$/, '')}…`;
}
