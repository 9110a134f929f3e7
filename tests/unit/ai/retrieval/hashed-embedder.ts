import type { Embedder } from '../../../../src/ai/retrieval/embedder';

/**
 * A deterministic embedder for tests: a bag of words hashed into `dimensions` slots. `aliases`
 * send words to the same slot as another ("kayak" → "canoe"), standing in for the meaning a real
 * model would know, so a test can show hybrid search finding what shares no word with the
 * question. `fail` makes every call throw, like an unreachable embeddings server.
 */
export class HashedEmbedder implements Embedder {
  readonly calls: string[][] = [];

  constructor(
    readonly model = 'hashed-bow',
    private readonly options: { dimensions?: number; aliases?: Record<string, string>; fail?: boolean } = {},
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls.push([...texts]);
    if (this.options.fail) throw new Error('connect ECONNREFUSED 127.0.0.1:9');
    return texts.map((text) => this.vector(text));
  }

  vector(text: string): Float32Array {
    const dimensions = this.options.dimensions ?? 64;
    const vector = new Float32Array(dimensions);
    for (const raw of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      const word = raw.replace(/s$/, '');
      const slot = fnv1a(this.options.aliases?.[word] ?? word) % dimensions;
      vector[slot] = (vector[slot] ?? 0) + 1;
    }
    return vector;
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}
