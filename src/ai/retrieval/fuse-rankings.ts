/** Reciprocal rank fusion's constant: 60, as in Cormack, Clarke and Büttcher (2009). */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: each ranking (ids, best first) gives an id 1 / (k + rank), summed over
 * rankings. It needs no score calibration between BM25 and cosine similarity, only their orders,
 * and an id near the top of both beats one at the top of either. Ties keep first-seen order. Pure.
 */
export function fuseRankings(
  rankings: ReadonlyArray<readonly string[]>,
  k = RRF_K,
): Array<{ id: string; score: number }> {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    for (const [i, id] of ranking.entries()) scores.set(id, (scores.get(id) ?? 0) + 1 / (k + i + 1));
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
}
