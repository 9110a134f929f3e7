import { VectorSet } from '../../../../src/ai/retrieval/vector-set';

const v = (...values: number[]) => Float32Array.from(values);

describe('VectorSet', () => {
  const set = new VectorSet([
    { id: 'east', vector: v(1, 0) },
    { id: 'north', vector: v(0, 5) },
    { id: 'north-east', vector: v(2, 2) },
    { id: 'other-model', vector: v(1, 0, 0) },
  ]);

  it('keeps only vectors of the first vector length', () => {
    expect(set.dimensions).toBe(2);
    expect(set.size).toBe(3);
  });

  it('ranks by cosine similarity, whatever the vector lengths', () => {
    const nearest = set.nearest(v(3, 1), 2);
    expect(nearest.map((hit) => hit.id)).toEqual(['east', 'north-east']);
    expect(nearest[0]?.similarity).toBeCloseTo(3 / Math.sqrt(10));
    expect(set.nearest(v(0, 1), 10).map((hit) => hit.id)).toEqual(['north', 'north-east', 'east']);
  });

  it('refuses queries of another length or all zeros', () => {
    expect(set.accepts(v(1, 0, 0))).toBe(false);
    expect(set.accepts(v(0, 0))).toBe(false);
    expect(set.nearest(v(1, 0, 0), 3)).toEqual([]);
    expect(set.similarity('east', v(1, 0, 0))).toBeUndefined();
  });

  it('gives one stored vector similarity, undefined for a chunk without one', () => {
    expect(set.similarity('north', v(0, 1))).toBeCloseTo(1);
    expect(set.similarity('other-model', v(0, 1))).toBeUndefined();
  });

  it('is empty without vectors', () => {
    const empty = new VectorSet([]);
    expect(empty.dimensions).toBe(0);
    expect(empty.accepts(v(1))).toBe(false);
  });
});
