import stem = require('wink-porter2-stemmer');

/**
 * Text analysis shared by indexing and querying, so both sides produce the same
 * terms: lower case, no accents, split on anything that is not a letter or a digit,
 * English stop words dropped, Porter2 stems. Pure.
 */

const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers
  herself him himself his how i if in into is it its itself just me more most my myself no nor not of off on once
  only or other our ours ourselves out over own same she should so some such than that the their theirs them
  themselves then there these they this those through to too under until up very was we were what when where which
  while who whom why will with would you your yours yourself yourselves s t don get got tell know want need please
  hi hello thanks thank there's what's it's i'm`.split(/\s+/),
);

/** Lower case without diacritics ("Mérignac" → "merignac"). */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Normalised words and numbers, in order, stop words included. */
export function tokenize(text: string): string[] {
  return normalizeText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

/** One normalised token → its index term, or null when it carries no meaning (stop word, single letter). */
export function toTerm(token: string): string | null {
  if (isStopWord(token)) return null;
  if (token.length < 2 && !/\p{N}/u.test(token)) return null;
  return /^\p{N}+$/u.test(token) ? token : stem(token);
}

/** The index terms of a text, in order (duplicates kept). */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = toTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/**
 * Travel synonyms, written as plain words: each group is mutually expanding. Applied to
 * queries only, so a traveler's "shuttle from the airport" also finds "bus to the terminal".
 */
const SYNONYM_GROUPS: string[][] = [
  ['airport', 'terminal', 'flight', 'arrival', 'plane', 'fly'],
  ['transfer', 'shuttle', 'pickup', 'ride', 'bus', 'get around'],
  ['hotel', 'accommodation', 'lodging', 'hostel', 'sleep', 'stay', 'room', 'check-in'],
  ['visa', 'entry', 'passport', 'immigration', 'customs'],
  ['emergency', 'hospital', 'police', 'ambulance', 'safe', 'safety', 'crime', 'danger'],
  ['price', 'cost', 'fee', 'fare', 'expensive', 'cheap', 'budget'],
  ['cancel', 'refund'],
  ['luggage', 'baggage', 'suitcase', 'bag'],
  ['centre', 'center', 'downtown', 'city'],
  ['train', 'rail', 'railway', 'station', 'tgv', 'ktx'],
  ['taxi', 'cab', 'uber'],
  ['restaurant', 'eat', 'food', 'dine', 'dinner', 'lunch', 'meal', 'cuisine'],
  ['bar', 'drink', 'pub', 'nightlife', 'beer', 'wine'],
  ['shop', 'buy', 'shopping', 'market', 'souvenir'],
  ['museum', 'gallery', 'exhibition', 'art'],
  ['bike', 'bicycle', 'cycle', 'cycling'],
  ['subway', 'metro', 'underground', 'tram', 'tramway'],
  ['internet', 'wifi', 'connect'],
  ['car', 'drive', 'rental', 'parking'],
  ['beach', 'sea', 'swim', 'coast'],
  ['boat', 'ferry', 'cruise'],
  ['weather', 'climate', 'rain', 'temperature'],
  ['consulate', 'embassy'],
  ['walk', 'foot', 'hike', 'hiking'],
];

/** Stemmed term → stemmed synonym terms. */
const SYNONYMS: Map<string, Set<string>> = buildSynonyms(SYNONYM_GROUPS);

function buildSynonyms(groups: string[][]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = group.flatMap((phrase) => analyze(phrase));
    for (const term of terms) {
      const set = map.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) set.add(other);
      map.set(term, set);
    }
  }
  return map;
}

/** Stemmed synonyms of one stemmed term (empty when it has none). */
export function synonymsOf(term: string): ReadonlySet<string> {
  return SYNONYMS.get(term) ?? EMPTY;
}

const EMPTY: ReadonlySet<string> = new Set();

export interface QueryTerms {
  /** The question's own terms, de-duplicated, in order. */
  original: string[];
  /** Synonyms of the original terms that are not original terms themselves. */
  expanded: string[];
}

/** A question's terms plus their travel synonyms. */
export function analyzeQuery(question: string): QueryTerms {
  const original = [...new Set(analyze(question))];
  const seen = new Set(original);
  const expanded: string[] = [];
  for (const term of original) {
    for (const synonym of SYNONYMS.get(term) ?? []) {
      if (!seen.has(synonym)) {
        seen.add(synonym);
        expanded.push(synonym);
      }
    }
  }
  return { original, expanded };
}
