import { GENERAL_WORD_WEIGHT, isGeneralTerm } from './general-words';
import type { QueryConcept } from './normalize';

/** Credit for a concept a passage expresses only through one of its synonyms. */
export const SYNONYM_CREDIT = 0.8;

/**
 * A number in a question is usually the traveler's own situation (an age, a time, a count)
 * that documents state as a rule or a range, so it weighs half a word of the same rarity.
 */
export const NUMBER_WEIGHT = 0.5;

export interface Coverage {
  /** Weighted share (0–1) of the question's concepts the passage expresses. */
  coverage: number;
  /** Concepts the passage does not express, rarest first: why an answer is unsure. */
  missing: string[];
  /** Weight (`weightOf`, discounted as in coverage) of the rarest concept the passage does not express; 0 when none. */
  rarestMissingWeight: number;
}

/**
 * How much of a question a passage answers: each concept weighs its rarity (`weightOf`, an
 * IDF, so "casino" counts more than "day") and is credited 1 when the passage has the
 * traveler's own terms, SYNONYM_CREDIT when it has only a synonym, 0 otherwise. Pure.
 */
export function measureCoverage(
  concepts: readonly QueryConcept[],
  hasTerm: (term: string) => boolean,
  weightOf: (term: string) => number,
): Coverage {
  let total = 0;
  let covered = 0;
  const missing: Array<{ key: string; weight: number }> = [];
  for (const concept of concepts) {
    const weight = conceptWeight(concept, weightOf);
    total += weight;
    if (concept.terms.length > 0 && concept.terms.every(hasTerm)) covered += weight;
    else if (concept.alternatives.some((terms) => terms.every(hasTerm))) covered += weight * SYNONYM_CREDIT;
    else missing.push({ key: concept.key, weight });
  }
  missing.sort((a, b) => b.weight - a.weight);
  return {
    coverage: total > 0 ? covered / total : 0,
    missing: missing.map((m) => m.key),
    rarestMissingWeight: missing[0]?.weight ?? 0,
  };
}

/**
 * The rarest of the traveler's terms; for an idiom ("call off"), the rarest term of its meaning.
 * Numbers weigh NUMBER_WEIGHT of that, general question-framing words ("seem", "famous")
 * GENERAL_WORD_WEIGHT.
 */
function conceptWeight(concept: QueryConcept, weightOf: (term: string) => number): number {
  const terms = concept.terms.length > 0 ? concept.terms : (concept.alternatives[0] ?? []);
  const weight = terms.reduce((max, term) => Math.max(max, weightOf(term)), 0);
  if (terms.length === 0) return weight;
  if (terms.every((term) => /^\p{N}+$/u.test(term))) return weight * NUMBER_WEIGHT;
  return terms.every(isGeneralTerm) ? weight * GENERAL_WORD_WEIGHT : weight;
}
