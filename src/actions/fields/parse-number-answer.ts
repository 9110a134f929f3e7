import { displayLocale } from './calendar-date';
import type { FieldParse, FieldParseContext } from './field-parse';
import { fieldReason } from './field-reasons';
import { answerWords } from './normalize-answer';

/**
 * A non-negative number, in digits ("12", "1,500", "2,5" in French) or in words up to twenty
 * (English, French, Spanish). A number inside a sentence counts ("we are 14"), as long as there
 * is only one.
 */

const numberWords: ReadonlyMap<string, number> = new Map([
  ...[
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty',
    'zero un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix_sept dix_huit dix_neuf vingt',
    'cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciseis diecisiete dieciocho diecinueve veinte',
  ].flatMap((list) => list.split(' ').map((word, value): [string, number] => [word.replace('_', ' '), value])),
  ['une', 1],
  ['una', 1],
]);
/** Words that are also articles ("un groupe de douze"): they count only when no other number is given. */
const articles = new Set(['un', 'une', 'uno', 'una', 'one']);

function decimalSeparator(language: string): string {
  const parts = new Intl.NumberFormat(displayLocale(language)).formatToParts(1.5);
  return parts.find((part) => part.type === 'decimal')?.value ?? '.';
}

/**
 * One number written in digits: "1,500" is 1500 in English and 1.5 in French (the language's
 * decimal separator wins when a single separator could be either); "1.500,75" is 1500.75.
 * NaN when the separators make no number ("1.2.3").
 */
export function readDigits(token: string, decimal: string): number {
  const compact = token.replace(/[\s\u00a0\u202f'’]/gu, '');
  const separators = compact.replace(/\d/g, '');
  const last = separators.at(-1);
  if (last === undefined) return Number(compact);
  const groupsOf = (separator: string, text: string) => new RegExp(`^\\d{1,3}(?:\\${separator}\\d{3})*$`).test(text);
  if ([...separators].every((c) => c === last)) {
    if (separators.length > 1) return groupsOf(last, compact) ? Number(compact.replaceAll(last, '')) : Number.NaN;
    if (last !== decimal && groupsOf(last, compact)) return Number(compact.replace(last, ''));
    return Number(compact.replace(last, '.'));
  }
  // Both separators: the last one is the decimal separator, the other one groups thousands.
  const group = last === '.' ? ',' : '.';
  const [whole = '', fraction = '', ...more] = compact.split(last);
  if (more.length > 0 || !groupsOf(group, whole)) return Number.NaN;
  return Number(`${whole.replaceAll(group, '')}.${fraction}`);
}

function wordNumbers(text: string): number[] {
  const words = answerWords(text.replace(/(?<=\p{L})-(?=\p{L})/gu, ' '));
  const found: Array<{ value: number; article: boolean }> = [];
  for (let i = 0; i < words.length; i++) {
    const pair = numberWords.get(`${words[i]} ${words[i + 1]}`);
    const word = words[i] ?? '';
    if (pair !== undefined) {
      found.push({ value: pair, article: false });
      i++;
    } else {
      const value = numberWords.get(word);
      if (value !== undefined) found.push({ value, article: articles.has(word) });
    }
  }
  const meaningful = found.filter((number) => !number.article);
  return (meaningful.length > 0 ? meaningful : found).map((number) => number.value);
}

export function parseNumberAnswer(answer: string, context: FieldParseContext): FieldParse {
  const { language } = context;
  const text = answer.trim();
  if (/(?:^|[\s(:])[-−–]\s*\d|\b(?:minus|moins|menos)\s+\d/iu.test(text)) {
    return { ok: false, reason: fieldReason('numberNegative', language) };
  }
  // Spaces join digits only as thousands groups ("1 500"), so "12 15" stays two numbers.
  const tokens = text.match(/\d+(?:[\s\u00a0\u202f'’]\d{3}(?!\d)|[.,]\d+)*/gu) ?? [];
  const decimal = decimalSeparator(language);
  const numbers = [
    ...new Set(tokens.length > 0 ? tokens.map((token) => readDigits(token, decimal)) : wordNumbers(text)),
  ];
  const [value] = numbers;
  if (value === undefined) return { ok: false, reason: fieldReason('numberUnreadable', language) };
  if (numbers.length > 1) return { ok: false, reason: fieldReason('numberSeveral', language) };
  if (!Number.isFinite(value)) return { ok: false, reason: fieldReason('numberUnreadable', language) };
  return { ok: true, value, display: new Intl.NumberFormat(displayLocale(language)).format(value) };
}
