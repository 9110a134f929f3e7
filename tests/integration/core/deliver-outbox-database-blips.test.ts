import { Prisma } from '@prisma/client';
import type { ChannelAdapter, OutboundMessage, SendResult } from '../../../src/channels/channel-adapter';
import { type DeliverDeps, deliverOutbox } from '../../../src/core/delivery/deliver-outbox';
import { createLogger } from '../../../src/core/logger';
import type { RawSql } from '../../../src/db/fast-sql';
import { createPrismaClient, type Db } from '../../../src/db/prisma-client';
import { TcpProxy } from '../../support/tcp-proxy';
import { createTestDatabase, postgresServerUrl, type TestDatabase } from '../../support/test-services';

/**
 * `deliverOutbox` against a real PostgreSQL reached through a TcpProxy, with a channel that
 * counts what it is asked to send: the database failing after the provider accepted a message
 * never makes Baton send it again, and a lease Baton could not release does not hold the
 * conversation's deliveries for the whole lease.
 */
jest.setTimeout(30_000);

const postgres = new URL(postgresServerUrl);

let providerIds = 0;

/** A channel that accepts everything, and runs `afterSend` once the "provider" has taken it. */
class CountingChannel implements ChannelAdapter {
  readonly channel = 'simulator' as const;
  readonly maxTextLength = 1600;
  readonly sent: OutboundMessage[] = [];
  readonly ids: string[] = [];
  afterSend: () => void = () => {};

  parseInbound(): never {
    throw new Error('not used');
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    this.sent.push(message);
    this.afterSend();
    this.ids.push(`SIM-blip-${++providerIds}`);
    return { providerMessageId: this.ids.at(-1) ?? '', status: 'queued' };
  }
}

