import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseQuestions } from '../../../bench/eval-kb';

/** The committed question sets (docs/knowledge-base.md, "Evaluation") and the folders their documents are in. */
const repo = path.resolve(__dirname, '../../..');
const corpus = path.resolve(repo, '../shared/corpus/destinations');
const fixtures = path.join(repo, 'tests/fixtures/eval');
const sets = [
  { file: path.join(repo, 'examples/knowledge/questions.jsonl'), dir: path.join(repo, 'examples/knowledge') },
  ...readdirSync(fixtures)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => ({ file: path.join(fixtures, name), dir: corpus })),
];

describe.each(sets.map((set) => [path.relative(repo, set.file), set] as const))('question set %s', (_name, set) => {
  const questions = parseQuestions(readFileSync(set.file, 'utf8'));

  it('has a question and an expected document (or null) on every line', () => {
    expect(questions.length).toBeGreaterThan(0);
    for (const question of questions) {
      expect(typeof question.q).toBe('string');
      expect(question.q.trim()).not.toBe('');
      expect(question.doc === null || typeof question.doc === 'string').toBe(true);
    }
  });

  it('has answerable and unanswerable questions', () => {
    expect(questions.filter((q) => q.doc !== null).length).toBeGreaterThanOrEqual(55);
    expect(questions.filter((q) => q.doc === null).length).toBeGreaterThanOrEqual(15);
  });

  it('expects only documents that exist (checked where the corpus is beside the clone)', () => {
    // The Wikivoyage corpus is never copied into the repository; CI and every clone have it beside them.
    const missing = existsSync(set.dir)
      ? [...new Set(questions.flatMap((q) => (q.doc === null ? [] : [q.doc])))].filter(
          (doc) => !existsSync(path.join(set.dir, doc)),
        )
      : [];
    expect(missing).toEqual([]);
  });
});
