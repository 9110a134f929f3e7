/**
 * Chunk embeddings for cosine search: unit-length copies packed in one Float32Array, so a
 * query is one pass of dot products (exact, no approximate index: a knowledge base of a few
 * thousand chunks is scanned in milliseconds). Vectors whose length differs from the first
 * one's are left out: they come from another model and are not comparable.
 */
export class VectorSet {
  readonly dimensions: number;
  private readonly ids: string[] = [];
  private readonly rows = new Map<string, number>();
  private readonly values: Float32Array;

  constructor(vectors: ReadonlyArray<{ id: string; vector: Float32Array }>) {
    this.dimensions = vectors.find((v) => v.vector.length > 0)?.vector.length ?? 0;
    const kept = vectors.filter((v) => v.vector.length === this.dimensions && this.dimensions > 0);
    this.values = new Float32Array(kept.length * this.dimensions);
    kept.forEach(({ id, vector }, row) => {
      this.rows.set(id, row);
      this.ids.push(id);
      this.values.set(unit(vector), row * this.dimensions);
    });
  }

  get size(): number {
    return this.ids.length;
  }

  /** Whether a query vector can be compared with these: same length, and not all zeros. */
  accepts(query: Float32Array): boolean {
    return this.size > 0 && query.length === this.dimensions && norm(query) > 0;
  }

  /** The `count` most similar vectors, most similar first. */
  nearest(query: Float32Array, count: number): Array<{ id: string; similarity: number }> {
    if (!this.accepts(query) || count <= 0) return [];
    const q = unit(query);
    const best: Array<{ id: string; similarity: number }> = [];
    for (let row = 0; row < this.ids.length; row++) {
      const similarity = this.dot(q, row);
      if (best.length === count && similarity <= (best[count - 1]?.similarity ?? Number.NEGATIVE_INFINITY)) continue;
      let at = Math.min(best.length, count - 1);
      while (at > 0 && (best[at - 1]?.similarity ?? 0) < similarity) at -= 1;
      best.splice(at, 0, { id: this.ids[row] ?? '', similarity });
      if (best.length > count) best.pop();
    }
    return best;
  }

  /** Cosine similarity of one stored vector to the query; undefined when the id has none. */
  similarity(id: string, query: Float32Array): number | undefined {
    const row = this.rows.get(id);
    return row === undefined || !this.accepts(query) ? undefined : this.dot(unit(query), row);
  }

  private dot(unitQuery: Float32Array, row: number): number {
    const { values, dimensions } = this;
    const offset = row * dimensions;
    // Four running sums let the engine pipeline the multiplications; indexes stay within both
    // arrays by construction, hence `as number` instead of a per-element check.
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    let i = 0;
    for (; i + 3 < dimensions; i += 4) {
      a += (unitQuery[i] as number) * (values[offset + i] as number);
      b += (unitQuery[i + 1] as number) * (values[offset + i + 1] as number);
      c += (unitQuery[i + 2] as number) * (values[offset + i + 2] as number);
      d += (unitQuery[i + 3] as number) * (values[offset + i + 3] as number);
    }
    for (; i < dimensions; i++) a += (unitQuery[i] as number) * (values[offset + i] as number);
    return a + b + c + d;
  }
}

function norm(vector: Float32Array): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return Math.sqrt(sum);
}

function unit(vector: Float32Array): Float32Array {
  const length = norm(vector);
  return length > 0 ? vector.map((value) => value / length) : new Float32Array(vector.length);
}
