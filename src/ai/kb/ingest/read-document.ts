import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BatonError } from '../../../core/errors';
import { extractPdfText } from './extract-pdf-text';
import { htmlToMarkdownText } from './html-to-markdown-text';
import { parseMarkdownDocument } from './parse-markdown-document';
import { normalizeNewlines, type ReadDocument } from './read-document-types';

export type { ReadDocument } from './read-document-types';

const readers = {
  '.md': (bytes: Buffer) => parseMarkdownDocument(bytes.toString('utf8')),
  '.markdown': (bytes: Buffer) => parseMarkdownDocument(bytes.toString('utf8')),
  '.txt': (bytes: Buffer) => ({ text: normalizeNewlines(bytes.toString('utf8')).trim() }),
  '.html': (bytes: Buffer) => htmlToMarkdownText(bytes.toString('utf8')),
  '.htm': (bytes: Buffer) => htmlToMarkdownText(bytes.toString('utf8')),
  '.pdf': readPdf,
} satisfies Record<string, (bytes: Buffer) => ReadDocument | Promise<ReadDocument>>;

type SupportedExtension = keyof typeof readers;

export const supportedExtensions: readonly string[] = Object.keys(readers);

export function isSupportedDocument(filePath: string): boolean {
  return path.extname(filePath).toLowerCase() in readers;
}

/** Why a file could not be read; the message names the file so an operator can fix or remove it. */
export class DocumentReadError extends BatonError {
  constructor(
    readonly filePath: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      'payload_invalid',
      `Cannot read ${filePath}: ${reason.replace(/\.+$/, '')}. Fix or remove the file and ingest again.`,
      options,
    );
    this.name = 'DocumentReadError';
  }
}

/** Reads a supported file (see `isSupportedDocument`); the caller skips other extensions. */
export async function readDocument(filePath: string, bytes?: Buffer): Promise<ReadDocument> {
  const extension = path.extname(filePath).toLowerCase();
  if (!(extension in readers)) throw new DocumentReadError(filePath, `unsupported file type "${extension}"`);
  let content: Buffer;
  try {
    content = bytes ?? (await readFile(filePath));
  } catch (error) {
    throw new DocumentReadError(filePath, (error as Error).message, { cause: error });
  }
  try {
    return await readers[extension as SupportedExtension](content);
  } catch (error) {
    throw new DocumentReadError(filePath, (error as Error).message, { cause: error });
  }
}

async function readPdf(bytes: Buffer): Promise<ReadDocument> {
  const { title, pages } = await extractPdfText(new Uint8Array(bytes));
  const text = pages
    .map((page) => page.replace(/[ \t]+\n/g, '\n').trim())
    .filter((page) => page.length > 0)
    .join('\n\n');
  return { ...(title ? { title } : {}), text };
}
