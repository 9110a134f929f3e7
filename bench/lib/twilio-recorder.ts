import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * Twilio's Messages API, faked for load: it answers the SDK like Twilio (basic auth, 201 with
 * the message JSON) and reports each accepted send, with the moment it arrived, to a listener.
 * tests/support/fake-twilio-server.ts keeps every request for assertions; this one keeps only
 * a count, so thousands of sends cost nothing.
 */
export interface ReceivedSend {
  to: string;
  body: string;
  /** performance.now() when the request's body was complete. */
  at: number;
}

const messagesPath = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;

export class TwilioRecorder {
  accepted = 0;
  refused = 0;
  private listener: (send: ReceivedSend) => void = () => {};

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly accountSid: string,
    readonly authToken: string,
  ) {}

  static async start(): Promise<TwilioRecorder> {
    const server = createServer();
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const recorder = new TwilioRecorder(
      server,
      `http://127.0.0.1:${port}`,
      `AC${randomBytes(16).toString('hex')}`,
      randomBytes(16).toString('hex'),
    );
    server.on('request', (req, res) => recorder.handle(req, res));
    return recorder;
  }

  onSend(listener: (send: ReceivedSend) => void): void {
    this.listener = listener;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = performance.now();
      const sid = messagesPath.exec(new URL(req.url ?? '/', this.url).pathname)?.[1];
      const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
      if (req.method !== 'POST' || sid === undefined) return this.fail(res, 404, 20404, 'not found');
      if (req.headers.authorization !== expected || sid !== this.accountSid) {
        return this.fail(res, 401, 20003, 'Authenticate');
      }
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To');
      const from = form.get('From') ?? form.get('MessagingServiceSid');
      const body = form.get('Body') ?? '';
      if (!to) return this.fail(res, 400, 21604, "A 'To' phone number is required.");
      if (!from) return this.fail(res, 400, 21603, "A 'From' phone number is required.");
      if (!body && !form.has('MediaUrl')) return this.fail(res, 400, 21602, 'Message body is required.');
      const messageSid = `SM${randomBytes(16).toString('hex')}`;
      res.writeHead(201, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          account_sid: this.accountSid,
          api_version: '2010-04-01',
          body,
          direction: 'outbound-api',
          error_code: null,
          error_message: null,
          from,
          num_media: '0',
          num_segments: '1',
          sid: messageSid,
          status: 'queued',
          to,
          uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${messageSid}.json`,
        }),
      );
      this.accepted += 1;
      this.listener({ to, body, at });
    });
  }

  private fail(res: ServerResponse, status: number, code: number, message: string): void {
    this.refused += 1;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message, status }));
  }
}
