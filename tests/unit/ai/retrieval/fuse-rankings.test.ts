import { fuseRankings } from '../../../../src/ai/retrieval/fuse-rankings';

describe('fuseRankings', () => {
  it('sums 1 / (k + rank) over rankings', () => {
    expect(fuseRankings([['a', 'b'], ['b']], 60)).toEqual([
      { id: 'b', score: 1 / 62 + 1 / 61 },
      { id: 'a', score: 1 / 61 },
    ]);
  });

  it('puts an id high in both rankings above one first in only one', () => {
    const fused = fuseRankings([
      ['lexical-only', 'both', 'x'],
      ['vector-only', 'both', 'y'],
    ]);
    expect(fused[0]?.id).toBe('both');
  });

  it('keeps first-seen order on ties and handles empty rankings', () => {
    expect(fuseRankings([['a'], ['b']]).map((r) => r.id)).toEqual(['a', 'b']);
    expect(fuseRankings([[], []])).toEqual([]);
  });
});
