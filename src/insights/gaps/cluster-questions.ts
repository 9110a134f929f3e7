import { analyzeQuery, tokenize, toTerm } from '../../ai/retrieval/normalize';

/**
 * Knowledge gaps: traveler questions grouped into topics by the words they share, with the
 * knowledge base's own text analysis (normalize.ts: stop words dropped, Porter2 stems,
 * travel synonyms and phrases). Greedy and deterministic: questions are taken oldest first;
 * each joins the topic whose term profile is most similar (cosine of its terms against the
 * topic's term counts) when that reaches the threshold, else starts a topic. Pure.
 */

export interface GapQuestion {
  id: string;
  text: string;
  askedAt: Date;
}

export interface KnowledgeGap {
  /** The topic's most shared words, as travelers wrote them. */
  label: string;
  /** The analysed terms behind the label. */
  terms: string[];
  count: number;
  /** Up to `maxExamples` distinct questions, most recent first. */
  examples: string[];
  lastAskedAt: Date;
}

export interface ClusterOptions {
  /** Cosine similarity needed to join a topic (0-1). */
  threshold?: number;
  maxExamples?: number;
  labelTerms?: number;
}

export const DEFAULT_GAP_THRESHOLD = 0.4;
/** Cosines computed as 1/2 come out a hair below it. */
const EPSILON = 1e-9;
const MAX_EXAMPLE_LENGTH = 200;

interface Features {
  /** Canonical concept → the word or phrase the traveler used. */
  words: Map<string, string>;
}

interface Cluster {
  counts: Map<string, number>;
  norm: number;
  /** Where each concept was first seen, to order ties in the label. */
  firstSeen: Map<string, number>;
  surfaces: Map<string, Map<string, number>>;
  questions: GapQuestion[];
}

/**
 * A question's concepts, each under one canonical key so synonyms meet ("refund" and
 * "cancellation", "cash machine" and "ATM"): the smallest of the concept's own terms and
 * its synonyms, each written as its terms joined by spaces.
 */
export function questionFeatures(text: string): Features {
  const surfaceOf = new Map<string, string>();
  for (const token of tokenize(text)) {
    const term = toTerm(token);
    if (term !== null && !surfaceOf.has(term)) surfaceOf.set(term, token);
  }
  const words = new Map<string, string>();
  for (const concept of analyzeQuery(text).concepts) {
    const own = concept.terms.length > 0 ? concept.terms.join(' ') : concept.key;
    const keys = [own, ...concept.alternatives.map((alternative) => alternative.join(' '))];
    const canonical = keys.sort()[0] ?? own;
    const surface = concept.terms.length === 1 ? (surfaceOf.get(concept.key) ?? concept.key) : concept.key;
    if (!words.has(canonical)) words.set(canonical, surface);
  }
  return { words };
}

function similarity(features: Features, cluster: Cluster): number {
  let dot = 0;
  for (const key of features.words.keys()) dot += cluster.counts.get(key) ?? 0;
  return dot === 0 ? 0 : dot / (Math.sqrt(features.words.size) * cluster.norm);
}

function join(cluster: Cluster, features: Features, question: GapQuestion): void {
  for (const [key, surface] of features.words) {
    cluster.counts.set(key, (cluster.counts.get(key) ?? 0) + 1);
    if (!cluster.firstSeen.has(key)) cluster.firstSeen.set(key, cluster.firstSeen.size);
    const surfaces = cluster.surfaces.get(key) ?? new Map<string, number>();
    surfaces.set(surface, (surfaces.get(surface) ?? 0) + 1);
    cluster.surfaces.set(key, surfaces);
  }
  cluster.norm = Math.sqrt([...cluster.counts.values()].reduce((sum, count) => sum + count * count, 0));
  cluster.questions.push(question);
}

export function clusterQuestions(
  questions: readonly GapQuestion[],
  options: ClusterOptions = {},
): { gaps: KnowledgeGap[]; withoutTopic: number } {
  const threshold = options.threshold ?? DEFAULT_GAP_THRESHOLD;
  const ordered = [...questions].sort(
    (a, b) => a.askedAt.getTime() - b.askedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const clusters: Cluster[] = [];
  let withoutTopic = 0;
  for (const question of ordered) {
    const features = questionFeatures(question.text);
    if (features.words.size === 0) {
      withoutTopic += 1;
      continue;
    }
    let best: Cluster | undefined;
    let bestScore = 0;
    for (const cluster of clusters) {
      const score = similarity(features, cluster);
      if (score > bestScore) {
        best = cluster;
        bestScore = score;
      }
    }
    if (!best || bestScore < threshold - EPSILON) {
      best = { counts: new Map(), norm: 0, firstSeen: new Map(), surfaces: new Map(), questions: [] };
      clusters.push(best);
    }
    join(best, features, question);
  }
  const gaps = clusters.map((cluster) => describe(cluster, options));
  gaps.sort(
    (a, b) => b.count - a.count || b.lastAskedAt.getTime() - a.lastAskedAt.getTime() || a.label.localeCompare(b.label),
  );
  return { gaps, withoutTopic };
}

function describe(cluster: Cluster, options: ClusterOptions): KnowledgeGap {
  const terms = [...cluster.counts.entries()]
    .sort((a, b) => b[1] - a[1] || (cluster.firstSeen.get(a[0]) ?? 0) - (cluster.firstSeen.get(b[0]) ?? 0))
    .slice(0, options.labelTerms ?? 3)
    .map(([key]) => key);
  const label = terms
    .map((key) => {
      const surfaces = [...(cluster.surfaces.get(key) ?? new Map<string, number>()).entries()];
      return surfaces.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? key;
    })
    .join(', ');
  const recent = [...cluster.questions].reverse();
  const examples: string[] = [];
  for (const question of recent) {
    const text = shorten(question.text);
    if (!examples.includes(text)) examples.push(text);
    if (examples.length >= (options.maxExamples ?? 3)) break;
  }
  return {
    label,
    terms,
    count: cluster.questions.length,
    examples,
    lastAskedAt: recent[0]?.askedAt ?? new Date(0),
  };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_EXAMPLE_LENGTH ? flat : `${flat.slice(0, MAX_EXAMPLE_LENGTH - 1)}…`;
}
