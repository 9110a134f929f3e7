import { Bm25Index } from './bm25-index';
import { fuseRankings, RRF_K } from './fuse-rankings';
import { measureCoverage } from './measure-coverage';
import { NamedPlaces } from './named-places';
import { analyze, analyzeQuery, type QueryConcept, type QueryTerms, tokenize } from './normalize';
import { type QuestionName, questionNames } from './question-names';
import { VectorSet } from './vector-set';

/** One retrievable passage: a chunk of a knowledge document under its heading path. */
export interface KnowledgeChunkInput {
  id: string;
  /** Path of the source document, relative to the ingested directory. */
  documentPath: string;
  title?: string | null;
  headingPath: string;
  text: string;
  /** The chunk's embedding (see embeddingText), for hybrid search; chunks without one are found lexically only. */
  embedding?: Float32Array | null;
}

export interface RetrievalResult {
  chunkId: string;
  documentPath: string;
  headingPath: string;
  text: string;
  /** BM25 score; 0 for a chunk found only by its embedding (hybrid search). */
  score: number;
  /**
   * Weighted share of the question's concepts this chunk expresses (its text, heading path,
   * title and document path): each concept weighs its rarity (IDF), so "casino" counts more
   * than "day"; one expressed only by a travel synonym counts SYNONYM_CREDIT.
   */
  coverage: number;
  /** The question's concepts this chunk does not express, rarest first. */
  missing: string[];
  /**
   * How rare the rarest of them is, 0–1: its weight in coverage over that of a term the knowledge
   * base does not have. A missing "lifeguard" says more than a missing "day"; 0 when none is missing.
   */
  missingRarity?: number;
  /** Cosine similarity of the chunk's embedding to the question's, when a hybrid search computed it. */
  similarity?: number;
  /**
   * Names in the question ("Bronx Zoo", "Lille") this chunk's document cannot answer for: they
   * are the subjects of other documents (places in their titles) and this document is about none
   * of the places the question names (see NamedPlaces). Empty or absent when none.
   */
  unmatchedNames?: string[];
}

export interface SearchOptions {
  limit?: number;
}

export interface HybridSearchOptions extends SearchOptions {
  /** How many chunks of each ranking (lexical, embedding) are fused. Default 50. */
  depth?: number;
  /** Reciprocal rank fusion constant. Default 60. */
  rrfK?: number;
}

/** How many BM25 hits are re-ranked by coverage (see lexicalRelevance). */
const RERANK_DEPTH = 30;

/** Weight of a synonym relative to a word the traveler actually wrote. */
const SYNONYM_BOOST = 0.4;

/**
 * BM25+ over chunks (Bm25Index), with the heading path and document title as fields boosted ×2:
 * a question about "getting in by plane" is mostly answered by where the text sits. Each chunk's
 * distinct terms are kept as sorted ids to measure coverage without re-reading text.
 */
export class KnowledgeIndex {
  private readonly bm25: Bm25Index;
  private readonly ids: string[] = [];
  private readonly chunks = new Map<string, KnowledgeChunkInput>();
  private readonly termIds = new Map<string, number>();
  /** Number of chunks each term id occurs in. */
  private readonly documentFrequency: number[] = [];
  private readonly chunkTerms = new Map<string, Uint32Array>();
  /** The places documents are about (their titles), to check the places a question names. */
  private readonly places = new NamedPlaces();
  private readonly documents = new Set<string>();
  private readonly vectors: VectorSet;

