import type { IngestProgressEvent, IngestResult } from './ingest-directory';

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Prints ingestion progress: on a terminal one bar redrawn in place with `\r`; elsewhere (CI,
 * pipes, log files) one plain line per file, since carriage returns garble logs. Failures always
 * get their own line naming the file, and the run ends with the summary line.
 */
export function createIngestProgressReporter(output: ProgressOutput): (event: IngestProgressEvent) => void {
  const tty = output.isTTY === true;
  let barShown = false;
  const clearBar = () => {
    if (barShown) output.write(`\r${' '.repeat(lineWidth(output))}\r`);
    barShown = false;
  };
  return (event) => {
    switch (event.type) {
      case 'start':
        return;
      case 'file':
        if (event.status === 'failed') {
          clearBar();
          output.write(`failed ${event.path}: ${event.error ?? 'unknown error'}\n`);
        } else if (!tty) {
          output.write(`${formatFileLine(event.path, event.status, event.chunks)}\n`);
        }
        if (tty) {
          output.write(`\r${formatProgressBar(event.done, event.total, event.path, lineWidth(output))}`);
          barShown = true;
        }
        return;
      case 'removed':
        clearBar();
        output.write(`removed ${event.path}\n`);
        return;
      case 'finish':
        clearBar();
        output.write(`${formatIngestSummary(event.result)}\n`);
        return;
    }
  };
}

export function formatFileLine(filePath: string, status: 'added' | 'updated' | 'unchanged', chunks: number): string {
  return status === 'unchanged' ? `unchanged ${filePath}` : `ingested ${filePath} (${chunks} chunks)`;
}

/** `[#######-------------]  7/20 guides/airport.md`, cut to `width` columns. */
export function formatProgressBar(done: number, total: number, label: string, width = 80): string {
  const barWidth = 20;
  const filled = total === 0 ? barWidth : Math.round((done / total) * barWidth);
  const counter = `${String(done).padStart(String(total).length)}/${total}`;
  const line = `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${counter} ${label}`;
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}

export function formatIngestSummary(result: IngestResult): string {
  const summary = `added ${result.added}, updated ${result.updated}, unchanged ${result.unchanged}, removed ${result.removed}, failed ${result.failed.length}`;
  if (result.embedded === undefined) return summary;
  const failure = result.embeddingError
    ? `; embedding stopped: ${result.embeddingError} (search stays lexical for the rest; ingest again to retry)`
    : '';
  return `${summary}, embedded ${result.embedded}${failure}`;
}

function lineWidth(output: ProgressOutput): number {
  return Math.max(20, (output.columns ?? 80) - 1);
}
