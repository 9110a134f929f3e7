import { Prisma } from '@prisma/client';
import { takeConversationLease } from '../../../src/core/conversation-lease';
import { createLogger } from '../../../src/core/logger';
import { createPrismaClient, type Db } from '../../../src/db/prisma-client';
import { createTestDatabase, type TestDatabase } from '../../support/test-services';

/**
 * A conversation lease's `releaseUnless`: the holder's last look for work and its release in
 * one statement. It must release only when there is no work left, keep the lease (still the
 * holder's) when there is, and never touch a lease another worker holds.
 */
describe('conversation lease: peek and releaseUnless', () => {
  let database: TestDatabase;
  let db: Db;
  const logger = createLogger({ level: 'silent' });
  let handle = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { poolSize: 2 });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  async function conversation(): Promise<string> {
    const contact = await db.contact.create({
      data: { channel: 'simulator', address: `lease-${++handle}`, conversation: { create: { channel: 'simulator' } } },
      include: { conversation: true },
    });
    return contact.conversation?.id ?? '';
  }
  const leaseOf = async (id: string) => (await db.conversation.findUniqueOrThrow({ where: { id } })).replyLeaseUntil;

  it("reads the holder's first piece of work in the statement that takes it (peek)", async () => {
    const id = await conversation();
    const peek = Prisma.sql`(SELECT json_build_object('address', address) FROM "Contact" WHERE address = ${`lease-${handle}`})`;
    const lease = await takeConversationLease({ db, logger }, 'replies', id, 60, peek);
    expect(lease?.peeked).toEqual({ address: `lease-${handle}` });
    await lease?.release();
    expect((await takeConversationLease({ db, logger }, 'replies', id, 60))?.peeked).toBeNull();
  });

  it('releases when nothing is left, so another worker can take it at once', async () => {
    const id = await conversation();
    const lease = await takeConversationLease({ db, logger }, 'replies', id, 60);
    expect(lease).not.toBeNull();
    expect(await lease?.releaseUnless(Prisma.sql`false`)).toBe(false);
    expect(await leaseOf(id)).toBeNull();
    expect(await takeConversationLease({ db, logger }, 'replies', id, 60)).not.toBeNull();
  });

  it('keeps the lease, still renewable by its holder and closed to others, when work is left', async () => {
    const id = await conversation();
    const lease = await takeConversationLease({ db, logger }, 'replies', id, 60);
    const before = await leaseOf(id);
    expect(await lease?.releaseUnless(Prisma.sql`true`)).toBe(true);
    expect(await leaseOf(id)).toEqual(before);
    expect(await takeConversationLease({ db, logger }, 'replies', id, 60)).toBeNull();
    expect(await lease?.renew()).toBe(true);
    await lease?.release();
    expect(await leaseOf(id)).toBeNull();
  });

  it('leaves alone a lease another worker took after ours ran out', async () => {
    const id = await conversation();
    const lease = await takeConversationLease({ db, logger }, 'replies', id, 60);
    await db.$executeRaw`UPDATE "Conversation" SET "replyLeaseUntil" = now() + interval '90 seconds' WHERE id = ${id}::uuid`;
    const theirs = await leaseOf(id);
    expect(await lease?.releaseUnless(Prisma.sql`false`)).toBe(false);
    expect(await leaseOf(id)).toEqual(theirs);
  });
});