  constructor(chunks: Iterable<KnowledgeChunkInput>) {
    const fields: Array<Array<{ terms: string[]; length: number }>> = [];
    const embedded: Array<{ id: string; vector: Float32Array }> = [];
    for (const { embedding, ...chunk } of chunks) {
      if (this.chunks.has(chunk.id)) throw new Error(`KnowledgeIndex: duplicate chunk id ${chunk.id}`);
      this.chunks.set(chunk.id, chunk);
      this.ids.push(chunk.id);
      this.chunkTerms.set(chunk.id, this.internTerms(chunk));
      if (!this.documents.has(chunk.documentPath)) {
        this.documents.add(chunk.documentPath);
        this.places.addDocument(chunk.documentPath, chunk.title);
        // Chunks come in document order: a first chunk under no heading but the title is its lead.
        if (chunk.headingPath === '' || chunk.headingPath === chunk.title) {
          this.places.addLead(chunk.documentPath, chunk.text);
        }
      }
      fields.push(
        [chunk.text, chunk.headingPath, chunk.title ?? ''].map((field) => ({
          terms: analyze(field),
          length: new Set(tokenize(field)).size,
        })),
      );
      if (embedding) embedded.push({ id: chunk.id, vector: embedding });
    }
    this.bm25 = new Bm25Index(fields, [1, 2, 2]);
    this.vectors = new VectorSet(embedded);
  }

  get size(): number {
    return this.chunks.size;
  }

  /** Length of the stored embeddings; 0 when no chunk has one (hybrid search is then lexical). */
  get embeddingDimensions(): number {
    return this.vectors.dimensions;
  }

  /** Chunks that have an embedding of `embeddingDimensions` (others are found lexically only). */
  get embeddedCount(): number {
    return this.vectors.size;
  }

  /**
   * Chunks best first by lexicalRelevance: the best BM25 hits re-ranked by how much of the
   * question they express, those of documents that cannot answer for the places the question
   * names after (UNMATCHED_PLACE_FACTOR). Empty when the question shares no term with the
   * knowledge base.
   */
  search(query: string, options: SearchOptions = {}): RetrievalResult[] {
    const limit = options.limit ?? 5;
    const lexical = this.lexicalResults(analyzeQuery(query), Math.max(limit, RERANK_DEPTH));
    return rankByPlace(this.withNames(lexical, questionNames(query))).slice(0, limit);
  }

  /**
   * Lexical and embedding rankings fused by reciprocal rank fusion (fuseRankings): a chunk
   * phrased differently from the question can still rank by meaning. Lexical search alone
   * when no chunk has an embedding or `queryVector` has another length (another model).
   * Coverage is measured as in `search`, so confidence stays lexical evidence.
   */
  searchHybrid(query: string, queryVector: Float32Array, options: HybridSearchOptions = {}): RetrievalResult[] {
    const limit = options.limit ?? 5;
    if (!this.vectors.accepts(queryVector)) return this.search(query, { limit });
    const depth = Math.max(options.depth ?? 50, limit);
    const terms = analyzeQuery(query);
    const lexical = this.lexicalResults(terms, depth);
    const nearest = this.vectors.nearest(queryVector, depth);
    const similarity = new Map(nearest.map((hit) => [hit.id, hit.similarity]));
    const byId = new Map(lexical.map((result) => [result.chunkId, result]));
    const fused = fuseRankings(
      [lexical.map((result) => result.chunkId), nearest.map((hit) => hit.id)],
      options.rrfK ?? RRF_K,
    );
    const results: RetrievalResult[] = [];
    for (const { id } of fused.slice(0, limit)) {
      const result = byId.get(id) ?? this.toResult(id, 0, terms.concepts);
      const chunkSimilarity = similarity.get(id) ?? this.vectors.similarity(id, queryVector);
      if (result) results.push(chunkSimilarity === undefined ? result : { ...result, similarity: chunkSimilarity });
    }
    return this.withNames(results, questionNames(query));
  }

  /** The results with the question's names their documents cannot answer for (see NamedPlaces). */
  private withNames(results: RetrievalResult[], names: readonly QuestionName[]): RetrievalResult[] {
    if (names.length === 0) return results;
    const byDocument = new Map<string, string[]>();
    return results.map((result) => {
      let unmatched = byDocument.get(result.documentPath);
      if (!unmatched) {
        unmatched = this.places.unmatched(names, result.documentPath);
        byDocument.set(result.documentPath, unmatched);
      }
      return { ...result, unmatchedNames: unmatched };
    });
  }

