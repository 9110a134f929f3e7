import { lexicalRelevance, type RetrievalResult } from '../retrieval/knowledge-index';
import { analyze, analyzeQuery, type QueryConcept } from '../retrieval/normalize';
import { type AnswerType, expectedAnswerType, expressesAnswerType } from './answer-type';
import {
  type ConfidenceFeatures,
  type ConfidenceModel,
  confidenceProbability,
  defaultConfidenceModel,
} from './confidence-model';
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
  /** Weighted share of the question's concepts the top chunk expresses (see RetrievalResult.coverage). */
  coverage: number;
  /**
   * How far the top chunk stands out from the best chunk of any other document, by lexical
   * relevance: (top − other) / top, in 0–1; 1 when no other document matched.
   */
  margin: number;
  /** BM25 score of the top chunk; reported only, since its scale depends on the knowledge base. */
  topScore: number;
  /** The question's concepts the top chunk does not express, rarest first. */
  missing: string[];
  /** How rare the rarest of them is, 0–1 (RetrievalResult.missingRarity); absent: 0. */
  missingRarity?: number;
  /** The kind of fact the question asks for ("how much" → a price); null or absent: none in particular. */
  answerType?: AnswerType | null;
  /** Whether the answer passage states a fact of that kind; absent: not checked. */
  typeExpressed?: boolean;
  /** Names in the question the top chunk's document cannot answer for (RetrievalResult.unmatchedNames). */
  unmatchedNames?: string[];
}

export interface LocalAnswerOptions {
  maxLength?: number;
  excerptLength?: number;
  /** The confidence model; default defaultConfidenceModel, fit on the development sets. */
  confidenceModel?: ConfidenceModel;
}

/**
 * How far below the top chunk a chunk of the same document may rank and still be the one answered
 * from, when the top chunk does not state the kind of fact asked for and it does (the top chunk
 * gives the transfer's duration, a sibling its price).
 */
const TYPE_FALLBACK_RELEVANCE = 0.5;

interface Assessment {
  evidence: AnswerEvidence;
  /** The chunk answered from: the top chunk, or a sibling that states the fact asked for. */
  answer?: RetrievalResult;
  passage?: string;
}

/**
 * The evidence of the results for this question. Without a question, the answer type and the
 * passage are not checked.
 */
export function measureEvidence(results: readonly RetrievalResult[], question?: string): AnswerEvidence {
  return assess(results, question).evidence;
}

function assess(results: readonly RetrievalResult[], question?: string): Assessment {
  const top = results[0];
  if (!top) return { evidence: { coverage: 0, margin: 0, topScore: 0, missing: [] } };
  const relevance = lexicalRelevance(top);
  const other = results.find((result) => result.documentPath !== top.documentPath);
  const margin = !other ? 1 : relevance > 0 ? (relevance - lexicalRelevance(other)) / relevance : 0;
  const evidenceOf = (chunk: RetrievalResult): AnswerEvidence => ({
    coverage: chunk.coverage,
    margin: Math.min(1, Math.max(0, margin)),
    topScore: top.score,
    missing: chunk.missing ?? [],
    missingRarity: chunk.missingRarity ?? 0,
    unmatchedNames: top.unmatchedNames ?? [],
  });
  if (question === undefined) return { evidence: evidenceOf(top), answer: top };
  const { concepts } = analyzeQuery(question);
  const answerType = expectedAnswerType(question);
  const passage = passageFor(concepts, top.text, answerType);
  if (answerType === null || expressesAnswerType(answerType, passage)) {
    return { evidence: { ...evidenceOf(top), answerType, typeExpressed: true }, answer: top, passage };
  }
  for (const sibling of results.slice(1)) {
    if (sibling.documentPath !== top.documentPath) continue;
    if (lexicalRelevance(sibling) < TYPE_FALLBACK_RELEVANCE * relevance) break;
    const siblingPassage = passageFor(concepts, sibling.text, answerType);
    if (expressesAnswerType(answerType, siblingPassage)) {
      return {
        evidence: { ...evidenceOf(sibling), answerType, typeExpressed: true },
        answer: sibling,
        passage: siblingPassage,
      };
    }
  }
  return { evidence: { ...evidenceOf(top), answerType, typeExpressed: false }, answer: top, passage };
}

/**
 * Trusts the answer passage when its document can answer for the places the question names, it
 * states the kind of fact asked for, and the confidence model (coverage, margin, rarity of what is
 * missing) gives it at least the model's threshold. The first two are rules, not features: the
 * development sets have too few answerable questions that break them to weigh them.
 */
