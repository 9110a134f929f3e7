import { normalizeText } from '../../ai/retrieval/normalize';

/**
 * Answer text reduced for matching words: lower case, no accents, typographic apostrophes made
 * plain, anything that is not a letter, a digit or an apostrophe turned into single spaces.
 */
export function normalizeAnswer(text: string): string {
  return normalizeText(text)
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/** The normalised words of a text. */
export function answerWords(text: string): string[] {
  const normalized = normalizeAnswer(text);
  return normalized === '' ? [] : normalized.split(' ');
}

/** True when `phrase` occurs in `text` as whole words (any case, with or without accents). */
export function containsWords(text: string, phrase: string): boolean {
  const needle = normalizeAnswer(phrase);
  return needle !== '' && ` ${normalizeAnswer(text)} `.includes(` ${needle} `);
}

/** The language without its region: "pt-BR" → "pt". */
export function baseLanguage(language: string): string {
  return language.toLowerCase().split('-')[0] ?? language;
}
