import type { RetrievalResult } from '../retrieval/knowledge-index';
import { analyze, analyzeQuery } from '../retrieval/normalize';
import { trimText } from './trim-text';

/** What `kb ask --json` prints, and what a responder decides from. */
export interface KnowledgeAnswer {
  /** The answer text; null when unsure. */
  answer: string | null;
  confident: boolean;
  /** Best first, one per document. */
  sources: Array<{ document: string; score: number; excerpt: string }>;
}

/** The retrieval evidence confidence is decided from. */
export interface AnswerEvidence {
  topScore: number;
  /** (top − runner-up) / top, over chunks; 1 when there is one result. */
  margin: number;
  /** IDF-weighted share of the question's terms in the top chunk (see RetrievalResult.coverage). */
  coverage: number;
}

export interface ConfidenceThresholds {
  /** BM25 score of the top chunk below which nothing is trusted. */
  minScore: number;
  /** Coverage at or above which the top chunk is trusted. */
  minCoverage: number;
  /** A lower coverage still trusted when the top chunk clearly stands out (margin). */
  weakCoverage: number;
  minMargin: number;
}

/**
 * Calibrated on tests/fixtures/eval/corpus-questions.jsonl over the 32-guide corpus
 * (bench/eval-kb.ts): coverage separates answerable from out-of-scope questions best;
 * the score floor catches questions that match only a city name or a stray word.
 */
export const defaultConfidenceThresholds: ConfidenceThresholds = {
  minScore: 30,
  minCoverage: 0.55,
  weakCoverage: 0.45,
  minMargin: 0.5,
};

export interface LocalAnswerOptions {
  maxLength?: number;
  excerptLength?: number;
  thresholds?: ConfidenceThresholds;
}

export function measureEvidence(results: RetrievalResult[]): AnswerEvidence {
  const top = results[0];
  if (!top) return { topScore: 0, margin: 0, coverage: 0 };
  const second = results[1];
  const margin = second ? (top.score - second.score) / top.score : 1;
  return { topScore: top.score, margin, coverage: top.coverage };
}

export function isConfident(evidence: AnswerEvidence, thresholds = defaultConfidenceThresholds): boolean {
  if (evidence.topScore < thresholds.minScore) return false;
  if (evidence.coverage >= thresholds.minCoverage) return true;
  return evidence.coverage >= thresholds.weakCoverage && evidence.margin >= thresholds.minMargin;
}

/**
 * Answers without a language model: when retrieval evidence is strong, the 1–3
 * consecutive sentences of the best chunk that cover most of the question; otherwise
 * unsure (answer null) — sources are listed either way.
 */
export function answerLocally(
  question: string,
  results: RetrievalResult[],
  options: LocalAnswerOptions = {},
): KnowledgeAnswer {
  const maxLength = options.maxLength ?? 600;
  const excerptLength = options.excerptLength ?? 200;
  const sources: KnowledgeAnswer['sources'] = [];
  const seen = new Set<string>();
  for (const result of results) {
    if (seen.has(result.documentPath)) continue;
    seen.add(result.documentPath);
    sources.push({
      document: result.documentPath,
      score: Math.round(result.score * 1000) / 1000,
      excerpt: trimText(bestPassage(question, result.text), excerptLength),
    });
  }
  const top = results[0];
  const confident = top !== undefined && isConfident(measureEvidence(results), options.thresholds);
  if (!confident || !top) return { answer: null, confident: false, sources };
  return { answer: trimText(bestPassage(question, top.text), maxLength), confident: true, sources };
}

export function splitSentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(*])/u)
    .map((sentence) => sentence.replace(/^\s*(?:[-*+>]|#+|\d+\.)(?:\s+|$)/u, '').trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/** The window of 1–3 consecutive sentences covering the most question terms (synonyms count less). */
export function bestPassage(question: string, text: string): string {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return text.trim();
  const { original, expanded } = analyzeQuery(question);
  const weights = new Map<string, number>();
  for (const term of expanded) weights.set(term, 0.4);
  for (const term of original) weights.set(term, 1);
  const termsOf = sentences.map((sentence) => new Set(analyze(sentence)));
  let best = { start: 0, end: 1, score: Number.NEGATIVE_INFINITY };
  for (let start = 0; start < sentences.length; start++) {
    for (let end = start + 1; end <= Math.min(start + 3, sentences.length); end++) {
      const covered = new Set<string>();
      for (let i = start; i < end; i++) for (const term of termsOf[i] ?? []) if (weights.has(term)) covered.add(term);
      // Each extra sentence costs a little, so a longer window must add coverage to win.
      let score = -0.05 * (end - start - 1);
      for (const term of covered) score += weights.get(term) ?? 0;
      if (score > best.score + 1e-9) best = { start, end, score };
    }
  }
  return sentences.slice(best.start, best.end).join(' ');
}
