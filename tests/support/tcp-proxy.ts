import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/**
 * A TCP proxy for fault tests: Baton talks to PostgreSQL or Redis through it, and the test
 * takes the dependency "down" without touching the real server (other test files share it).
 *
 *   const proxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 }); // listens on 127.0.0.1:<free>
 *   proxy.port, proxy.url('postgresql://postgres@host:5432/db')  → the URL pointed at the proxy
 *   proxy.cut()        destroys every live connection and resets new ones at once, as when the
 *                      server crashed or is restarting
 *   proxy.blackhole()  a network partition: live connections stay open but nothing crosses
 *                      them, new ones are accepted and never answered; the client just waits
 *   proxy.restore()    forwards again; after a blackhole, what was held back flows on (TCP
 *                      resumes once a partition heals)
 *   proxy.accepted (connections forwarded), proxy.refused (reset or held while down)
 *   await proxy.close()
 */
export type ProxyMode = 'forward' | 'cut' | 'blackhole';

interface Link {
  client: Socket;
  upstream: Socket | null;
}

export class TcpProxy {
  accepted = 0;
  refused = 0;
  private mode: ProxyMode = 'forward';
  private readonly links = new Set<Link>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('tcp proxy: no port');
    const proxy = new TcpProxy(server, address.port, target);
    server.on('connection', (client) => proxy.handle(client));
    return proxy;
  }

  /** `url` with its host and port pointed at this proxy (user, password, path and query kept). */
  url(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  get currentMode(): ProxyMode {
    return this.mode;
  }

  get liveConnections(): number {
    return this.links.size;
  }

  cut(): void {
    this.mode = 'cut';
    for (const link of this.links) this.destroy(link);
  }

  blackhole(): void {
    this.mode = 'blackhole';
    for (const link of this.links) freeze(link);
  }

  restore(): void {
    const was = this.mode;
    this.mode = 'forward';
    if (was !== 'blackhole') return;
    for (const link of this.links) {
      if (link.upstream) thaw(link);
      else this.connect(link);
    }
  }

  async close(): Promise<void> {
    for (const link of this.links) this.destroy(link);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private destroy(link: Link): void {
    link.client.destroy();
    link.upstream?.destroy();
    this.links.delete(link);
  }

  private handle(client: Socket): void {
    const link: Link = { client, upstream: null };
    // A reset peer is expected here; an unhandled 'error' would crash the test process.
    client.on('error', () => this.destroy(link));
    client.on('close', () => this.destroy(link));
    if (this.mode === 'cut') {
      this.refused++;
      client.destroy();
      return;
    }
    this.links.add(link);
    if (this.mode === 'blackhole') {
      this.refused++;
      client.pause(); // read nothing, answer nothing, until restored
      return;
    }
    this.connect(link);
  }

  private connect(link: Link): void {
    this.accepted++;
    const upstream = tcpConnect(this.target.port, this.target.host);
    link.upstream = upstream;
    upstream.on('error', () => this.destroy(link));
    upstream.on('close', () => this.destroy(link));
    thaw(link);
  }
}

function freeze(link: Link): void {
  if (!link.upstream) return;
  link.client.unpipe(link.upstream);
  link.upstream.unpipe(link.client);
  link.client.pause();
  link.upstream.pause();
}

function thaw(link: Link): void {
  if (!link.upstream) return;
  link.client.pipe(link.upstream);
  link.upstream.pipe(link.client);
  link.client.resume();
  link.upstream.resume();
}
