import { fieldPatternFlags } from '../../config/baton-config.schema';
import type { FieldParse, FieldParseContext } from './field-parse';
import { fieldReason } from './field-reasons';

export const maxTextAnswerLength = 500;

/** Free text: trimmed, not empty, at most 500 characters. */
export function parseTextAnswer(answer: string, context: FieldParseContext): FieldParse {
  const text = answer.trim();
  if (text === '') return { ok: false, reason: fieldReason('empty', context.language) };
  if ([...text].length > maxTextAnswerLength) {
    return { ok: false, reason: fieldReason('textTooLong', context.language, { max: String(maxTextAnswerLength) }) };
  }
  return { ok: true, value: text, display: text };
}

/**
 * An answer matching the field's pattern. Tried as typed, then without surrounding punctuation,
 * then upper-cased; then a code written in groups ("k7q-2zb", "K7Q 2ZB") joined; then a code
 * inside a sentence ("my code is k7q2zb"). The form that matched is stored ("K7Q2ZB").
 * Groups and words count as code only when they look like one (a digit, or typed in capitals),
 * so "it is 12" is not read as the code "ITIS12".
 */
export function parsePatternAnswer(answer: string, pattern: string, context: FieldParseContext): FieldParse {
  const typed = answer.trim();
  if (typed === '') return { ok: false, reason: fieldReason('empty', context.language) };
  const bare = typed.replace(/^[\s"'“”«»(]+|[\s"'“”«»).!?,;:]+$/gu, '');
  const looksLikeCode = (part: string) => /\p{N}/u.test(part) || (part.length > 1 && part === part.toUpperCase());
  const groups = bare.split(/[\s-]+/u).filter(Boolean);
  const compact = groups.length > 1 && groups.every(looksLikeCode) ? [groups.join('').toUpperCase()] : [];
  const words = typed
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && looksLikeCode(word))
    .map((word) => word.toUpperCase());
  const regex = new RegExp(pattern, fieldPatternFlags);
  const match = [typed, bare, bare.toUpperCase(), ...compact, ...words].find((candidate) => regex.test(candidate));
  return match === undefined
    ? { ok: false, reason: fieldReason('patternMismatch', context.language) }
    : { ok: true, value: match, display: match };
}
