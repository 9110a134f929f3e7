import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface RecordedWebhookCall {
  method: string;
  /** Path and query, e.g. `/booking_change`. */
  path: string;
  headers: Record<string, string>;
  /** The raw body, byte for byte as sent (signatures are computed over it). */
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  at: number;
}

export interface WebhookAnswer {
  status: number;
  body?: unknown;
}

/**
 * A local HTTP server standing in for a booking system: it records every request and answers
 * `200 {}` (or what `answer(path, …)` set for that path). `baton flows` points every action
 * webhook of the config at it, so flows never reach a real booking system.
 *
 *   const receiver = await RecordingWebhookReceiver.start()
 *   receiver.urlFor('booking_change')   → http://127.0.0.1:<port>/booking_change
 *   receiver.calls(path?)               → requests received, oldest first
 *   await receiver.close()
 */
export class RecordingWebhookReceiver {
  private recorded: RecordedWebhookCall[] = [];
  private readonly answers = new Map<string, WebhookAnswer>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<RecordingWebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new RecordingWebhookReceiver(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      void receiver.record(req).then(
        (answer) => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer.body ?? {}));
        },
        () => res.writeHead(400).end(),
      );
    });
    return receiver;
  }

  /** The URL a webhook named `name` is redirected to (one path per action). */
  urlFor(name: string): string {
    return `${this.url}/${encodeURIComponent(name)}`;
  }

  /** What requests to `path` (such as `/booking_change`) are answered from now on. */
  answer(path: string, answer: WebhookAnswer): void {
    this.answers.set(path, answer);
  }

  calls(path?: string): RecordedWebhookCall[] {
    return this.recorded.filter((call) => path === undefined || call.path === path);
  }

  reset(): void {
    this.recorded = [];
    this.answers.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async record(req: IncomingMessage): Promise<WebhookAnswer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '/';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    this.recorded.push({ method: req.method ?? 'GET', path, headers, body, ...parseJson(body), at: Date.now() });
    return this.answers.get(path) ?? { status: 200, body: {} };
  }
}

function parseJson(body: string): { json?: unknown } {
  try {
    return body ? { json: JSON.parse(body) } : {};
  } catch {
    return {};
  }
}