export function isConfident(evidence: AnswerEvidence, model = defaultConfidenceModel): boolean {
  if ((evidence.unmatchedNames?.length ?? 0) > 0) return false;
  if (evidence.typeExpressed === false) return false;
  return confidenceProbability(confidenceFeatures(evidence), model) >= model.threshold;
}

/** The confidence model's inputs, from the evidence. */
export function confidenceFeatures(evidence: AnswerEvidence): ConfidenceFeatures {
  return { coverage: evidence.coverage, margin: evidence.margin, missingRarity: evidence.missingRarity ?? 0 };
}

/**
 * Answers without a language model: when retrieval evidence is strong, the 1–3
 * consecutive sentences of the best chunk that cover most of the question; otherwise
 * unsure (answer null) — sources are listed either way.
 */
export function answerLocally(
  question: string,
  results: readonly RetrievalResult[],
  options: LocalAnswerOptions = {},
): KnowledgeAnswer {
  const maxLength = options.maxLength ?? 600;
  const excerptLength = options.excerptLength ?? 200;
  const { concepts } = analyzeQuery(question);
  const answerType = expectedAnswerType(question);
  const sources: KnowledgeAnswer['sources'] = [];
  const seen = new Set<string>();
  for (const result of results) {
    if (seen.has(result.documentPath)) continue;
    seen.add(result.documentPath);
    sources.push({
      document: result.documentPath,
      score: Math.round(result.score * 1000) / 1000,
      excerpt: trimText(passageFor(concepts, result.text, answerType), excerptLength),
    });
  }
  const { evidence, passage } = assess(results, question);
  if (passage === undefined || !isConfident(evidence, options.confidenceModel)) {
    return { answer: null, confident: false, sources };
  }
  return { answer: trimText(passage, maxLength), confident: true, sources };
}

export function splitSentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(*])/u)
    .map((sentence) => sentence.replace(/^\s*(?:[-*+>]|#+|\d+\.)(?:\s+|$)/u, '').trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/** The window of 1–3 consecutive sentences covering the most question concepts (synonyms count less). */
export function bestPassage(question: string, text: string): string {
  return passageFor(analyzeQuery(question).concepts, text, expectedAnswerType(question));
}

/** Credit of a synonym in passage choice: a sentence with the traveler's own word wins. */
const PASSAGE_SYNONYM_CREDIT = 0.4;

/**
 * When the question asks for a kind of fact (a price), the best window that states one is the
 * passage if it expresses at least this share of what the best window overall does: "The price
 * for a serving of bibimbap is about ₩10,000" answers what a bowl costs better than the
 * sentences that name the dish.
 */
const TYPED_PASSAGE_SHARE = 0.5;

/** The best window of 1–3 sentences for the concepts; with an answer type, the best that states one if close enough. */
function passageFor(concepts: readonly QueryConcept[], text: string, answerType: AnswerType | null = null): string {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return text.trim();
  const termsOf = sentences.map((sentence) => analyze(sentence));
  let best = { start: 0, end: 1, score: Number.NEGATIVE_INFINITY };
  let typed = { start: 0, end: 0, score: Number.NEGATIVE_INFINITY };
  for (let start = 0; start < sentences.length; start++) {
    const window = new Set<string>();
    for (let end = start + 1; end <= Math.min(start + 3, sentences.length); end++) {
      for (const term of termsOf[end - 1] ?? []) window.add(term);
      // Each extra sentence costs a little, so a longer window must add coverage to win.
      let score = -0.05 * (end - start - 1);
      for (const concept of concepts) score += conceptCredit(concept, window);
      if (score > best.score + 1e-9) best = { start, end, score };
      if (
        answerType &&
        score > typed.score + 1e-9 &&
        expressesAnswerType(answerType, sentences.slice(start, end).join(' '))
      ) {
        typed = { start, end, score };
      }
    }
  }
  const chosen = typed.end > 0 && typed.score >= TYPED_PASSAGE_SHARE * best.score ? typed : best;
  return sentences.slice(chosen.start, chosen.end).join(' ');
}

function conceptCredit(concept: QueryConcept, terms: ReadonlySet<string>): number {
  if (concept.terms.length > 0 && concept.terms.every((term) => terms.has(term))) return 1;
  return concept.alternatives.some((alternative) => alternative.every((term) => terms.has(term)))
    ? PASSAGE_SYNONYM_CREDIT
    : 0;
}
