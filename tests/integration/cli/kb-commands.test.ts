import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../../support/test-services';

const root = path.resolve(__dirname, '../../..');

describe('baton kb ingest / kb ask', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const baton = (args: string[], input?: string) =>
    spawnSync(
      process.execPath,
      ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(root, 'src/cli/main.ts'), ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url },
        input,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );

  it('ingests a folder, then answers with sources as JSON, and says when it is unsure', () => {
    const ingest = baton(['kb', 'ingest', 'examples/knowledge']);
    expect(ingest.status).toBe(0);
    expect(ingest.stdout).toMatch(/added \d+, updated 0, unchanged 0, removed 0, failed 0/);

    const again = baton(['kb', 'ingest', 'examples/knowledge']);
    expect(again.stdout).toMatch(/added 0, updated 0, unchanged \d+, removed 0, failed 0/);

    const ask = baton(['kb', 'ask', 'What happens if my flight is delayed?', '--json']);
    expect(ask.status).toBe(0);
    const answer = JSON.parse(ask.stdout);
    expect(answer).toMatchObject({ confident: true, answer: expect.stringContaining('flight') });
    expect(answer.sources[0]).toMatchObject({ document: 'airport-transfers.md', score: expect.any(Number) });
    expect(typeof answer.sources[0].excerpt).toBe('string');

    const batch = baton(
      ['kb', 'ask'],
      'What happens if my flight is delayed?\nWhat is the stock price of Apple today?\n',
    );
    const lines = batch.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.confident)).toEqual([true, false]);
    expect(lines[1].answer).toBeNull();
  });
});
