import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { Duplex } from 'node:stream';
import { slackTestWorkspace } from './slack-signing';

/**
 * A real local Slack Web API that records what it is sent: Bolt's own WebClient
 * (`slackApiUrl: fake.apiUrl`, i.e. SLACK_API_URL) sends it the exact requests it would send
 * slack.com. `baton flows` runs Baton against it; the tests' `FakeSlackServer`
 * (tests/support/fake-slack-server.ts) extends it with Socket Mode.
 *
 *   const fake = await RecordingSlackServer.start({ botToken?, appToken?, users?, channels?, usergroups? })
 *   fake.url, fake.apiUrl ("<url>/api/"), fake.botToken, fake.appToken, fake.workspace (ids)
 *
 * Auth: `Authorization: Bearer …` or a `token` body field. No token → `not_authed`; a wrong one →
 * `invalid_auth` (apps.connections.open wants the app token, every other method the bot token).
 * Bodies: form-encoded (what the WebClient sends; JSON-valued fields such as `blocks`, `view`,
 * `attachments`, `files`, `metadata` are decoded) or JSON. Answers are Slack-shaped JSON.
 *
 * Methods:
 *   auth.test                     → team_id / user_id / bot_id of `fake.workspace`
 *   chat.postMessage              → { ok, channel, ts, message } — a new ts every time
 *                                   ("1700000000.000100", "1700000000.000200", …), thread_ts echoed;
 *                                   `no_text` without text/blocks/attachments; `not_in_channel` /
 *                                   `is_archived` for channels added with isMember:false / isArchived
 *   chat.update                   → `message_not_found` unless the ts was posted here
 *   chat.getPermalink             → https://baton-test.slack.com/archives/C…/p… (posted messages only)
 *   chat.postEphemeral            → { ok, message_ts }
 *   reactions.add                 → `already_reacted` for the same name twice on a message
 *   views.open / views.update / views.publish   (views.open needs trigger_id; update needs a known view)
 *   users.info                    → configured users (profile.first_name, real_name); else user_not_found
 *   conversations.info            → configured channel, or a generic public channel the bot is in
 *   files.getUploadURLExternal + POST <upload_url> + files.completeUploadExternal (files.uploadV2)
 *   usergroups.list               → configured user groups (`users` with include_users)
 *   apps.connections.open         → `socketModeUrl()` of a subclass (Socket Mode), else unknown_method;
 *                                   wants the app token, in the Authorization header only
 *   anything else                 → `unknown_method`
 *
 * Recording (failed calls included, in order):
 *   fake.calls(method?)           [{ method, body, token, ok, error?, at }]
 *   fake.waitForCalls(method, count = 1, timeoutMs = 5000)  resolves with the calls once there
 *   fake.posts(channel?)          accepted chat.postMessage: { channel, ts, threadTs?, text?, blocks?, body }
 *   fake.message(channel, ts)     a posted message as last updated by chat.update
 *   fake.reactions()              accepted reactions.add { channel, timestamp, name }
 *   fake.homeView(userId)         the last view published to that user's App Home
 *   fake.storedViews()            every view opened or published (with its id), as last updated
 *   fake.uploads()                { fileId, filename, length, data?, completed, channelId?, threadTs?, title?, initialComment? }
 *   fake.responses                bodies POSTed to `fake.responseUrl()` (Bolt's respond())
 *
 * Scripted failures (per method, consumed in order, before auth):
 *   fake.rateLimitNext(method, { retryAfterSeconds, times = 1 })  → HTTP 429 + Retry-After, {ok:false,error:'ratelimited'}
 *   fake.failNext(method, { status: 500, times? })                → that HTTP status
 *   fake.failNext(method, { error: 'channel_not_found', times? }) → 200 {ok:false, error}
 *
 *   fake.addUser / addChannel / addUsergroup, fake.reset() (calls, posts, scripts; keeps directory),
 *   await fake.close()
 */

export interface FakeSlackCall {
  method: string;
  body: Record<string, unknown>;
  token?: string;
  ok: boolean;
  /** Slack's error string, or `http_<status>` for a scripted HTTP failure. */
  error?: string;
  at: number;
}