  private lexicalResults({ original, expanded, concepts }: QueryTerms, depth: number): RetrievalResult[] {
    if (concepts.length === 0) return [];
    const terms = [
      ...original.map((term) => ({ term, boost: 1 })),
      ...expanded.map((term) => ({ term, boost: SYNONYM_BOOST })),
    ];
    const results: RetrievalResult[] = [];
    for (const hit of this.bm25.search(terms, depth)) {
      const result = this.toResult(this.ids[hit.doc] ?? '', hit.score, concepts);
      if (result) results.push(result);
    }
    return results.sort((a, b) => lexicalRelevance(b) - lexicalRelevance(a));
  }

  /** The chunk as a result for these concepts; undefined for an unknown id. */
  private toResult(chunkId: string, score: number, concepts: readonly QueryConcept[]): RetrievalResult | undefined {
    const chunk = this.chunks.get(chunkId);
    const terms = this.chunkTerms.get(chunkId);
    if (!chunk || !terms) return undefined;
    const { coverage, missing, rarestMissingWeight } = measureCoverage(
      concepts,
      (term) => {
        const id = this.termIds.get(term);
        return id !== undefined && includesSorted(terms, id);
      },
      (term) => this.idf(term),
    );
    return {
      chunkId: chunk.id,
      documentPath: chunk.documentPath,
      headingPath: chunk.headingPath,
      text: chunk.text,
      score,
      coverage,
      missing,
      missingRarity: Math.min(1, rarestMissingWeight / this.idfOf(0)),
    };
  }

  /** BM25's inverse document frequency; a term absent from the knowledge base weighs the most. */
  private idf(term: string): number {
    const id = this.termIds.get(term);
    return this.idfOf(id === undefined ? 0 : (this.documentFrequency[id] ?? 0));
  }

  private idfOf(documentFrequency: number): number {
    const n = this.chunks.size;
    return Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
  }

  private internTerms(chunk: KnowledgeChunkInput): Uint32Array {
    const ids = new Set<number>();
    for (const term of analyze(`${chunk.documentPath} ${chunk.title ?? ''} ${chunk.headingPath} ${chunk.text}`)) {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termIds.size;
        this.termIds.set(term, id);
      }
      ids.add(id);
    }
    for (const id of ids) this.documentFrequency[id] = (this.documentFrequency[id] ?? 0) + 1;
    return Uint32Array.from(ids).sort();
  }
}

/**
 * How relevant a result whose document cannot answer for the places the question names ranks,
 * relative to its lexical relevance: "a brewery in Charlestown that offers tours" is first looked
 * for in the Charlestown guide, and only then in the Williamsburg guide's brewery tour. Not 0:
 * a question may name a place no document is about but several mention ("near Boston"). Chosen
 * on the development sets (0.5 and 0.25 raised hit@1 on one, 0.1 lowered hit@3 on another).
 */
const UNMATCHED_PLACE_FACTOR = 0.25;

/** The results re-ranked so that documents about the places the question names come first (see UNMATCHED_PLACE_FACTOR). */
function rankByPlace(results: RetrievalResult[]): RetrievalResult[] {
  const placed = (result: RetrievalResult) => (result.unmatchedNames?.length ?? 0) === 0;
  if (results.every(placed)) return results;
  const rank = (result: RetrievalResult) => lexicalRelevance(result) * (placed(result) ? 1 : UNMATCHED_PLACE_FACTOR);
  return [...results].sort((a, b) => rank(b) - rank(a));
}

/**
 * How a lexical result ranks: BM25 weighted by the square of its coverage, so among chunks that
 * share words with the question the one that expresses all of it comes first, even when another
 * repeats one word more often.
 */
export function lexicalRelevance(result: Pick<RetrievalResult, 'score' | 'coverage'>): number {
  return result.score * result.coverage * result.coverage;
}

function includesSorted(values: Uint32Array, value: number): boolean {
  let low = 0;
  let high = values.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = values[middle] ?? 0;
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
