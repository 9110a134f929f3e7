/**
 * KnowledgeChunk.embedding is a Bytes column holding the vector as Float32 little-endian,
 * written and read explicitly little-endian so a database moved between machines stays valid.
 */
export function encodeEmbedding(vector: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < vector.length; i++) view.setFloat32(i * 4, vector[i] as number, true);
  return bytes;
}

/** The vector stored by encodeEmbedding; null for a missing or malformed value (not a whole number of floats). */
export function decodeEmbedding(bytes: Uint8Array | null | undefined): Float32Array | null {
  if (!bytes || bytes.length === 0 || bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vector = new Float32Array(bytes.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = view.getFloat32(i * 4, true);
  return vector;
}

/** The text embedded for a chunk: where it sits (title, unless the headings start with it, and headings) and what it says. */
export function embeddingText(chunk: { title?: string | null; headingPath: string; text: string }): string {
  const title = chunk.title?.trim() ?? '';
  const headings = chunk.headingPath.trim();
  const where = !title || headings.startsWith(title) ? headings : [title, headings].filter(Boolean).join(' > ');
  return where ? `${where}\n\n${chunk.text}` : chunk.text;
}
