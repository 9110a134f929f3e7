/**
 * Fits the local answerer's confidence model (src/ai/answer/confidence-model.ts) on the
 * development question sets, and prints it with the figures it gives on each set.
 *
 *   npx tsx bench/fit-kb-confidence.ts [--corpus <destinations dir>] [--l2 1] [--cv]
 *
 * Development sets: examples/knowledge/questions.jsonl on examples/knowledge, and, with --corpus,
 * tests/fixtures/eval/corpus-questions, corpus-dev2, corpus-heldout2 and corpus-heldout3 on the
 * Wikivoyage corpus (SOURCE.md excluded). The held-out set (corpus-heldout5) is never read here: it
 * measures the model once it is chosen (bench/eval-kb.ts). With --cv, also leave-one-set-out
 * cross-validation: each set measured by the model fit and thresholded on the others.
 *
 * Each question is searched and its evidence measured as the answerer does. Examples: answerable
 * questions whose expected document ranked first (label 1) and unanswerable ones (label 0),
 * weighted so both classes count as much; questions answered from another document are left out
 * (neither label is right for them), and so are those the answerer's rules already make unsure
 * (a place of another document, a missing kind of fact). The threshold is the probability that
 * falls least short of the targets on the sets, each set counted once: answerable questions
 * unsure ≤ 0.10, unanswerable questions unsure ≥ 0.85.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CONFIDENCE_FEATURES,
  type ConfidenceFeatures,
  type ConfidenceModel,
  confidenceProbability,
  defaultConfidenceModel,
} from '../src/ai/answer/confidence-model';
import { confidenceFeatures, measureEvidence } from '../src/ai/answer/local-answerer';
import { KnowledgeIndex } from '../src/ai/retrieval/knowledge-index';
import { type EvalQuestion, loadChunks, parseQuestions } from './eval-kb';
import { fitLogistic } from './lib/fit-logistic';

export interface ConfidenceExample {
  set: string;
  answerable: boolean;
  /** The expected document ranked first (answerable questions only). */
  firstIsExpected: boolean;
  /** The answerer's rules make it unsure whatever the model says. */
  vetoed: boolean;
  features: ConfidenceFeatures;
}

export const TARGETS = { maxAnswerableUnsure: 0.1, minUnanswerableUnsure: 0.85 };

/** Each question's evidence, searched as bench/eval-kb.ts does. */
export function collectExamples(index: KnowledgeIndex, questions: EvalQuestion[], set: string): ConfidenceExample[] {
  return questions.map((question) => {
    const results = index.search(question.q, { limit: 20 });
    const evidence = measureEvidence(results, question.q);
    return {
      set,
      answerable: question.doc !== null,
      firstIsExpected: question.doc !== null && results[0]?.documentPath === question.doc,
      vetoed: (evidence.unmatchedNames?.length ?? 0) > 0 || evidence.typeExpressed === false,
      features: confidenceFeatures(evidence),
    };
  });
}

/** How far the sets fall short of the targets with this model, summed over sets. Pure. */
export function targetShortfall(examples: readonly ConfidenceExample[], model: ConfidenceModel): number {
  let shortfall = 0;
  for (const figures of Object.values(unsureRates(examples, model))) {
    shortfall += Math.max(0, figures.answerableUnsure - TARGETS.maxAnswerableUnsure);
    shortfall += Math.max(0, TARGETS.minUnanswerableUnsure - figures.unanswerableUnsure);
  }
  return shortfall;
}

/** Per set, the share of answerable and of unanswerable questions the model leaves unsure. Pure. */
export function unsureRates(
  examples: readonly ConfidenceExample[],
  model: ConfidenceModel,
): Record<string, { answerableUnsure: number; unanswerableUnsure: number }> {
  const counts = new Map<string, { answerable: number[]; unanswerable: number[] }>();
  for (const example of examples) {
    const count = counts.get(example.set) ?? { answerable: [0, 0], unanswerable: [0, 0] };
    const unsure = example.vetoed || confidenceProbability(example.features, model) < model.threshold;
    const bucket = example.answerable ? count.answerable : count.unanswerable;
    bucket[0] = (bucket[0] ?? 0) + (unsure ? 1 : 0);
    bucket[1] = (bucket[1] ?? 0) + 1;
    counts.set(example.set, count);
  }
  const rate = ([unsure = 0, all = 0]: number[]) => (all > 0 ? unsure / all : 0);
  return Object.fromEntries(
    [...counts].map(([set, count]) => [
      set,
      { answerableUnsure: rate(count.answerable), unanswerableUnsure: rate(count.unanswerable) },
    ]),
  );
}

