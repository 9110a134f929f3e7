/**
 * Spellings typical of one or a few languages, for words the lists do not hold
 * ("vergüenza" and "llegado" are not listed, but -ado and -ción are Spanish enough).
 * Checked on folded words of five letters or more; the first shape that fits counts,
 * for half a word, split between its languages.
 */
const SHAPES: ReadonlyArray<readonly [shape: RegExp, languages: readonly string[]]> = [
  [/cion(?:es)?$/, ['es']],
  [/iendo$/, ['es']],
  [/(?:cao|coes)$/, ['pt']],
  [/zion[ei]$/, ['it']],
  [/(?:gli|zz|cch)/, ['it']],
  [/(?:ado|ada|ados|adas|ido|ida|idos|idas)$/, ['es', 'pt']],
  [/ando$/, ['es', 'pt', 'it']],
  [/mente$/, ['es', 'pt', 'it']],
  [/(?:nh|lh)/, ['pt']],
  [/(?:ing|ight|ould)$/, ['en']],
  [/th/, ['en']],
  [/tions?$/, ['en', 'fr']],
  [/(?:aient|ait|ais|eux|euse)$/, ['fr']],
  [/(?:ung|ungen|keit|heit|lich)$/, ['de']],
  [/sch/, ['de', 'nl']],
  [/ij/, ['nl']],
  [/tx/, ['ca']],
  [/(?:sz|cz|rz)/, ['pl']],
  [/[iu]yor/, ['tr']],
];

const SHAPE_WEIGHT = 0.5;

/** Evidence from the shape of a word no list holds: [language, weight] pairs, or none. */
export function wordShapeEvidence(word: string): ReadonlyArray<readonly [string, number]> {
  if (word.length < 5) return [];
  for (const [shape, languages] of SHAPES) {
    if (shape.test(word)) return languages.map((language) => [language, SHAPE_WEIGHT / languages.length] as const);
  }
  return [];
}
