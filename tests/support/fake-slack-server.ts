import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { RecordingSlackServer, type RecordingSlackServerOptions } from '../../src/testing/recording-slack-server';
import { FakeSlackSocketMode, type SocketAck, type SocketEnvelopeType } from './fake-slack-socket-mode';

export type {
  FakeSlackCall,
  FakeSlackChannel,
  FakeSlackPost,
  FakeSlackUpload,
  FakeSlackUser,
  FakeSlackUsergroup,
} from '../../src/testing/recording-slack-server';

/**
 * The tests' fake Slack: the recording Web API of src/testing/recording-slack-server.ts (its
 * header lists every method and recorder), plus Slack's Socket Mode on the same port.
 *
 *   const fake = await FakeSlackServer.start({ botToken?, appToken?, users?, channels?, usergroups? })
 *
 * Socket Mode (`fake.socketMode`, a `FakeSlackSocketMode` — see fake-slack-socket-mode.ts):
 *   apps.connections.open (app token)     → a single-use ws://…/link/?ticket=… URL on this server
 *   await fake.waitForSocket()            resolves once a client connected and got `hello`
 *   fake.sendSocketEnvelope(payload, type = 'events_api')  → envelope_id; delivers like Slack
 *   await fake.waitForSocketAck(envelopeId)  → the client's ack { envelope_id, payload?, at }
 *   fake.socketMode.requestDisconnect('refresh_requested'), .dropConnections(), .acks(), …
 */
export class FakeSlackServer extends RecordingSlackServer {
  /** Slack's Socket Mode on this server's port: apps.connections.open hands out its URLs. */
  readonly socketMode: FakeSlackSocketMode;

  protected constructor(server: Server, url: string, botToken: string, appToken: string) {
    super(server, url, botToken, appToken);
    this.socketMode = new FakeSlackSocketMode(url, this.workspace.appId);
  }

  static override start(options: RecordingSlackServerOptions = {}): Promise<FakeSlackServer> {
    return RecordingSlackServer.listen(options, (...args) => new FakeSlackServer(...args));
  }

  override reset(): void {
    super.reset();
    this.socketMode.reset();
  }

  override async close(): Promise<void> {
    await this.socketMode.close();
    await super.close();
  }

  async waitForSocket(timeoutMs = 5000): Promise<void> {
    await this.socketMode.waitForConnection(1, timeoutMs);
  }

  /** Delivers a payload the way Slack does over Socket Mode; returns its envelope_id. */
  sendSocketEnvelope(payload: Record<string, unknown>, type: SocketEnvelopeType = 'events_api'): string {
    return this.socketMode.send(payload, type);
  }

  waitForSocketAck(envelopeId: string, timeoutMs = 5000): Promise<SocketAck> {
    return this.socketMode.waitForAck(envelopeId, timeoutMs);
  }

  protected override socketModeUrl(): string {
    return this.socketMode.issueUrl();
  }

  protected override handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.socketMode.handleUpgrade(req, socket, head);
  }
}
