/**
 * Retrieval + local-answerer evaluation.
 *
 *   npx tsx bench/eval-kb.ts --questions <file.jsonl> --dir <docs dir> [--exclude NAME]... [--json-only]
 *
 * Question lines are {"q": string, "doc": string | null, "paraphrased"?: boolean, "namesPlace"?: boolean,
 * "kind"?: string}; `doc` is a path relative to --dir, null for a question the documents do not answer
 * (`kind` says why, for readers: "price", "elsewhere", "other sense"…). Documents are
 * listed, read and chunked by the ingestion code itself (listDocumentFiles, readDocumentChunks), so
 * the figures are measured on the chunks a traveler is answered from, without a database.
 * Prints one JSON object of figures, then a table of misses and doubts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { answerLocally } from '../src/ai/answer/local-answerer';
import { listDocumentFiles } from '../src/ai/kb/ingest/ingest-directory';
import { readDocumentChunks } from '../src/ai/kb/ingest/read-document-chunks';
import { type KnowledgeChunkInput, KnowledgeIndex } from '../src/ai/retrieval/knowledge-index';

export interface EvalQuestion {
  q: string;
  doc: string | null;
  paraphrased?: boolean;
  namesPlace?: boolean;
  /** For an unanswerable question, why the documents do not answer it (informative only). */
  kind?: string;
}

export interface QuestionOutcome {
  question: EvalQuestion;
  /** 1-based rank of the expected document among the distinct documents retrieved; 0 when absent. */
  rank: number;
  confident: boolean;
  topDocument: string | null;
}

export interface EvalFigures {
  hit1: number;
  hit3: number;
  mrr: number;
  /** Answerable questions answered confidently from the expected document. */
  answeredCorrectly: number;
  /** Answerable questions answered confidently from another document. */
  answeredWrongly: number;
  /** Answerable questions declared unsure. */
  wronglyUnsure: number;
  /** Unanswerable questions declared unsure. */
  unanswerableUnsure: number;
  answerable: number;
  unanswerable: number;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The figures of a set of outcomes; rates are over answerable or unanswerable questions. Pure. */
export function summarize(outcomes: QuestionOutcome[]): EvalFigures {
  const answerable = outcomes.filter((o) => o.question.doc !== null);
  const unanswerable = outcomes.filter((o) => o.question.doc === null);
  const share = (count: number, of: number) => round(count / Math.max(of, 1));
  const count = (list: QuestionOutcome[], test: (o: QuestionOutcome) => boolean) => list.filter(test).length;
  return {
    hit1: share(
      count(answerable, (o) => o.rank === 1),
      answerable.length,
    ),
    hit3: share(
      count(answerable, (o) => o.rank >= 1 && o.rank <= 3),
      answerable.length,
    ),
    mrr: share(
      answerable.reduce((sum, o) => sum + (o.rank > 0 ? 1 / o.rank : 0), 0),
      answerable.length,
    ),
    answeredCorrectly: share(
      count(answerable, (o) => o.confident && o.rank === 1),
      answerable.length,
    ),
    answeredWrongly: share(
      count(answerable, (o) => o.confident && o.rank !== 1),
      answerable.length,
    ),
    wronglyUnsure: share(
      count(answerable, (o) => !o.confident),
      answerable.length,
    ),
    unanswerableUnsure: share(
      count(unanswerable, (o) => !o.confident),
      unanswerable.length,
    ),
    answerable: answerable.length,
    unanswerable: unanswerable.length,
  };
}

/** Every supported file under `dir` chunked as ingestion does; `exclude` names files to skip. */
export async function loadChunks(dir: string, exclude: readonly string[] = []): Promise<KnowledgeChunkInput[]> {
  const chunks: KnowledgeChunkInput[] = [];
  for (const documentPath of await listDocumentFiles(dir)) {
    if (exclude.includes(path.posix.basename(documentPath))) continue;
    const { title, chunks: documentChunks } = await readDocumentChunks(
      documentPath,
      await readFile(path.join(dir, documentPath)),
    );
    for (const chunk of documentChunks) {
      chunks.push({
        id: `${documentPath}#${chunk.ordinal}`,
        documentPath,
        title,
        headingPath: chunk.headingPath,
        text: chunk.text,
      });
    }
  }
  return chunks;
}

export function parseQuestions(jsonl: string): EvalQuestion[] {
  return jsonl
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalQuestion);
}

export function evaluate(index: KnowledgeIndex, questions: EvalQuestion[]): QuestionOutcome[] {
  return questions.map((question) => {
    const answer = answerLocally(question.q, index.search(question.q, { limit: 20 }), { maxLength: 320 });
    const ranked = answer.sources.map((source) => source.document);
    return {
      question,
      rank: question.doc === null ? 0 : ranked.indexOf(question.doc) + 1,
      confident: answer.confident,
      topDocument: ranked[0] ?? null,
    };
  });
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function argumentList(name: string): string[] {
  return process.argv.flatMap((value, i) =>
    value === `--${name}` && process.argv[i + 1] ? [process.argv[i + 1] ?? ''] : [],
  );
}

async function main(): Promise<void> {
  const questionsFile = argument('questions');
  const dir = argument('dir');
  if (!questionsFile || !dir) {
    console.error('usage: npx tsx bench/eval-kb.ts --questions <file.jsonl> --dir <docs dir> [--exclude NAME]...');
    process.exit(2);
  }
  const chunks = await loadChunks(dir, argumentList('exclude'));
  const index = new KnowledgeIndex(chunks);
  const questions = parseQuestions(await readFile(questionsFile, 'utf8'));
  const outcomes = evaluate(index, questions);
  const tagged = (test: (q: EvalQuestion) => boolean) => {
    const subset = outcomes.filter((o) => o.question.doc === null || test(o.question));
    return subset.some((o) => o.question.doc !== null) ? summarize(subset) : undefined;
  };
  const figures = {
    ...summarize(outcomes),
    chunks: chunks.length,
    paraphrased: tagged((q) => q.paraphrased === true),
    noPlaceNamed: tagged((q) => q.namesPlace === false),
  };
  console.log(JSON.stringify(figures));
  if (process.argv.includes('--json-only')) return;
  const rows: string[] = [];
  for (const { question, rank, confident, topDocument } of outcomes) {
    const sure = confident ? 'sure  ' : 'unsure';
    if (question.doc === null && confident) rows.push(`  UNANS  ${sure} top=${topDocument ?? '-'}  ${question.q}`);
    if (question.doc !== null && (rank !== 1 || !confident)) {
      rows.push(`  rank=${rank || '-'} ${sure} top=${topDocument ?? '-'}  ${question.q}`);
    }
  }
  console.log(`\nmisses and doubts (${rows.length}):`);
  for (const row of rows) console.log(row);
}

if (require.main === module) void main();
