import { webClientSlackApi } from '../../../src/handoff/slack/slack-api';
import { createSlackWebClient } from '../../../src/handoff/slack/slack-app';
import { type SyncDeps, syncHandoffThread } from '../../../src/handoff/sync-handoff-thread';
import type { Runtime } from '../../../src/runtime/create-runtime';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { createTestRuntime, testLogger } from '../../support/test-baton';
import type { TestDatabase, TestRedisNamespace } from '../../support/test-services';

/**
 * What a handoff's thread opens with, against the fake Slack and a real database: the card
 * stands for the conversation with the AI, and every traveler message since the handoff began
 * reaches the thread once, in order — whenever the card goes out (Slack failing for a while,
 * a lost job) — unless the card shows it whole.
 */
jest.setTimeout(30_000);

const CHANNEL = 'C0SYNC0001';
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe('syncHandoffThread: which traveler messages the card shows and which the thread relays', () => {
  let slack: FakeSlackServer;
  let database: TestDatabase;
  let redis: TestRedisNamespace;
  let runtime: Runtime;
  let deps: SyncDeps;
  let phone = 0;

  beforeAll(async () => {
    slack = await FakeSlackServer.start();
    ({ runtime, database, redis } = await createTestRuntime({
      dbPoolSize: 3,
    }));
    const client = createSlackWebClient({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger: testLogger });
    deps = {
      db: runtime.db,
      slack: webClientSlackApi(client),
      redis: runtime.redis,
      keyPrefix: redis.prefix,
      handoffChannel: CHANNEL,
      logger: testLogger,
    };
  });
  afterAll(async () => {
    await runtime?.close();
    await redis?.clear();
    await database?.drop();
    await slack?.close();
  });

  /** Runs the sync as the Slack queue would: again after each wait, until it is done. */
  async function sync(conversationId: string): Promise<void> {
    for (let turn = 0; turn < 20; turn++) {
      const outcome = await syncHandoffThread(deps, conversationId);
      if (outcome.kind === 'done') return;
      await new Promise((resolve) => setTimeout(resolve, outcome.ms));
    }
    throw new Error('sync never finished');
  }

  type Seeded = {
    author: 'traveler' | 'ai' | 'system';
    text: string;
    at: Date;
    /** Traveler messages: when their turn was taken (null: not yet). */
    respondedAt?: Date | null;
    media?: Array<{ url: string; contentType: string }>;
  };

  /** A conversation handed off at `handedOffAt`, with its messages (oldest first). */
  async function seed(handedOffAt: Date, messages: Seeded[]): Promise<string> {
    const contact = await runtime.db.contact.create({
      data: { channel: 'twilio_sms', address: `+1555333${String(++phone).padStart(4, '0')}` },
    });
    const conversation = await runtime.db.conversation.create({
      data: { contactId: contact.id, channel: 'twilio_sms', state: 'pending', handoffReason: 'traveler asked' },
    });
    await runtime.db.conversationEvent.create({
      data: {
        conversationId: conversation.id,
        type: 'handoff_opened',
        fromState: 'bot',
        toState: 'pending',
        actorKind: 'traveler',
        createdAt: handedOffAt,
      },
    });
    for (const message of messages) {
      const inbound = message.author === 'traveler';
      await runtime.db.message.create({
        data: {
          conversationId: conversation.id,
          direction: inbound ? 'inbound' : 'outbound',
          author: message.author,
          text: message.text,
          media: message.media ?? [],
          channel: 'twilio_sms',
          status: inbound ? 'received' : 'accepted',
          createdAt: message.at,
          respondedAt: inbound ? (message.respondedAt === undefined ? message.at : message.respondedAt) : null,
        },
      });
    }
    return conversation.id;
  }

  const cardOf = (conversationId: string) => {
    const cards = slack
      .posts(CHANNEL)
      .filter((post) => !post.threadTs && JSON.stringify(post.blocks).includes(conversationId));
    expect(cards).toHaveLength(1);
    return { ts: cards[0]?.ts ?? '', json: JSON.stringify(cards[0]?.blocks) };
  };
  const threadOf = (cardTs: string) =>
    slack
      .posts(CHANNEL)
      .filter((post) => post.threadTs === cardTs)
      .map((post) => JSON.stringify(post.blocks ?? post.text))
      .join('\n');
  const occurrences = (text: string, token: string) => text.split(token).length - 1;
  const unposted = (conversationId: string) =>
    runtime.db.message.count({ where: { conversationId, direction: 'inbound', slackPostedAt: null } });

  it('relays in order every message since the handoff that the late card does not show, nothing from before', async () => {
    const handedOffAt = minutesAgo(10);
    const during = ['during-01', 'during-02', 'during-03', 'during-04', 'during-05', 'during-06', 'during-07'];
    const id = await seed(handedOffAt, [
      { author: 'traveler', text: 'history-01 hello', at: minutesAgo(20) },
      { author: 'ai', text: 'Hi, how can I help?', at: minutesAgo(20) },
      { author: 'traveler', text: 'history-02 my bag', at: minutesAgo(15) },
      { author: 'ai', text: 'Which flight?', at: minutesAgo(15) },
      // The message that handed off: its turn is taken in the same transaction as the event.
      { author: 'traveler', text: 'trigger-01 agent please', at: minutesAgo(11), respondedAt: handedOffAt },
      { author: 'system', text: 'Connecting you to a specialist.', at: handedOffAt },
      // Written while the card could not be posted; the last one not yet taken by the worker.
      ...during.map((text, i) => ({
        author: 'traveler' as const,
        text,
        at: minutesAgo(9 - i),
        respondedAt: i === during.length - 1 ? null : minutesAgo(9 - i),
      })),
    ]);

    await sync(id);

    const card = cardOf(id);
    // The card shows the conversation up to the handoff, the trigger included.
    expect(card.json).toContain('trigger-01');
    expect(card.json).toContain('history-02');
    expect(during.filter((token) => card.json.includes(token))).toEqual([]);
    const thread = threadOf(card.ts);
    expect(during.map((token) => occurrences(thread, token))).toEqual(during.map(() => 1));
    expect(during.map((token) => thread.indexOf(token))).toEqual(
      during.map((token) => thread.indexOf(token)).sort((a, b) => a - b),
    );
    for (const before of ['history-01', 'history-02', 'trigger-01']) expect(thread).not.toContain(before);
    expect(await unposted(id)).toBe(0);

    // A later card update (the conversation claimed) shows the same messages: the rest stays in the thread.
    await runtime.db.conversation.update({ where: { id }, data: { state: 'human', assignee: 'U0SPEC0001' } });
    await sync(id);
    const updates = slack
      .calls('chat.update')
      .filter((call) => call.body.ts === card.ts)
      .map((call) => JSON.stringify(call.body.blocks));
    expect(updates).toHaveLength(1);
    expect(updates[0]).toContain('trigger-01');
    expect(during.filter((token) => updates[0]?.includes(token))).toEqual([]);
    expect(threadOf(card.ts)).toBe(thread);
  });

  it('relays a trigger the card cuts short, or whose attachment it cannot show, in full', async () => {
    const handedOffAt = minutesAgo(5);
    const long = `long-01 ${'my suitcase went to the wrong airport '.repeat(20)}long-01-end`;
    const longId = await seed(handedOffAt, [
      { author: 'traveler', text: long, at: minutesAgo(6), respondedAt: handedOffAt },
    ]);
    const photoId = await seed(handedOffAt, [
      {
        author: 'traveler',
        text: 'photo-01 this is the damage',
        at: minutesAgo(6),
        respondedAt: handedOffAt,
        media: [{ url: 'https://media.example/damaged-bag.jpg', contentType: 'image/jpeg' }],
      },
    ]);

    await sync(longId);
    await sync(photoId);

    const longCard = cardOf(longId);
    expect(longCard.json).toContain('long-01');
    expect(longCard.json).not.toContain('long-01-end');
    expect(occurrences(threadOf(longCard.ts), 'long-01-end')).toBe(1);
    const photoThread = threadOf(cardOf(photoId).ts);
    expect(occurrences(photoThread, 'photo-01')).toBe(1);
    expect(photoThread).toContain('damaged-bag.jpg');
    expect(await unposted(longId)).toBe(0);
    expect(await unposted(photoId)).toBe(0);
  });

  it('does not repeat in the thread a trigger the card shows whole', async () => {
    const handedOffAt = minutesAgo(3);
    const id = await seed(handedOffAt, [
      { author: 'traveler', text: 'short-01 agent', at: minutesAgo(4), respondedAt: handedOffAt },
      { author: 'system', text: 'Connecting you to a specialist.', at: handedOffAt },
    ]);
    await sync(id);
    const card = cardOf(id);
    expect(card.json).toContain('short-01');
    expect(threadOf(card.ts)).toBe('');
    expect(await unposted(id)).toBe(0);
  });
});
