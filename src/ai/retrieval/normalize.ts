import stem = require('wink-porter2-stemmer');

import { SYNONYM_GROUPS, TRAVELER_PHRASES } from './travel-synonyms';

/**
 * Text analysis shared by indexing and querying, so both sides produce the same
 * terms: lower case, no accents, split on anything that is not a letter or a digit
 * (and between letters and digits: "3am" is "3 am"), English stop words and question
 * fillers dropped, irregular forms mapped to their base word, Porter2 stems. Pure.
 */

const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by can could did do does doing down during each few for from further had has have having he her here hers
  herself him himself his how i if in into is it its itself just me more most my myself no nor not of off on once
  only or other our ours ourselves out over own same she should so some such than that the their theirs them
  themselves then there these they this those through to too under until up very was we were what when where which
  while who whom why will with would you your yours yourself yourselves s t don get got tell know want need please
  hi hello thanks thank there's what's it's i'm
  someone somebody anyone anybody anything something somewhere anywhere everything everyone still ok okay also
  really actually possible possibly way ways thing things happen happens happened go goes going went gone let lot
  lots else ever maybe probably shall might much many long far often best good great nice find ask take expect
  without ahead enough idea`.split(/\s+/),
);

/** Irregular forms Porter2 leaves apart from their base word ("children" → "child", "stolen" → "steal"). */
const IRREGULAR_FORMS: Record<string, string> = {
  children: 'child',
  men: 'man',
  women: 'woman',
  feet: 'foot',
  teeth: 'tooth',
  stolen: 'steal',
  stole: 'steal',
  lost: 'lose',
  flew: 'fly',
  flown: 'fly',
  flies: 'fly',
  ate: 'eat',
  eaten: 'eat',
  drank: 'drink',
  drunk: 'drink',
  took: 'take',
  taken: 'take',
  bought: 'buy',
  paid: 'pay',
  sold: 'sell',
  rode: 'ride',
  ridden: 'ride',
  swam: 'swim',
  swum: 'swim',
  slept: 'sleep',
  spent: 'spend',
  broken: 'break',
  broke: 'break',
  built: 'build',
  buses: 'bus',
  came: 'come',
  // Number words become digits, so "five weeks" and "5 weeks" are the same terms.
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
};

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
    .split(/[^\p{L}\p{N}]+|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u)
    .filter((token) => token.length > 0);
}

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

// Stemming dominates analysis time; a knowledge base has a bounded vocabulary.
const stemCache = new Map<string, string>();

/** One normalised token → its index term, or null when it carries no meaning (stop word, single letter). */
export function toTerm(token: string): string | null {
  if (isStopWord(token)) return null;
  if (token.length < 2 && !/\p{N}/u.test(token)) return null;
  if (/^\p{N}+$/u.test(token)) return token;
  let term = stemCache.get(token);
  if (term === undefined) {
    // Own keys only: a traveler's "constructor" is a word, not Object.prototype.constructor.
    const base = Object.hasOwn(IRREGULAR_FORMS, token) ? (IRREGULAR_FORMS[token] ?? token) : token;
    term = /^\p{N}+$/u.test(base) ? base : stem(base);
    if (stemCache.size < 200_000) stemCache.set(token, term);
  }
  return term;
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
 * One thing the traveler asked about: a word, or a phrase known as a whole ("cash machine",
 * "call off"). Coverage (see KnowledgeIndex) asks whether a passage expresses each concept.
 */
export interface QueryConcept {
  /** The concept as shown in explanations: a term, or the phrase as written. */
  key: string;
  /** The traveler's own terms; the passage has the concept when it has all of them. Empty for an idiom. */
  terms: string[];
  /** Other ways to say it: each alternative is a list of terms the passage must all have. */
  alternatives: string[][];
}

export interface QueryTerms {
  /** The question's own terms, de-duplicated, in order. */
  original: string[];
  /** Synonym and phrase-meaning terms that are not original terms themselves. */
  expanded: string[];
  concepts: QueryConcept[];
}

interface Lexicon {
  /** Term → the alternatives of every synonym group it belongs to. */
  alternatives: Map<string, string[][]>;
  /** Phrases detected in questions, longest first: their tokens and what they become. */
  phrases: Array<{ tokens: string[]; terms: string[]; alternatives: string[][]; weak: boolean }>;
}

const LEXICON: Lexicon = buildLexicon();

function buildLexicon(): Lexicon {
  const alternatives = new Map<string, string[][]>();
  const phrases: Lexicon['phrases'] = [];
  for (const group of SYNONYM_GROUPS) {
    const entries = group.map((phrase) => ({ phrase, terms: [...new Set(analyze(phrase))] }));
    for (const entry of entries) {
      if (entry.terms.length === 0) continue;
      const others = entries.filter((other) => other !== entry && other.terms.length > 0).map((other) => other.terms);
      if (entry.terms.length === 1) {
        const term = entry.terms[0] ?? '';
        alternatives.set(term, distinct([...(alternatives.get(term) ?? []), ...others], entry.terms));
      } else {
        phrases.push({
          tokens: tokenize(entry.phrase),
          terms: entry.terms,
          alternatives: distinct(others, entry.terms),
          weak: false,
        });
      }
    }
  }
  for (const { phrase, meaning, weak } of TRAVELER_PHRASES) {
    phrases.push({
      // "#" stands for any number ("# year old").
      tokens: phrase.split(' ').flatMap((word) => (word === '#' ? ['#'] : tokenize(word))),
      terms: [],
      alternatives: distinct(
        meaning.map((word) => analyze(word)).filter((terms) => terms.length > 0),
        [],
      ),
      weak: weak === true,
    });
  }
  phrases.sort((a, b) => b.tokens.length - a.tokens.length);
  return { alternatives, phrases };
}

/** Alternatives without repeats ("cancel" and "cancellation" are one term) and without the concept itself. */
function distinct(alternatives: string[][], self: string[]): string[][] {
  const seen = new Set([self.join(' ')]);
  return alternatives.filter((terms) => {
    const key = terms.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Stemmed synonyms of one stemmed term (empty when it has none); phrase synonyms contribute all their terms. */
export function synonymsOf(term: string): ReadonlySet<string> {
  return new Set((LEXICON.alternatives.get(term) ?? []).flat());
}

function matchesToken(pattern: string, token: string | undefined): boolean {
  return pattern === '#' ? token !== undefined && /^\p{N}+$/u.test(token) : pattern === token;
}

/** A question's concepts, with its own terms and the travel synonyms that may stand for them. */
export function analyzeQuery(question: string): QueryTerms {
  const tokens = tokenize(question);
  const concepts = new Map<string, QueryConcept>();
  const weakTerms: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const phrase = LEXICON.phrases.find((p) => p.tokens.every((token, k) => matchesToken(token, tokens[i + k])));
    if (phrase) {
      if (phrase.weak) weakTerms.push(...phrase.alternatives.flat());
      else {
        const key = phrase.tokens.join(' ');
        concepts.set(key, { key, terms: phrase.terms, alternatives: phrase.alternatives });
      }
      i += phrase.tokens.length;
      continue;
    }
    const term = toTerm(tokens[i] ?? '');
    i += 1;
    if (term === null || concepts.has(term)) continue;
    concepts.set(term, { key: term, terms: [term], alternatives: LEXICON.alternatives.get(term) ?? [] });
  }
  const original = [...new Set([...concepts.values()].flatMap((concept) => concept.terms))];
  const seen = new Set(original);
  const expanded: string[] = [];
  for (const term of [...[...concepts.values()].flatMap((concept) => concept.alternatives.flat()), ...weakTerms]) {
    if (!seen.has(term)) {
      seen.add(term);
      expanded.push(term);
    }
  }
  return { original, expanded, concepts: [...concepts.values()] };
}
