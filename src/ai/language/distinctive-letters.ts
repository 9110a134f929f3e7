/**
 * Letters that only some languages use, as evidence for them each time one appears
 * (folding drops them from the words, so they are counted here, on the text as typed).
 * A letter used by one language weighs 1; a shared one weighs 0.5, split between them.
 */
const LETTERS: ReadonlyArray<readonly [letters: string, languages: readonly string[]]> = [
  ['ñ¿¡', ['es']],
  ['ãõ', ['pt']],
  ['ß', ['de']],
  ['ąęłśźżćń', ['pl']],
  ['ışğ', ['tr']],
  ['ìî', ['it']],
  ['ûœ', ['fr']],
  ['ç', ['fr', 'pt', 'ca', 'tr']],
  ['ä', ['de', 'sv']],
  ['ö', ['de', 'sv', 'tr']],
  ['ü', ['de', 'tr']],
  ['å', ['sv', 'da', 'no']],
  ['æø', ['da', 'no']],
  ['é', ['fr', 'es', 'pt', 'it', 'ca']],
  ['èò', ['fr', 'it', 'ca']],
  ['êâô', ['fr', 'pt']],
  ['ù', ['fr', 'it']],
  ['à', ['fr', 'it', 'pt', 'ca']],
  ['íú', ['es', 'pt', 'ca']],
  ['ó', ['es', 'pt', 'ca', 'pl']],
  ['á', ['es', 'pt']],
  ['ï', ['fr', 'ca']],
  ['ыэё', ['ru']],
  ['ъ', ['bg']],
  ['іїєґ', ['uk']],
];

/** Letter → evidence per language, for each occurrence. */
export const DISTINCTIVE_LETTERS: ReadonlyMap<string, ReadonlyArray<readonly [string, number]>> = new Map(
  LETTERS.flatMap(([letters, languages]) => {
    const weight = languages.length === 1 ? 1 : 0.5 / languages.length;
    const evidence = languages.map((language) => [language, weight] as const);
    return [...letters].map((letter) => [letter, evidence] as const);
  }),
);
