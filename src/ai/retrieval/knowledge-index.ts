import MiniSearch from 'minisearch';
import { analyze, analyzeQuery, synonymsOf, tokenize, toTerm } from './normalize';

/** One retrievable passage: a chunk of a knowledge document under its heading path. */
export interface KnowledgeChunkInput {
  id: string;
  /** Path of the source document, relative to the ingested directory. */
  documentPath: string;
  title?: string | null;
  headingPath: string;
  text: string;
}

export interface RetrievalResult {
  chunkId: string;
  documentPath: string;
  headingPath: string;
  text: string;
  score: number;
  /**
   * Share of the question's own terms this chunk contains (its text, heading path,
   * title and document path), each term weighted by its rarity (IDF) so "casino" counts
   * more than "much"; a term present only as a travel synonym counts for less.
   */
  coverage: number;
}

export interface SearchOptions {
  limit?: number;
}

/** Weight of a synonym relative to a word the traveler actually wrote. */
const SYNONYM_BOOST = 0.4;
/** Coverage credit for a question term found only through one of its synonyms. */
const SYNONYM_COVERAGE = 0.7;

/**
 * BM25+ over chunks (MiniSearch), with the heading path and document title as boosted
 * fields: a question about "getting in by plane" is mostly answered by where the text sits.
 */
export class KnowledgeIndex {
  private readonly search_: MiniSearch<KnowledgeChunkInput>;
  private readonly chunks = new Map<string, KnowledgeChunkInput>();
  /** Number of chunks each term occurs in. */
  private readonly documentFrequency = new Map<string, number>();

  constructor(chunks: Iterable<KnowledgeChunkInput>) {
    this.search_ = new MiniSearch<KnowledgeChunkInput>({
      fields: ['text', 'headingPath', 'title'],
      tokenize,
      processTerm: (token) => toTerm(token) ?? false,
      searchOptions: { boost: { headingPath: 2, title: 2 }, prefix: false, fuzzy: false },
    });
    const documents: KnowledgeChunkInput[] = [];
    for (const chunk of chunks) {
      this.chunks.set(chunk.id, chunk);
      for (const term of termsOf(chunk)) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      documents.push({ ...chunk, title: chunk.title ?? '' });
    }
    this.search_.addAll(documents);
  }

  get size(): number {
    return this.chunks.size;
  }

  /** Chunks best first; empty when the question shares no term with the knowledge base. */
  search(query: string, options: SearchOptions = {}): RetrievalResult[] {
    const limit = options.limit ?? 5;
    const { original, expanded } = analyzeQuery(query);
    if (original.length === 0) return [];
    const synonyms = new Set(expanded);
    const terms = [...original, ...expanded];
    const hits = this.search_.search(terms.join(' '), {
      // Terms are already analysed: split them back and keep them as they are.
      tokenize: (text) => text.split(' '),
      processTerm: (term) => term,
      boostTerm: (term) => (synonyms.has(term) ? SYNONYM_BOOST : 1),
      combineWith: 'OR',
    });
    const weights = original.map((term) => this.idf(term));
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    const coverageOf = (chunk: KnowledgeChunkInput): number => {
      const present = termsOf(chunk);
      let covered = 0;
      original.forEach((term, i) => {
        const weight = weights[i] ?? 0;
        if (present.has(term)) covered += weight;
        else if ([...synonymsOf(term)].some((synonym) => present.has(synonym))) covered += weight * SYNONYM_COVERAGE;
      });
      return totalWeight > 0 ? covered / totalWeight : 0;
    };
    const results: RetrievalResult[] = [];
    for (const hit of hits.slice(0, limit)) {
      const chunk = this.chunks.get(hit.id as string);
      if (!chunk) continue;
      results.push({
        chunkId: chunk.id,
        documentPath: chunk.documentPath,
        headingPath: chunk.headingPath,
        text: chunk.text,
        score: hit.score,
        coverage: coverageOf(chunk),
      });
    }
    return results;
  }

  /** BM25's inverse document frequency; a term absent from the knowledge base weighs the most. */
  private idf(term: string): number {
    const n = this.chunks.size;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}

function termsOf(chunk: KnowledgeChunkInput): Set<string> {
  return new Set(analyze(`${chunk.documentPath} ${chunk.title ?? ''} ${chunk.headingPath} ${chunk.text}`));
}
