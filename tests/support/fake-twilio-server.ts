import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real local Twilio REST server for tests: the SDK (through TwilioAdapter's HTTP client with
 * `apiUrl: fake.url`) sends it the exact requests it would send Twilio, and tests assert them.
 *
 *   const fake = await FakeTwilioServer.start({ accountSid?, authToken? }); // 127.0.0.1, port 0
 *   fake.url, fake.accountSid, fake.authToken   // → TWILIO_API_URL / TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN
 *
 * Messages (`POST /2010-04-01/Accounts/:sid/Messages.json`):
 *   - checks basic auth (account SID + auth token, and the SID in the path) → 401, code 20003;
 *   - validates like Twilio: To (21604), From or MessagingServiceSid (21603), Body or MediaUrl
 *     (21602), same channel on both sides (21910), SMS body ≤ 1600 characters (21617);
 *   - answers 201 with Twilio's message JSON: `sid` "SM…" ("MM…" with media), `status`
 *     "queued" ("accepted" when sent through a Messaging Service without From).
 *   fake.requests          every Messages request, in order, failed ones included:
 *                          { accountSid, authorized, form (field → every value, in order), status }
 *   fake.messages()        the accepted ones: { sid, to, from?, messagingServiceSid?, body?,
 *                          mediaUrls, statusCallback?, form }
 *   fake.messagesTo(to)    accepted messages for one recipient, oldest first
 *   fake.waitForMessages(to, count = 1, timeoutMs = 5000)  resolves once `count` have arrived
 *   fake.failNext({ status, code?, message?, times? })     the next N Messages requests answer
 *                          `status` with Twilio's error JSON { code, message, more_info, status }
 *   fake.hangNext(times = 1)   the next N Messages requests are never answered (client timeout)
 *
 * Media (`GET`, basic auth unless `auth: false`):
 *   fake.addMedia({ data, contentType, auth?, redirectTo?, chunked?, hang? }) → URL shaped like
 *     Twilio's (…/Messages/MM…/Media/ME…). `redirectTo` answers 307 to that URL instead (Twilio
 *     redirects media to a CDN); `chunked` omits Content-Length; `hang` never answers.
 *   fake.mediaRequests     { path, authorization (header or undefined), status }
 *
 *   fake.reset()           forgets requests, messages, scripted failures
 *   await fake.close()     also drops hung and kept-alive connections
 */

export interface RecordedTwilioRequest {
  method: string;
  path: string;
  accountSid: string;
  authorized: boolean;
  /** Every form field with all its values, in the order sent (MediaUrl repeats). */
  form: Record<string, string[]>;
  /** HTTP status answered, or 'hung'. */
  status: number | 'hung';
}

export interface FakeTwilioMessage {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body?: string;
  mediaUrls: string[];
  statusCallback?: string;
  form: Record<string, string[]>;
}

export interface FakeTwilioMedia {
  data: Buffer | string;
  contentType: string;
  /** Require the account's basic auth (default true, as Twilio can). */
  auth?: boolean;
  /** Answer 307 to this URL instead of serving bytes. */
  redirectTo?: string;
  /** Stream without Content-Length. */
  chunked?: boolean;
  /** Never answer (after the auth check), so the client times out. */
  hang?: boolean;
}

type Script = { kind: 'fail'; status: number; code?: number; message?: string } | { kind: 'hang' };

