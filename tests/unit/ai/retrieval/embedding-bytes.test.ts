import { decodeEmbedding, embeddingText, encodeEmbedding } from '../../../../src/ai/retrieval/embedding-bytes';

describe('embedding bytes', () => {
  it('writes Float32 little-endian and reads it back', () => {
    const vector = Float32Array.from([1, -0.5, 3.25]);
    const bytes = encodeEmbedding(vector);
    expect(bytes.length).toBe(12);
    // 1.0f is 0x3f800000: little-endian puts the low byte first.
    expect([...bytes.subarray(0, 4)]).toEqual([0x00, 0x00, 0x80, 0x3f]);
    expect(decodeEmbedding(bytes)).toEqual(vector);
  });

  it('reads a vector from a Buffer at an unaligned offset', () => {
    const pool = Buffer.alloc(13);
    Buffer.from(encodeEmbedding(Float32Array.from([2, 4, 8]))).copy(pool, 1);
    expect(decodeEmbedding(pool.subarray(1))).toEqual(Float32Array.from([2, 4, 8]));
  });

  it.each([[null], [undefined], [new Uint8Array(0)], [new Uint8Array(7)]])('has no vector for %p', (bytes) => {
    expect(decodeEmbedding(bytes)).toBeNull();
  });

  it('embeds a chunk with its title and heading path', () => {
    expect(embeddingText({ title: 'Airport', headingPath: 'Transfers > Taxi', text: 'Taxis wait.' })).toBe(
      'Airport > Transfers > Taxi\n\nTaxis wait.',
    );
    expect(embeddingText({ title: 'Transfers', headingPath: 'Transfers > Taxi', text: 'Taxis wait.' })).toBe(
      'Transfers > Taxi\n\nTaxis wait.',
    );
    expect(embeddingText({ title: null, headingPath: '', text: 'Taxis wait.' })).toBe('Taxis wait.');
  });
});