export interface FakeSlackPost {
  channel: string;
  ts: string;
  threadTs?: string;
  text?: string;
  blocks?: unknown;
  body: Record<string, unknown>;
}

export interface FakeSlackUser {
  id: string;
  realName: string;
  /** Default: the first word of realName. */
  firstName?: string;
  lastName?: string;
  displayName?: string;
  name?: string;
  isBot?: boolean;
  tz?: string;
}

export interface FakeSlackChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  isMember?: boolean;
  isArchived?: boolean;
}

export interface FakeSlackUsergroup {
  id: string;
  handle: string;
  name: string;
  users?: string[];
}

export interface FakeSlackUpload {
  fileId: string;
  filename: string;
  length: number;
  title?: string;
  data?: Buffer;
  contentType?: string;
  completed: boolean;
  channelId?: string;
  threadTs?: string;
  initialComment?: string;
}

export type FakeSlackFailure = { status: number; error?: never } | { error: string; status?: never };
type Failure = FakeSlackFailure;
type Script = { kind: 'rate_limit'; retryAfterSeconds: number } | { kind: 'fail'; failure: Failure };
/** What the fake answers one Web API call. */
export type FakeSlackAnswer = { status?: number; headers?: Record<string, string>; json: Record<string, unknown> };
type Answer = FakeSlackAnswer;

export interface RecordingSlackServerOptions {
  botToken?: string;
  appToken?: string;
  users?: FakeSlackUser[];
  channels?: FakeSlackChannel[];
  usergroups?: FakeSlackUsergroup[];
}