const messagesPath = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export class FakeTwilioServer {
  readonly requests: RecordedTwilioRequest[] = [];
  readonly mediaRequests: Array<{ path: string; authorization?: string; status: number }> = [];
  private accepted: FakeTwilioMessage[] = [];
  private scripts: Script[] = [];
  private readonly media = new Map<string, FakeTwilioMedia>();
  private readonly hung = new Set<ServerResponse>();
  private readonly events = new EventEmitter();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly accountSid: string,
    readonly authToken: string,
  ) {}

  static async start(options: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilioServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeTwilioServer(
      server,
      `http://127.0.0.1:${port}`,
      options.accountSid ?? `AC${hex(16)}`,
      options.authToken ?? hex(16),
    );
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    return fake;
  }

  messages(): FakeTwilioMessage[] {
    return [...this.accepted];
  }

  messagesTo(to: string): FakeTwilioMessage[] {
    return this.accepted.filter((m) => m.to === to);
  }

  async waitForMessages(to: string, count = 1, timeoutMs = 5000): Promise<FakeTwilioMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messagesTo(to).length < count) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(
          `fake Twilio: ${this.messagesTo(to).length} of ${count} messages to ${to} after ${timeoutMs} ms`,
        );
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.events.off('message', done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.events.on('message', done);
      });
    }
    return this.messagesTo(to);
  }

  failNext(failure: { status: number; code?: number; message?: string; times?: number }): void {
    for (let i = 0; i < (failure.times ?? 1); i++) {
      this.scripts.push({ kind: 'fail', status: failure.status, code: failure.code, message: failure.message });
    }
  }

  hangNext(times = 1): void {
    for (let i = 0; i < times; i++) this.scripts.push({ kind: 'hang' });
  }

  addMedia(media: FakeTwilioMedia): string {
    const path = `/2010-04-01/Accounts/${this.accountSid}/Messages/MM${hex(16)}/Media/ME${hex(16)}`;
    this.media.set(path, media);
    return this.url + path;
  }

  reset(): void {
    this.requests.length = 0;
    this.mediaRequests.length = 0;
    this.accepted = [];
    this.scripts = [];
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    this.events.removeAllListeners();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private authorized(req: IncomingMessage, pathSid?: string): boolean {
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    return req.headers.authorization === expected && (pathSid === undefined || pathSid === this.accountSid);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const sid = messagesPath.exec(path)?.[1];
    if (req.method === 'POST' && sid !== undefined) this.handleMessage(req, res, sid, chunks);
    else if (req.method === 'GET' && this.media.has(path)) this.handleMedia(req, res, path);
    else sendError(res, 404, 20404, `The requested resource ${path} was not found`);
  }

  private handleMessage(req: IncomingMessage, res: ServerResponse, accountSid: string, chunks: Buffer[]): void {
    const form: Record<string, string[]> = {};
    for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
      form[name] = [...(form[name] ?? []), value];
    }
    const authorized = this.authorized(req, accountSid);
    const record: RecordedTwilioRequest = {
      method: 'POST',
      path: req.url ?? '',
      accountSid,
      authorized,
      form,
      status: 0,
    };
    this.requests.push(record);
    const refusal = authorized ? this.scriptedOrInvalid(form) : ([401, 20003, 'Authenticate'] as const);
    if (refusal === 'hang') {
      record.status = 'hung';
      this.hung.add(res);
      return;
    }
    if (refusal) {
      record.status = refusal[0];
      sendError(res, ...refusal);
      return;
    }
    const field = (name: string) => form[name]?.[0];
    const to = field('To') as string;
    const from = field('From');
    const messagingServiceSid = field('MessagingServiceSid');
    const body = field('Body');
    const mediaUrls = form.MediaUrl ?? [];
    const message: FakeTwilioMessage = {
      sid: `${mediaUrls.length > 0 ? 'MM' : 'SM'}${hex(16)}`,
      to,
      ...(from !== undefined && { from }),
      ...(messagingServiceSid !== undefined && { messagingServiceSid }),
      ...(body !== undefined && { body }),
      mediaUrls,
      ...(field('StatusCallback') !== undefined && { statusCallback: field('StatusCallback') }),
      form,
    };
    record.status = 201;
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(this.twilioJson(message)));
    this.accepted.push(message);
    this.events.emit('message', message);
  }

  /** A scripted failure, else Twilio's own validation of a create request (status, code, message). */
  private scriptedOrInvalid(form: Record<string, string[]>): 'hang' | readonly [number, number, string] | undefined {
    const script = this.scripts.shift();
    if (script?.kind === 'hang') return 'hang';
    if (script) return [script.status, script.code ?? script.status, script.message ?? 'Scripted failure'];
    const [to, from, service, body] = ['To', 'From', 'MessagingServiceSid', 'Body'].map((name) => form[name]?.[0]);
    if (!to) return [400, 21604, "A 'To' phone number is required."];
    if (!from && !service) return [400, 21603, "A 'From' phone number is required."];
    if (!body && !form.MediaUrl) return [400, 21602, 'Message body is required.'];
    if (from && from.startsWith('whatsapp:') !== to.startsWith('whatsapp:')) {
      return [400, 21910, 'Invalid From and To pair. From and To should be of the same channel'];
    }
    if (!to.startsWith('whatsapp:') && (body?.length ?? 0) > 1600) {
      return [400, 21617, 'The concatenated message body exceeds the 1600 character limit.'];
    }
    return undefined;
  }

  private twilioJson(message: FakeTwilioMessage) {
    const now = new Date().toUTCString().replace('GMT', '+0000');
    const uri = `/2010-04-01/Accounts/${this.accountSid}/Messages/${message.sid}`;
    return {
      account_sid: this.accountSid,
      api_version: '2010-04-01',
      body: message.body ?? '',
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: message.from ?? null,
      messaging_service_sid: message.messagingServiceSid ?? null,
      num_media: String(message.mediaUrls.length),
      num_segments: '1',
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status: message.from === undefined ? 'accepted' : 'queued',
      subresource_uris: { media: `${uri}/Media.json` },
      to: message.to,
      uri: `${uri}.json`,
    };
  }

  private handleMedia(req: IncomingMessage, res: ServerResponse, path: string): void {
    const media = this.media.get(path) as FakeTwilioMedia;
    const record = { path, authorization: req.headers.authorization, status: 200 };
    this.mediaRequests.push(record);
    if ((media.auth ?? true) && !this.authorized(req)) {
      record.status = 401;
      sendError(res, 401, 20003, 'Authenticate');
      return;
    }
    if (media.hang) {
      this.hung.add(res);
      return;
    }
    if (media.redirectTo) {
      record.status = 307;
      res.writeHead(307, { location: media.redirectTo }).end();
      return;
    }
    const data = Buffer.isBuffer(media.data) ? media.data : Buffer.from(media.data);
    if (media.chunked) {
      res.writeHead(200, { 'content-type': media.contentType });
      const step = 64 * 1024;
      for (let offset = 0; offset < data.length; offset += step) res.write(data.subarray(offset, offset + step));
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': media.contentType, 'content-length': data.length }).end(data);
  }
}

function sendError(res: ServerResponse, status: number, code: number, message: string): void {
  const body = { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
