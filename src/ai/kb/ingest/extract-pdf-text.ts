import { Worker } from 'node:worker_threads';

export interface PdfText {
  title?: string;
  pages: string[];
}

/*
 * pdf.js ships only as an ES module, which unpdf's CommonJS build loads with a dynamic
 * `import()`. That fails inside VM sandboxes such as jest's, and pdf.js can spin for long on
 * hostile files; a worker thread runs it in a plain Node context and can be terminated.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { extractText, getDocumentProxy, getMeta } = require(workerData.unpdfPath);
  const pdf = await getDocumentProxy(workerData.bytes, { verbosity: 0 });
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    const meta = await getMeta(pdf).catch(() => ({ info: {} }));
    const title = typeof meta.info.Title === 'string' ? meta.info.Title : undefined;
    parentPort.postMessage({ ok: true, pages: text, title });
  } finally {
    await pdf.loadingTask.destroy();
  }
})().catch((error) => parentPort.postMessage({ ok: false, message: String((error && error.message) || error) }));
`;

type WorkerReply = { ok: true; pages: string[]; title?: string } | { ok: false; message: string };

/** Extracts each page's text; rejects with pdf.js's reason when the file is not a readable PDF. */
export function extractPdfText(bytes: Uint8Array, options: { timeoutMs?: number } = {}): Promise<PdfText> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: { bytes, unpdfPath: require.resolve('unpdf') },
    });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`PDF text extraction took longer than ${timeoutMs} ms`))),
      timeoutMs,
    );
    worker.once('message', (reply: WorkerReply) =>
      finish(() => {
        if (!reply.ok) return reject(new Error(reply.message));
        const title = reply.title?.trim();
        resolve({ ...(title ? { title } : {}), pages: reply.pages });
      }),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`PDF worker exited with code ${code}`))));
  });
}
