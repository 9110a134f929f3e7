const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  times: '×',
  divide: '÷',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
  ntilde: 'ñ',
};

/** Slack escapes exactly these three in message text, and nothing else. */
const SLACK: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>' };

const ENTITY = /^&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));/;

/**
 * Reads one entity at `index` of `text`. Returns the decoded text and the
 * entity's length, or undefined when there is none (or it is unknown or not a
 * valid code point, which then stays as written).
 */
export function readEntity(
  text: string,
  index: number,
  source: 'markdown' | 'slack',
): { value: string; length: number } | undefined {
  const match = ENTITY.exec(text.slice(index, index + 40));
  if (!match) return undefined;
  const [whole, hex, dec, name] = match;
  if (name !== undefined) {
    const value = (source === 'slack' ? SLACK : NAMED)[name];
    return value === undefined ? undefined : { value, length: whole.length };
  }
  if (source === 'slack') return undefined;
  const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(dec);
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return valid ? { value: String.fromCodePoint(code), length: whole.length } : undefined;
}

/** Decodes every entity of `text` in one pass, so `&amp;lt;` becomes `&lt;`, not `<`. */
export function decodeEntities(text: string, source: 'markdown' | 'slack'): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const next = text.indexOf('&', i);
    if (next < 0) break;
    out += text.slice(i, next);
    const entity = readEntity(text, next, source);
    out += entity ? entity.value : '&';
    i = next + (entity ? entity.length : 1);
  }
  return out + text.slice(i);
}