/** The logistic fit of the examples and the threshold that falls least short of the targets. Pure. */
export function fitConfidenceModel(examples: readonly ConfidenceExample[], l2 = 1): ConfidenceModel {
  const training = examples.filter((e) => !e.vetoed && (!e.answerable || e.firstIsExpected));
  const positives = training.filter((e) => e.answerable).length;
  const negatives = training.length - positives;
  const fit = fitLogistic(
    training.map((e) => ({
      features: CONFIDENCE_FEATURES.map((name) => e.features[name]),
      label: e.answerable ? 1 : 0,
      weight: e.answerable ? 1 : positives / Math.max(negatives, 1),
    })),
    l2,
  );
  const round = (value: number) => Math.round(value * 100) / 100;
  const weights = Object.fromEntries(
    CONFIDENCE_FEATURES.map((name, i) => [name, round(fit.weights[i] ?? 0)]),
  ) as unknown as ConfidenceFeatures;
  const model = { intercept: round(fit.intercept), weights, threshold: 0.5 };
  // The middle of the thresholds that fall least short: the others sit at an edge of the data.
  const candidates = Array.from({ length: 91 }, (_, i) => round(0.05 + i / 100));
  const shortfalls = candidates.map((threshold) => targetShortfall(examples, { ...model, threshold }));
  const least = Math.min(...shortfalls);
  const best = candidates.filter((_, i) => (shortfalls[i] ?? 0) <= least + 1e-9);
  return { ...model, threshold: best[Math.floor((best.length - 1) / 2)] ?? 0.5 };
}

/**
 * Leave-one-set-out cross-validation: per set, the unsure rates given by the model fit (and its
 * threshold chosen) on the other sets, and the shortfall summed over sets. Pure.
 */
export function crossValidate(
  examples: readonly ConfidenceExample[],
  l2 = 1,
): { rates: ReturnType<typeof unsureRates>; shortfall: number } {
  const rates: ReturnType<typeof unsureRates> = {};
  let shortfall = 0;
  for (const set of new Set(examples.map((e) => e.set))) {
    const model = fitConfidenceModel(
      examples.filter((e) => e.set !== set),
      l2,
    );
    const held = examples.filter((e) => e.set === set);
    Object.assign(rates, unsureRates(held, model));
    shortfall += targetShortfall(held, model);
  }
  return { rates, shortfall };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function examplesOf(questionsFile: string, dir: string, exclude: string[]): Promise<ConfidenceExample[]> {
  const index = new KnowledgeIndex(await loadChunks(dir, exclude));
  const questions = parseQuestions(await readFile(questionsFile, 'utf8'));
  return collectExamples(index, questions, path.basename(questionsFile));
}

async function main(): Promise<void> {
  const corpus = argument('corpus');
  const examples = await examplesOf('examples/knowledge/questions.jsonl', 'examples/knowledge', []);
  if (corpus && existsSync(corpus)) {
    for (const name of ['corpus-questions', 'corpus-dev2', 'corpus-heldout2', 'corpus-heldout3']) {
      examples.push(...(await examplesOf(`tests/fixtures/eval/${name}.jsonl`, corpus, ['SOURCE.md'])));
    }
  } else {
    console.error(`corpus ${corpus ?? '(no --corpus)'} not found: fitting on the sample set alone`);
  }
  const l2 = Number(argument('l2') ?? 1);
  const model = fitConfidenceModel(examples, l2);
  const print = (label: string, shortfall: number, rates: ReturnType<typeof unsureRates>) => {
    console.log(`${label}  shortfall ${shortfall.toFixed(3)}`);
    for (const [set, figures] of Object.entries(rates)) {
      console.log(
        `  ${set.padEnd(24)} answerable unsure ${figures.answerableUnsure.toFixed(3)}  unanswerable unsure ${figures.unanswerableUnsure.toFixed(3)}`,
      );
    }
  };
  const show = (label: string, m: ConfidenceModel) =>
    print(`${label}: ${JSON.stringify(m)}`, targetShortfall(examples, m), unsureRates(examples, m));
  show('committed', defaultConfidenceModel);
  show('fitted', model);
  if (process.argv.includes('--cv')) {
    const { rates, shortfall } = crossValidate(examples, l2);
    print('cross-validated (each set by the model fit on the others)', shortfall, rates);
  }
}

if (require.main === module) void main();
