/**
 * How sure the local answerer is that its best passage answers the question: a logistic model
 * over three measures of the retrieval evidence, each in 0–1 whatever the size of the knowledge
 * base. Fit on the development sets by `bench/fit-kb-confidence.ts`, which prints a model to
 * paste here (docs/knowledge-base.md, "Confidence"). Pure.
 */
export interface ConfidenceFeatures {
  /** Weighted share of the question's concepts the answering chunk expresses. */
  coverage: number;
  /** How far the top chunk stands out from the best chunk of any other document. */
  margin: number;
  /** How rare the rarest concept the answering chunk misses is (0: it misses none). */
  missingRarity: number;
}

export const CONFIDENCE_FEATURES = ['coverage', 'margin', 'missingRarity'] as const satisfies ReadonlyArray<
  keyof ConfidenceFeatures
>;

export interface ConfidenceModel {
  intercept: number;
  weights: ConfidenceFeatures;
  /** Probability from which the passage is given as the answer; below it, the answerer is unsure. */
  threshold: number;
}

/**
 * Fit by `npx tsx bench/fit-kb-confidence.ts --corpus /work/shared/corpus/destinations` on the
 * development sets only (examples/knowledge/questions.jsonl, tests/fixtures/eval/corpus-questions,
 * corpus-dev2 and corpus-heldout2): answerable questions whose expected document ranked first
 * against unanswerable ones, weighted to count as many, L2 penalty 1. The threshold minimises how
 * far the sets fall short of the targets (≤ 0.10 of answerable questions unsure, ≥ 0.85 of
 * unanswerable ones unsure). tests/fixtures/eval/corpus-heldout3.jsonl was not used.
 */
export const defaultConfidenceModel: ConfidenceModel = {
  intercept: -2.9,
  weights: { coverage: 3.77, margin: 1.29, missingRarity: -0.95 },
  threshold: 0.42,
};

/** The model's probability that the passage answers the question. */
export function confidenceProbability(features: ConfidenceFeatures, model = defaultConfidenceModel): number {
  let z = model.intercept;
  for (const name of CONFIDENCE_FEATURES) z += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}