const jsonFields = new Set(['blocks', 'attachments', 'view', 'files', 'metadata']);
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const upperId = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export class RecordingSlackServer {
  readonly responses: unknown[] = [];
  readonly workspace = slackTestWorkspace;
  private recorded: FakeSlackCall[] = [];
  private accepted: FakeSlackPost[] = [];
  private readonly messages = new Map<string, Record<string, unknown>>();
  private accReactions: Array<{ channel: string; timestamp: string; name: string }> = [];
  private readonly views = new Map<string, Record<string, unknown>>();
  private readonly homeViews = new Map<string, Record<string, unknown>>();
  private fileUploads = new Map<string, FakeSlackUpload>();
  private scripts = new Map<string, Script[]>();
  private readonly users = new Map<string, FakeSlackUser>();
  private readonly channels = new Map<string, FakeSlackChannel>();
  private readonly usergroups: FakeSlackUsergroup[] = [];
  private readonly events = new EventEmitter();
  private tsCounter = 0;

  protected constructor(
    private readonly server: Server,
    readonly url: string,
    readonly botToken: string,
    readonly appToken: string,
  ) {
    this.events.setMaxListeners(100);
  }

  static start(options: RecordingSlackServerOptions = {}): Promise<RecordingSlackServer> {
    return RecordingSlackServer.listen(options, (...args) => new RecordingSlackServer(...args));
  }

  /** Listens on a free local port; subclasses pass their own constructor as `create`. */
  protected static async listen<T extends RecordingSlackServer>(
    options: RecordingSlackServerOptions,
    create: (server: Server, url: string, botToken: string, appToken: string) => T,
  ): Promise<T> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = create(
      server,
      `http://127.0.0.1:${port}`,
      options.botToken ?? `xoxb-${hex(6)}-${hex(6)}-${hex(12)}`,
      options.appToken ?? `xapp-1-${hex(5).toUpperCase()}-${hex(6)}-${hex(16)}`,
    );
    for (const user of options.users ?? []) fake.addUser(user);
    for (const channel of options.channels ?? []) fake.addChannel(channel);
    for (const group of options.usergroups ?? []) fake.addUsergroup(group);
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
    });
    server.on('upgrade', (req, socket, head) => fake.handleUpgrade(req, socket, head));
    return fake;
  }

  /** Base URL for the WebClient (`slackApiUrl`, SLACK_API_URL): method names are appended. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url for interactivity payloads; what is posted to it lands in `responses`. */
  responseUrl(): string {
    return `${this.url}/respond/${hex(8)}`;
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  addChannel(channel: FakeSlackChannel): void {
    this.channels.set(channel.id, channel);
  }

  addUsergroup(group: FakeSlackUsergroup): void {
    this.usergroups.push(group);
  }

  calls(method?: string): FakeSlackCall[] {
    return method === undefined ? [...this.recorded] : this.recorded.filter((c) => c.method === method);
  }

  async waitForCalls(method: string, count = 1, timeoutMs = 5000): Promise<FakeSlackCall[]> {
    await this.waitUntil(
      () => this.calls(method).length >= count,
      timeoutMs,
      () => `fake Slack: ${this.calls(method).length} of ${count} ${method} calls after ${timeoutMs} ms`,
    );
    return this.calls(method);
  }

  posts(channel?: string): FakeSlackPost[] {
    return channel === undefined ? [...this.accepted] : this.accepted.filter((p) => p.channel === channel);
  }

  message(channel: string, ts: string): Record<string, unknown> | undefined {
    return this.messages.get(`${channel}/${ts}`);
  }

  reactions(): Array<{ channel: string; timestamp: string; name: string }> {
    return [...this.accReactions];
  }

  /** Every view opened (views.open) or published, as last updated, oldest first; each has its `id`. */
  storedViews(): Array<Record<string, unknown>> {
    return [...this.views.values()];
  }

  homeView(userId: string): Record<string, unknown> | undefined {
    return this.homeViews.get(userId);
  }

  uploads(): FakeSlackUpload[] {
    return [...this.fileUploads.values()];
  }

  rateLimitNext(method: string, options: { retryAfterSeconds: number; times?: number }): void {
    for (let i = 0; i < (options.times ?? 1); i++) {
      this.script(method, { kind: 'rate_limit', retryAfterSeconds: options.retryAfterSeconds });
    }
  }

  failNext(method: string, failure: Failure & { times?: number }): void {
    const { times = 1, ...rest } = failure;
    for (let i = 0; i < times; i++) this.script(method, { kind: 'fail', failure: rest as Failure });
  }

  reset(): void {
    this.recorded = [];
    this.accepted = [];
    this.messages.clear();
    this.accReactions = [];
    this.views.clear();
    this.homeViews.clear();
    this.fileUploads = new Map();
    this.scripts = new Map();
    this.responses.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------ extension points

  /** Socket Mode's URL for `apps.connections.open`; none here (HTTP only). */
  protected socketModeUrl(): string | undefined {
    return undefined;
  }

  /** A WebSocket upgrade request on this server's port; refused here. */
  protected handleUpgrade(_req: IncomingMessage, socket: Duplex, _head: Buffer): void {
    socket.destroy();
  }

  // ------------------------------------------------------------ HTTP

  private script(method: string, script: Script): void {
    const list = this.scripts.get(method) ?? [];
    list.push(script);
    this.scripts.set(method, list);
  }

  private async waitUntil(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(describe());
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.events.off('change', wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.events.on('change', wake);
      });
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.url).pathname;
    const contentType = req.headers['content-type'] ?? '';
    if (req.method === 'POST' && path.startsWith('/upload/'))
      return this.receiveUpload(path.slice(8), raw, contentType, res);
    if (req.method === 'POST' && path.startsWith('/respond/')) {
      this.responses.push(parseBody(raw, contentType));
      this.events.emit('change');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const match = /^\/api\/([\w.]+)$/.exec(path);
    if (req.method !== 'POST' || !match?.[1]) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const method = match[1];
    const body = parseBody(raw, contentType);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    // Slack takes the app token for apps.connections.open only from the Authorization header.
    const token = method === 'apps.connections.open' ? bearer : (bearer ?? str(body.token));
    const answer = this.answer(method, body, token);
    const ok = answer.json.ok === true;
    this.recorded.push({
      method,
      body,
      ...(token !== undefined && { token }),
      ok,
      ...(!ok && { error: str(answer.json.error) ?? `http_${answer.status}` }),
      at: Date.now(),
    });
    this.events.emit('change');
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.json));
  }

  private answer(method: string, body: Record<string, unknown>, token: string | undefined): Answer {
    const script = this.scripts.get(method)?.shift();
    if (script?.kind === 'rate_limit') {
      return {
        status: 429,
        headers: { 'retry-after': String(script.retryAfterSeconds) },
        json: { ok: false, error: 'ratelimited' },
      };
    }
    if (script?.kind === 'fail') {
      if (script.failure.status !== undefined) return { status: script.failure.status, json: { ok: false } };
      return { json: { ok: false, error: script.failure.error } };
    }
    if (token === undefined) return fail('not_authed');
    const expected = method === 'apps.connections.open' ? this.appToken : this.botToken;
    if (token !== expected) return fail('invalid_auth');
    const handler = this.methods[method];
    return handler ? handler(body) : fail('unknown_method');
  }

  private readonly methods: Record<string, (body: Record<string, unknown>) => Answer> = {
    'auth.test': () =>
      okJson({
        url: `https://${this.workspace.teamDomain}.slack.com/`,
        team: 'Baton Test',
        user: 'baton',
        team_id: this.workspace.teamId,
        user_id: this.workspace.botUserId,
        bot_id: this.workspace.botId,
        is_enterprise_install: false,
      }),
    'chat.postMessage': (body) => {
      const channel = str(body.channel);
      if (!channel) return fail('channel_not_found');
      const refused = this.refuseChannel(channel);
      if (refused) return refused;
      if (!str(body.text) && body.blocks === undefined && body.attachments === undefined) return fail('no_text');
      const ts = this.nextTs();
      const threadTs = str(body.thread_ts);
      const message = this.botMessage(body, ts, threadTs);
      this.messages.set(`${channel}/${ts}`, message);
      this.accepted.push({
        channel,
        ts,
        ...(threadTs !== undefined && { threadTs }),
        ...(str(body.text) !== undefined && { text: str(body.text) }),
        ...(body.blocks !== undefined && { blocks: body.blocks }),
        body,
      });
      return okJson({ channel, ts, message });
    },
    'chat.getPermalink': (body) => {
      const channel = str(body.channel);
      const ts = str(body.message_ts);
      if (!channel || !ts) return fail('invalid_arguments');
      const message = this.messages.get(`${channel}/${ts}`);
      if (!message) return fail('message_not_found');
      const threadTs = str(message.thread_ts);
      const thread = threadTs !== undefined && threadTs !== ts ? `?thread_ts=${threadTs}&cid=${channel}` : '';
      return okJson({
        channel,
        permalink: `https://${this.workspace.teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}${thread}`,
      });
    },
    'chat.update': (body) => {
      const channel = str(body.channel);
      const ts = str(body.ts);
      if (!channel || !ts) return fail('invalid_arguments');
      const key = `${channel}/${ts}`;
      const previous = this.messages.get(key);
      if (!previous) return fail('message_not_found');
      const message = {
        ...previous,
        ...(body.text !== undefined && { text: body.text }),
        ...(body.blocks !== undefined && { blocks: body.blocks }),
        ...(body.attachments !== undefined && { attachments: body.attachments }),
        edited: { user: this.workspace.botUserId, ts: this.nextTs() },
      };
      this.messages.set(key, message);
      return okJson({ channel, ts, text: message.text ?? '', message });
    },
    'chat.postEphemeral': (body) => {
      const channel = str(body.channel);
      if (!channel) return fail('channel_not_found');
      if (!str(body.user)) return fail('user_not_in_channel');
      return this.refuseChannel(channel) ?? okJson({ message_ts: this.nextTs() });
    },
    'reactions.add': (body) => {
      const channel = str(body.channel);
      const timestamp = str(body.timestamp);
      const name = str(body.name);
      if (!channel || !timestamp || !name) return fail('invalid_arguments');
      const refused = this.refuseChannel(channel);
      if (refused) return refused;
      if (this.accReactions.some((r) => r.channel === channel && r.timestamp === timestamp && r.name === name)) {
        return fail('already_reacted');
      }
      this.accReactions.push({ channel, timestamp, name });
      return okJson({});
    },
    'views.open': (body) => {
      if (!str(body.trigger_id)) return fail('invalid_arguments');
      if (typeof body.view !== 'object' || body.view === null) return fail('invalid_arguments');
      return okJson({ view: this.storeView(upperId('V'), body.view as Record<string, unknown>) });
    },
    'views.update': (body) => {
      const id =
        str(body.view_id) ??
        [...this.views.entries()].find(([, v]) => v.external_id && v.external_id === body.external_id)?.[0];
      if (!id || !this.views.has(id)) return fail('not_found');
      if (typeof body.view !== 'object' || body.view === null) return fail('invalid_arguments');
      return okJson({ view: this.storeView(id, body.view as Record<string, unknown>) });
    },
    'views.publish': (body) => {
      const userId = str(body.user_id);
      if (!userId) return fail('invalid_arguments');
      if (typeof body.view !== 'object' || body.view === null) return fail('invalid_arguments');
      const view = this.storeView(upperId('V'), body.view as Record<string, unknown>);
      this.homeViews.set(userId, view);
      return okJson({ view });
    },
    'users.info': (body) => {
      const user = this.users.get(str(body.user) ?? '');
      return user ? okJson({ user: this.userObject(user) }) : fail('user_not_found');
    },
    'conversations.info': (body) => {
      const id = str(body.channel);
      if (!id) return fail('channel_not_found');
      const channel = this.channels.get(id) ?? { id, name: id.toLowerCase() };
      return okJson({
        channel: {
          id: channel.id,
          name: channel.name,
          is_channel: !channel.isPrivate,
          is_group: channel.isPrivate ?? false,
          is_im: false,
          is_private: channel.isPrivate ?? false,
          is_archived: channel.isArchived ?? false,
          is_member: channel.isMember ?? true,
          created: 1690000000,
          creator: 'U0ADMIN001',
          name_normalized: channel.name,
        },
      });
    },
    'files.getUploadURLExternal': (body) => {
      const filename = str(body.filename);
      const length = Number(body.length);
      if (!filename || !Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
      const fileId = upperId('F');
      this.fileUploads.set(fileId, { fileId, filename, length, completed: false });
      return okJson({ upload_url: `${this.url}/upload/${fileId}`, file_id: fileId });
    },
    'files.completeUploadExternal': (body) => {
      const files = Array.isArray(body.files) ? (body.files as Array<{ id?: string; title?: string }>) : [];
      if (files.length === 0) return fail('invalid_arguments');
      const done: FakeSlackUpload[] = [];
      for (const file of files) {
        const upload = file.id === undefined ? undefined : this.fileUploads.get(file.id);
        if (!upload || upload.data === undefined) return fail('file_not_found');
        done.push(upload);
      }
      const channelId = str(body.channel_id);
      if (channelId) {
        const refused = this.refuseChannel(channelId);
        if (refused) return refused;
      }
      for (const [i, upload] of done.entries()) {
        Object.assign(upload, {
          completed: true,
          ...(files[i]?.title !== undefined && { title: files[i]?.title }),
          ...(channelId !== undefined && { channelId }),
          ...(str(body.thread_ts) !== undefined && { threadTs: str(body.thread_ts) }),
          ...(str(body.initial_comment) !== undefined && { initialComment: str(body.initial_comment) }),
        });
      }
      return okJson({
        files: done.map((u) => ({
          id: u.fileId,
          created: Math.floor(Date.now() / 1000),
          name: u.filename,
          title: u.title ?? u.filename,
          mimetype: u.contentType ?? 'application/octet-stream',
          size: u.data?.length ?? u.length,
          user: this.workspace.botUserId,
        })),
      });
    },
    'usergroups.list': (body) =>
      okJson({
        usergroups: this.usergroups.map((g) => ({
          id: g.id,
          team_id: this.workspace.teamId,
          is_usergroup: true,
          name: g.name,
          handle: g.handle,
          description: '',
          is_external: false,
          date_delete: 0,
          user_count: g.users?.length ?? 0,
          ...((body.include_users === true || body.include_users === 'true') && { users: g.users ?? [] }),
        })),
      }),
    'apps.connections.open': () => {
      const url = this.socketModeUrl();
      return url === undefined ? fail('unknown_method') : okJson({ url });
    },
  };

  private refuseChannel(id: string): Answer | undefined {
    const channel = this.channels.get(id);
    if (channel?.isArchived) return fail('is_archived');
    if (channel && channel.isMember === false) return fail('not_in_channel');
    return undefined;
  }

  private nextTs(): string {
    this.tsCounter += 1;
    const micros = this.tsCounter * 100;
    return `${1700000000 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  private botMessage(body: Record<string, unknown>, ts: string, threadTs: string | undefined): Record<string, unknown> {
    const customized =
      str(body.username) !== undefined || str(body.icon_emoji) !== undefined || str(body.icon_url) !== undefined;
    return {
      ...(customized && { subtype: 'bot_message', username: str(body.username) }),
      type: 'message',
      text: str(body.text) ?? '',
      user: this.workspace.botUserId,
      bot_id: this.workspace.botId,
      app_id: this.workspace.appId,
      team: this.workspace.teamId,
      ts,
      ...(threadTs !== undefined && { thread_ts: threadTs, parent_user_id: this.workspace.botUserId }),
      ...(body.blocks !== undefined && { blocks: body.blocks }),
      ...(body.attachments !== undefined && { attachments: body.attachments }),
      ...(body.metadata !== undefined && { metadata: body.metadata }),
      bot_profile: { id: this.workspace.botId, app_id: this.workspace.appId, name: 'Baton', deleted: false },
    };
  }

  private storeView(id: string, view: Record<string, unknown>): Record<string, unknown> {
    const stored = {
      ...view,
      id,
      team_id: this.workspace.teamId,
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${hex(4)}`,
      root_view_id: id,
      previous_view_id: null,
      app_id: this.workspace.appId,
      bot_id: this.workspace.botId,
    };
    this.views.set(id, stored);
    return stored;
  }

  private userObject(user: FakeSlackUser): Record<string, unknown> {
    const firstName = user.firstName ?? user.realName.split(/\s+/)[0] ?? user.realName;
    const lastName = user.lastName ?? user.realName.split(/\s+/).slice(1).join(' ');
    return {
      id: user.id,
      team_id: this.workspace.teamId,
      name: user.name ?? user.id.toLowerCase(),
      deleted: false,
      real_name: user.realName,
      tz: user.tz ?? 'Europe/London',
      is_bot: user.isBot ?? false,
      profile: {
        real_name: user.realName,
        real_name_normalized: user.realName,
        display_name: user.displayName ?? '',
        display_name_normalized: user.displayName ?? '',
        first_name: firstName,
        last_name: lastName,
        team: this.workspace.teamId,
      },
    };
  }

  private async receiveUpload(fileId: string, raw: Buffer, contentType: string, res: ServerResponse): Promise<void> {
    const upload = this.fileUploads.get(fileId);
    if (!upload) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let data = raw;
    let type: string | undefined = contentType || undefined;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      const file = [...form.values()].find((value) => typeof value !== 'string');
      if (file !== undefined && typeof file !== 'string') {
        data = Buffer.from(await file.arrayBuffer());
        type = file.type || undefined;
      }
    }
    upload.data = data;
    if (type !== undefined) upload.contentType = type;
    this.events.emit('change');
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${data.length}`);
  }
}

function okJson(fields: Record<string, unknown>): Answer {
  return { json: { ok: true, ...fields } };
}

function fail(error: string): Answer {
  return { json: { ok: false, error } };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer, contentType: string): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text.length === 0) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(text) as Record<string, unknown>;
  const form = parseQuery(text);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    const single = Array.isArray(value) ? value[value.length - 1] : value;
    body[key] = single !== undefined && jsonFields.has(key) ? tryJson(single) : single;
  }
  return body;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
