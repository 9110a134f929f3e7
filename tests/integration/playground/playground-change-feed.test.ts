import pino from 'pino';
import type { PlaygroundChange } from '../../../src/playground/playground-api';
import { PlaygroundChangeFeed } from '../../../src/playground/playground-change-feed';
import type { ChangeMarkers } from '../../../src/playground/read-change-markers';

/** The feed's decisions, with the database replaced by markers the test sets (ticks by hand). */
let markers: ChangeMarkers;
let failing = false;
const reads: Array<{ conversationIds: string[]; phones: string[] }> = [];

function feed(): PlaygroundChangeFeed {
  return new PlaygroundChangeFeed({
    read: async (watched) => {
      reads.push(watched);
      if (failing) throw new Error('database away');
      return markers;
    },
    logger: pino({ level: 'silent' }),
    intervalMs: 60_000,
  });
}

function listen() {
  const changes: PlaygroundChange[] = [];
  let closed = false;
  return {
    changes,
    closed: () => closed,
    listener: { change: (change: PlaygroundChange) => changes.push(change), close: () => (closed = true) },
  };
}

beforeEach(() => {
  markers = { inbox: 'i1', conversations: new Map([['c1', 'a']]), phones: new Map([['alice', 'a']]) };
  failing = false;
  reads.length = 0;
});

it('tells a new stream to fetch everything, then only what changed', async () => {
  const changes = feed();
  const stream = listen();
  changes.subscribe({ conversationId: 'c1', phone: 'alice' }, stream.listener);

  await changes.tick();
  expect(stream.changes).toEqual([{ inbox: true, conversation: true, phone: true }]);
  await changes.tick();
  expect(stream.changes).toHaveLength(1);

  markers = { ...markers, inbox: 'i2' };
  await changes.tick();
  expect(stream.changes.at(-1)).toEqual({ inbox: true, conversation: false, phone: false });

  markers = { inbox: 'i2', conversations: new Map([['c1', 'b']]), phones: new Map([['alice', 'b']]) };
  await changes.tick();
  expect(stream.changes.at(-1)).toEqual({ inbox: false, conversation: true, phone: true });
  changes.close();
});

it('reads once per tick for every stream, each watched id once', async () => {
  const changes = feed();
  changes.subscribe({ conversationId: 'c1', phone: 'alice' }, listen().listener);
  changes.subscribe({ conversationId: 'c1' }, listen().listener);
  changes.subscribe({ phone: 'bob' }, listen().listener);
  await changes.tick();
  expect(reads).toEqual([{ conversationIds: ['c1'], phones: ['alice', 'bob'] }]);
  changes.close();
});

it('notices a phone whose traveler has just written for the first time', async () => {
  const changes = feed();
  const stream = listen();
  changes.subscribe({ phone: 'carol' }, stream.listener);
  await changes.tick();
  await changes.tick();
  expect(stream.changes).toHaveLength(1);
  markers = { ...markers, phones: new Map([['carol', 'x']]) };
  await changes.tick();
  expect(stream.changes.at(-1)).toEqual({ inbox: false, conversation: false, phone: true });
  changes.close();
});

it('stops reading for a stream that left, and ends every stream when closed', async () => {
  const changes = feed();
  const leaving = listen();
  const staying = listen();
  const unsubscribe = changes.subscribe({ phone: 'alice' }, leaving.listener);
  changes.subscribe({ phone: 'alice' }, staying.listener);
  unsubscribe();
  expect(changes.size).toBe(1);

  changes.close();
  expect(staying.closed()).toBe(true);
  expect(leaving.closed()).toBe(false);
  expect(changes.size).toBe(0);
  const late = listen();
  changes.subscribe({ phone: 'alice' }, late.listener);
  expect(late.closed()).toBe(true);
});

it('keeps streams open while the database is away and catches up after', async () => {
  const changes = feed();
  const stream = listen();
  changes.subscribe({ phone: 'alice' }, stream.listener);
  failing = true;
  await changes.tick();
  expect(stream.changes).toEqual([]);
  failing = false;
  await changes.tick();
  expect(stream.changes).toEqual([{ inbox: true, conversation: true, phone: true }]);
  changes.close();
});