/** The database, with its first `times` outbox-lease releases failing as a dropped connection would. */
function failingReleases(db: Db, failures: { times: number }): Db {
  // Releases run on `db.fast` (the hot path's raw SQL) or on Prisma: both fail alike.
  const failing = <T extends RawSql>(raw: T): T =>
    new Proxy(raw, {
      get(target, property, receiver) {
        if (property === '$executeRaw' || property === '$queryRaw') {
          return (strings: TemplateStringsArray, ...values: unknown[]) => {
            // A release clears the column, alone or unless more work is left (`releaseUnless`).
            const sql = Prisma.sql(strings, ...values).sql;
            const releases = /"outboxLeaseUntil" = (NULL|CASE WHEN .* ELSE NULL END)/s.test(sql);
            if (failures.times > 0 && releases) {
              failures.times--;
              return Promise.reject(new Error('Connection terminated unexpectedly'));
            }
            return target[property](strings, ...values);
          };
        }
        if (property === 'fast') return failing(db.fast);
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return failing(db);
}

/** Whether another worker could take the outbox lease now (it takes only a free or expired one). */
async function anotherWorkerTakes(direct: Db, conversationId: string): Promise<boolean> {
  const taken = await direct.$queryRaw<unknown[]>`
    UPDATE "Conversation" SET "outboxLeaseUntil" = now() + interval '30 seconds'
    WHERE id = ${conversationId}::uuid AND ("outboxLeaseUntil" IS NULL OR "outboxLeaseUntil" < now())
    RETURNING id`;
  return taken.length > 0;
}

describe('deliverOutbox when PostgreSQL fails around a send', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let db: Db; // through the proxy: what Baton uses
  let direct: Db; // straight to PostgreSQL: what the test reads
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    database = await createTestDatabase();
    proxy = await TcpProxy.start({ host: postgres.hostname, port: Number(postgres.port || 5432) });
    db = createPrismaClient(proxy.url(database.url), { poolSize: 2 });
    direct = createPrismaClient(database.url, { poolSize: 2 });
  });
  afterAll(async () => {
    proxy?.restore();
    await db?.$disconnect();
    await direct?.$disconnect();
    await proxy?.close();
    await database?.drop();
  });

  let handle = 0;
  async function conversationWith(texts: string[]) {
    const contact = await direct.contact.create({
      data: { channel: 'simulator', address: `blip-${++handle}`, conversation: { create: { channel: 'simulator' } } },
      include: { conversation: true },
    });
    const conversationId = contact.conversation?.id ?? '';
    const ids: string[] = [];
    for (const text of texts) {
      const row = await direct.message.create({
        data: { conversationId, direction: 'outbound', author: 'ai', text, channel: 'simulator', status: 'queued' },
      });
      ids.push(row.id);
    }
    return { conversationId, ids };
  }
  const leaseOf = async (conversationId: string) =>
    (await direct.conversation.findUniqueOrThrow({ where: { id: conversationId } })).outboxLeaseUntil;

  it('with the conversation given by its job (no first read): sends once, and a repeated job sends nothing', async () => {
    const channel = new CountingChannel();
    const deps: DeliverDeps = { db, channels: { simulator: channel }, logger };
    const { conversationId, ids } = await conversationWith(['one', 'two']);
    expect(await deliverOutbox(deps, ids[0] ?? '', conversationId)).toEqual({ kind: 'done' });
    expect(await deliverOutbox(deps, ids[1] ?? '', conversationId)).toEqual({ kind: 'done' });
    expect(await deliverOutbox(deps, ids[0] ?? '', conversationId)).toEqual({ kind: 'done' });
    expect(channel.sent.map((m) => m.text)).toEqual(['one', 'two']);
    expect(await leaseOf(conversationId)).toBeNull();
  });

  it('holds the provider id through an outage longer than its retries, records it later and never sends it again', async () => {
    const channel = new CountingChannel();
    const deps: DeliverDeps = { db, channels: { simulator: channel }, logger, writeRetryDelaysMs: [50, 50] };
    const { conversationId, ids } = await conversationWith(['first']);
    channel.afterSend = () => proxy.cut();

    await expect(deliverOutbox(deps, ids[0] ?? '')).rejects.toMatchObject({ code: 'dependency_unavailable' });
    const stranded = await direct.message.findUniqueOrThrow({ where: { id: ids[0] } });
    expect({ status: stranded.status, sid: stranded.providerMessageId }).toEqual({ status: 'sending', sid: null });
    // The lease stays set, so no other worker sends the `sending` message again meanwhile.
    expect(await leaseOf(conversationId)).not.toBeNull();
    expect(await anotherWorkerTakes(direct, conversationId)).toBe(false);

    // The job's retry while the database is still down fails again, without a send.
    await expect(deliverOutbox(deps, ids[0] ?? '')).rejects.toThrow();
    proxy.restore();
    channel.afterSend = () => {};
    expect(await deliverOutbox(deps, ids[0] ?? '')).toEqual({ kind: 'done' });

    const recorded = await direct.message.findUniqueOrThrow({ where: { id: ids[0] } });
    expect({
      sends: channel.sent.length,
      status: recorded.status,
      sid: recorded.providerMessageId,
      errorCode: recorded.errorCode,
      lease: await leaseOf(conversationId),
    }).toEqual({ sends: 1, status: 'accepted', sid: channel.ids[0], errorCode: null, lease: null });
  });

  it('rides out a short blip after the send by retrying the write', async () => {
    const channel = new CountingChannel();
    const deps: DeliverDeps = { db, channels: { simulator: channel }, logger, writeRetryDelaysMs: [50, 100, 200, 400] };
    const { conversationId, ids } = await conversationWith(['one', 'two']);
    channel.afterSend = () => {
      if (channel.sent.length !== 1) return;
      proxy.cut();
      setTimeout(() => proxy.restore(), 150);
    };
    expect(await deliverOutbox(deps, ids[0] ?? '')).toEqual({ kind: 'done' });
    const rows = await direct.message.findMany({ where: { conversationId }, orderBy: { seq: 'asc' } });
    expect(rows.map((row) => [row.text, row.status, row.providerMessageId])).toEqual([
      ['one', 'accepted', channel.ids[0]],
      ['two', 'accepted', channel.ids[1]],
    ]);
    expect({ sends: channel.sent.length, lease: await leaseOf(conversationId) }).toEqual({ sends: 2, lease: null });
  });

  it('retries a failed lease release', async () => {
    const channel = new CountingChannel();
    const failures = { times: 2 };
    const deps: DeliverDeps = {
      db: failingReleases(db, failures),
      channels: { simulator: channel },
      logger,
      writeRetryDelaysMs: [20, 20, 20],
    };
    const { conversationId, ids } = await conversationWith(['hello']);
    expect(await deliverOutbox(deps, ids[0] ?? '')).toEqual({ kind: 'done' });
    expect({ failuresLeft: failures.times, lease: await leaseOf(conversationId) }).toEqual({
      failuresLeft: 0,
      lease: null,
    });
  });

  it('takes back at once a lease it could not release, while other workers still wait for it', async () => {
    const channel = new CountingChannel();
    const deps: DeliverDeps = {
      db: failingReleases(db, { times: 3 }),
      channels: { simulator: channel },
      logger,
      writeRetryDelaysMs: [20, 20],
    };
    const { conversationId, ids } = await conversationWith(['before']);
    expect(await deliverOutbox(deps, ids[0] ?? '')).toEqual({ kind: 'done' });
    expect(await leaseOf(conversationId)).not.toBeNull();
    expect(await anotherWorkerTakes(direct, conversationId)).toBe(false);

    const later = await direct.message.create({
      data: {
        conversationId,
        direction: 'outbound',
        author: 'ai',
        text: 'after',
        channel: 'simulator',
        status: 'queued',
      },
    });
    const started = Date.now();
    expect(await deliverOutbox({ ...deps, db }, later.id)).toEqual({ kind: 'done' });
    expect(Date.now() - started).toBeLessThan(5000); // not the 30 s lease
    expect({ sends: channel.sent.map((m) => m.text), lease: await leaseOf(conversationId) }).toEqual({
      sends: ['before', 'after'],
      lease: null,
    });
  });

  it('never clears or takes over a lease another worker holds since', async () => {
    const channel = new CountingChannel();
    const deps: DeliverDeps = {
      db: failingReleases(db, { times: 3 }),
      channels: { simulator: channel },
      logger,
      writeRetryDelaysMs: [20, 20],
    };
    const { conversationId, ids } = await conversationWith(['first']);
    expect(await deliverOutbox(deps, ids[0] ?? '')).toEqual({ kind: 'done' });
    // Ours ran out, and another worker took the conversation.
    await direct.$executeRaw`UPDATE "Conversation" SET "outboxLeaseUntil" = now() + interval '20 seconds'
      WHERE id = ${conversationId}::uuid`;
    const othersLease = await leaseOf(conversationId);

    const later = await direct.message.create({
      data: {
        conversationId,
        direction: 'outbound',
        author: 'ai',
        text: 'second',
        channel: 'simulator',
        status: 'queued',
      },
    });
    expect(await deliverOutbox({ ...deps, db }, later.id)).toEqual({ kind: 'busy' });
    expect({ sends: channel.sent.length, lease: await leaseOf(conversationId) }).toEqual({
      sends: 1,
      lease: othersLease,
    });
  });
});
