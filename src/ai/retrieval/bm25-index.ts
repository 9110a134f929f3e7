/** BM25+ parameters (MiniSearch's defaults, which this index replaced). */
const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;

interface Postings {
  docs: Uint32Array;
  frequencies: Uint16Array;
}

/**
 * BM25+ over documents with several weighted fields, on typed arrays: a query scores only the
 * documents in its terms' posting lists, into one reused array, and keeps the best `depth`.
 * A search over 10,000 chunks thus costs a few posting-list passes, not one object per match.
 * Documents are given as analysed terms per field; the index never sees text.
 */
export class Bm25Index {
  private readonly postings: Array<Map<string, Postings>>;
  private readonly lengths: Uint16Array[];
  private readonly averageLengths: number[];
  private readonly scores: Float64Array;
  private readonly matched: Uint16Array;
  private readonly lastTerm: Uint32Array;

  /**
   * `documents[doc][field]` are a field's terms and its length: its number of distinct words,
   * stop words included, as MiniSearch counted it, so scores match the index this one replaced.
   */
  constructor(
    documents: ReadonlyArray<ReadonlyArray<{ terms: readonly string[]; length: number }>>,
    private readonly fieldBoosts: readonly number[],
  ) {
    const fields = fieldBoosts.length;
    const building = Array.from({ length: fields }, () => new Map<string, { docs: number[]; frequencies: number[] }>());
    this.lengths = Array.from({ length: fields }, () => new Uint16Array(documents.length));
    documents.forEach((documentFields, doc) => {
      for (let field = 0; field < fields; field++) {
        const { terms, length } = documentFields[field] ?? { terms: [], length: 0 };
        (this.lengths[field] as Uint16Array)[doc] = Math.min(length, 0xffff);
        const counts = new Map<string, number>();
        for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
        const map = building[field] as Map<string, { docs: number[]; frequencies: number[] }>;
        for (const [term, count] of counts) {
          let list = map.get(term);
          if (!list) {
            list = { docs: [], frequencies: [] };
            map.set(term, list);
          }
          list.docs.push(doc);
          list.frequencies.push(Math.min(count, 0xffff));
        }
      }
    });
    this.postings = building.map(
      (map) =>
        new Map(
          [...map].map(([term, list]) => [
            term,
            { docs: Uint32Array.from(list.docs), frequencies: Uint16Array.from(list.frequencies) },
          ]),
        ),
    );
    this.averageLengths = this.lengths.map((lengths) =>
      documents.length === 0 ? 0 : lengths.reduce((sum, length) => sum + length, 0) / documents.length,
    );
    this.scores = new Float64Array(documents.length);
    this.matched = new Uint16Array(documents.length);
    this.lastTerm = new Uint32Array(documents.length);
  }

  /**
   * The `depth` best documents for these weighted terms, best first; only documents sharing a term.
   * A document's score is multiplied by the number of distinct terms it matched (as MiniSearch
   * does), so matching three different words beats repeating one.
   */
  search(terms: ReadonlyArray<{ term: string; boost: number }>, depth: number): Array<{ doc: number; score: number }> {
    const n = this.scores.length;
    const touched: number[] = [];
    for (const [index, { term, boost }] of terms.entries()) {
      this.postings.forEach((map, field) => {
        const list = map.get(term);
        if (!list) return;
        const idf = Math.log(1 + (n - list.docs.length + 0.5) / (list.docs.length + 0.5));
        const weight = boost * (this.fieldBoosts[field] ?? 1) * idf;
        const lengths = this.lengths[field] as Uint16Array;
        const average = this.averageLengths[field] || 1;
        for (let i = 0; i < list.docs.length; i++) {
          const doc = list.docs[i] as number;
          const tf = list.frequencies[i] as number;
          const saturation = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (lengths[doc] as number)) / average));
          if (this.scores[doc] === 0) touched.push(doc);
          this.scores[doc] = (this.scores[doc] as number) + weight * (DELTA + saturation);
          // Counted once per term, whichever fields it matched in (index + 1 marks the last term seen).
          if (this.lastTerm[doc] !== index + 1) {
            this.lastTerm[doc] = index + 1;
            this.matched[doc] = (this.matched[doc] as number) + 1;
          }
        }
      });
    }
    for (const doc of touched) this.scores[doc] = (this.scores[doc] as number) * (this.matched[doc] as number);
    const best = topByScore(touched, this.scores, depth);
    for (const doc of touched) {
      this.scores[doc] = 0;
      this.matched[doc] = 0;
      this.lastTerm[doc] = 0;
    }
    return best;
  }
}

function topByScore(
  docs: readonly number[],
  scores: Float64Array,
  depth: number,
): Array<{ doc: number; score: number }> {
  const best: Array<{ doc: number; score: number }> = [];
  if (depth <= 0) return best;
  for (const doc of docs) {
    const score = scores[doc] as number;
    if (best.length === depth && score <= (best[depth - 1] as { score: number }).score) continue;
    let at = Math.min(best.length, depth - 1);
    while (at > 0 && (best[at - 1] as { score: number }).score < score) at -= 1;
    best.splice(at, 0, { doc, score });
    if (best.length > depth) best.pop();
  }
  return best;
}
