import {
  createIngestProgressReporter,
  formatIngestSummary,
  formatProgressBar,
} from '../../../../src/ai/kb/ingest/format-ingest-progress';
import type { IngestProgressEvent, IngestResult } from '../../../../src/ai/kb/ingest/ingest-directory';

const result: IngestResult = {
  added: 2,
  updated: 1,
  unchanged: 3,
  removed: 1,
  failed: [{ path: 'bad.pdf', error: 'Cannot read bad.pdf: Invalid PDF structure' }],
  chunks: 9,
};

const events: IngestProgressEvent[] = [
  { type: 'start', total: 2 },
  { type: 'file', path: 'a.md', status: 'added', chunks: 4, done: 1, total: 2 },
  {
    type: 'file',
    path: 'bad.pdf',
    status: 'failed',
    chunks: 0,
    error: 'Cannot read bad.pdf: broken',
    done: 2,
    total: 2,
  },
  { type: 'removed', path: 'old.md' },
  { type: 'finish', result },
];

function run(isTTY: boolean): string {
  let written = '';
  const report = createIngestProgressReporter({ isTTY, columns: 60, write: (text) => (written += text) });
  for (const event of events) report(event);
  return written;
}

describe('ingest progress', () => {
  it('prints plain lines when not on a terminal', () => {
    expect(run(false)).toBe(
      [
        'ingested a.md (4 chunks)',
        'failed bad.pdf: Cannot read bad.pdf: broken',
        'removed old.md',
        'added 2, updated 1, unchanged 3, removed 1, failed 1',
        '',
      ].join('\n'),
    );
  });

  it('redraws one bar with carriage returns on a terminal, failures on their own line', () => {
    const output = run(true);
    expect(output).toContain('\r[##########----------] 1/2 a.md');
    expect(output).toContain('failed bad.pdf: Cannot read bad.pdf: broken\n');
    expect(output).not.toContain('ingested a.md');
    expect(output.endsWith('added 2, updated 1, unchanged 3, removed 1, failed 1\n')).toBe(true);
  });

  it.each([
    [0, 4, '[--------------------] 0/4 x'],
    [4, 4, '[####################] 4/4 x'],
    [0, 0, '[####################] 0/0 x'],
  ])('draws %i of %i', (done, total, expected) => {
    expect(formatProgressBar(done, total, 'x')).toBe(expected);
  });

  it('cuts the bar to the terminal width', () => {
    const line = formatProgressBar(1, 2, 'a/very/long/path/to/some/document.md', 30);
    expect(line).toHaveLength(30);
    expect(line.endsWith('…')).toBe(true);
  });

  it('summarises a run', () => {
    expect(formatIngestSummary(result)).toBe('added 2, updated 1, unchanged 3, removed 1, failed 1');
  });

  it('adds the embedded chunks with an embedder, and why embedding stopped', () => {
    expect(formatIngestSummary({ ...result, embedded: 9 })).toBe(
      'added 2, updated 1, unchanged 3, removed 1, failed 1, embedded 9',
    );
    expect(formatIngestSummary({ ...result, embedded: 0, embeddingError: 'the m embedder failed: timeout' })).toBe(
      'added 2, updated 1, unchanged 3, removed 1, failed 1, embedded 0; embedding stopped: the m embedder failed: timeout (search stays lexical for the rest; ingest again to retry)',
    );
  });
});
