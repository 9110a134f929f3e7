import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * Slack's Socket Mode, served locally with `ws`, as @slack/socket-mode (inside Bolt's
 * SocketModeReceiver) expects it:
 *
 *   1. the client calls `apps.connections.open` with the app-level token (xapp-…) and gets a
 *      single-use URL — here `ws://127.0.0.1:<port>/link/?ticket=…&app_id=…`
 *      (`FakeSlackServer` answers that method with `issueUrl()`);
 *   2. it connects; Slack sends `{type:'hello', num_connections, debug_info, connection_info}`
 *      and only then does the client count as connected;
 *   3. Slack delivers envelopes `{envelope_id, type:'events_api'|'interactive'|'slash_commands',
 *      payload, accepts_response_payload, retry_attempt, retry_reason}` — `payload` is exactly
 *      what Slack would POST over HTTP (an `event_callback`, a `block_actions`, …);
 *   4. the client acks each one with `{envelope_id, payload?}` (payload: a response body for
 *      interactive/slash payloads that accept one);
 *   5. Slack recycles connections by sending `{type:'disconnect', reason:'warning'|
 *      'refresh_requested'|'link_disabled', debug_info}`: the client closes and opens a new
 *      connection with a fresh `apps.connections.open`.
 *
 * Slack also pings every few seconds (the client drops a socket that stops pinging); the fake
 * pings every `pingIntervalMs` (default 5 s).
 *
 *   socket.issueUrl()                       a ticket URL (what apps.connections.open returns)
 *   await socket.waitForConnection(n = 1)   resolves once n connections got `hello` (counted since start/reset)
 *   socket.openConnections()                connections open right now
 *   socket.send(payload, type?, { retryAttempt?, retryReason? })  → envelope_id (newest connection)
 *   await socket.waitForAck(envelopeId)     → { envelope_id, payload?, at }
 *   socket.acks()                           every ack, in order
 *   socket.requestDisconnect(reason?)       sends Slack's `disconnect` message on every open connection
 *   socket.dropConnections()                cuts every socket without a close frame (a network blip)
 */

export type SocketEnvelopeType = 'events_api' | 'interactive' | 'slash_commands';
export type SocketDisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
  at: number;
}

export interface SocketEnvelope {
  envelope_id: string;
  type: SocketEnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

export class FakeSlackSocketMode {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly open = new Set<WebSocket>();
  private readonly recordedAcks: SocketAck[] = [];
  private readonly delivered: SocketEnvelope[] = [];
  private readonly changes = new EventEmitter();
  private helloCount = 0;
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    options: { pingIntervalMs?: number } = {},
  ) {
    this.changes.setMaxListeners(100);
    this.pinger = setInterval(() => {
      for (const socket of this.open) socket.ping(`ping-${Date.now()}`);
    }, options.pingIntervalMs ?? 5_000);
    this.pinger.unref();
  }

  /** What `apps.connections.open` answers: a URL good for one connection. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.baseUrl.replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  /** The HTTP server's `upgrade` handler: only `/link/` with an unused ticket becomes a socket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const ticket = url.searchParams.get('ticket') ?? '';
    if (!/^\/link\/?$/.test(url.pathname) || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  openConnections(): number {
    return this.open.size;
  }

  async waitForConnection(count = 1, timeoutMs = 5_000): Promise<void> {
    await this.waitUntil(
      () => this.helloCount >= count && this.open.size > 0,
      timeoutMs,
      () => `fake Socket Mode: ${this.helloCount} of ${count} connections after ${timeoutMs} ms`,
    );
  }

  /** Delivers a payload on the newest open connection, the way Slack wraps it; returns its envelope_id. */
  send(
    payload: Record<string, unknown>,
    type: SocketEnvelopeType = 'events_api',
    options: { retryAttempt?: number; retryReason?: string } = {},
  ): string {
    const socket = [...this.open].at(-1);
    if (!socket) throw new Error('fake Socket Mode: no open connection to deliver on');
    const envelope: SocketEnvelope = {
      envelope_id: randomUUID(),
      type,
      payload,
      // Slack lets interactive and slash-command acks carry a response; Events API acks are empty.
      accepts_response_payload: type !== 'events_api',
      retry_attempt: options.retryAttempt ?? 0,
      retry_reason: options.retryReason ?? '',
    };
    this.delivered.push(envelope);
    socket.send(JSON.stringify(envelope));
    return envelope.envelope_id;
  }

  envelopes(): SocketEnvelope[] {
    return [...this.delivered];
  }

  acks(): SocketAck[] {
    return [...this.recordedAcks];
  }

  async waitForAck(envelopeId: string, timeoutMs = 5_000): Promise<SocketAck> {
    const find = () => this.recordedAcks.find((a) => a.envelope_id === envelopeId);
    await this.waitUntil(
      () => find() !== undefined,
      timeoutMs,
      () => `fake Socket Mode: no ack for envelope ${envelopeId} after ${timeoutMs} ms`,
    );
    return find() as SocketAck;
  }

  /** Slack's notice that it is about to recycle (or has disabled) the connection. */
  requestDisconnect(reason: SocketDisconnectReason = 'refresh_requested'): void {
    for (const socket of this.open) {
      socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack-wss' } }));
    }
  }

  dropConnections(): void {
    for (const socket of this.open) socket.terminate();
  }

  /** Forgets acks, envelopes and the connection count (open sockets stay). */
  reset(): void {
    this.recordedAcks.length = 0;
    this.delivered.length = 0;
    this.helloCount = this.open.size;
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    for (const socket of this.open) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.open.add(ws);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: { envelope_id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(data.toString()) as typeof message;
      } catch {
        return;
      }
      if (typeof message.envelope_id !== 'string') return;
      this.recordedAcks.push({
        envelope_id: message.envelope_id,
        ...(message.payload !== undefined && { payload: message.payload }),
        at: Date.now(),
      });
      this.changes.emit('change');
    });
    ws.on('close', () => {
      this.open.delete(ws);
      this.changes.emit('change');
    });
    ws.on('error', () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open.size,
        debug_info: {
          host: 'fake-slack-wss',
          build_number: 1,
          approximate_connection_time: 18060,
        },
        connection_info: { app_id: this.appId },
      }),
    );
    this.helloCount += 1;
    this.changes.emit('change');
  }

  private async waitUntil(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(describe());
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.changes.off('change', wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.changes.on('change', wake);
      });
    }
  }
}
