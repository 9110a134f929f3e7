import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { createPrismaClient, type Db } from '../../../src/db/prisma-client';
import { webClientSlackApi } from '../../../src/handoff/slack/slack-api';
import { createSlackWebClient } from '../../../src/handoff/slack/slack-app';
import { type DigestMessage, postWeeklyDigest } from '../../../src/insights/digest/post-weekly-digest';
import {
  DIGEST_QUEUE,
  type RunningDigest,
  startDigestScheduler,
} from '../../../src/insights/digest/start-digest-scheduler';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { eventually } from '../../support/test-baton';
import {
  createRedisNamespace,
  createTestDatabase,
  redisUrl,
  type TestDatabase,
  type TestRedisNamespace,
} from '../../support/test-services';
import { seedInsightsWeek } from './seed-insights';

const DIGEST_CHANNEL = 'C0DIGEST01';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const logger = pino({ level: 'silent' });

/** The weekly digest against the fake Slack server: the message, then the chart uploaded to the channel. */
describe('weekly digest (fake Slack, PostgreSQL, Redis)', () => {
  let slack: FakeSlackServer;
  let database: TestDatabase;
  let redis: TestRedisNamespace;
  let db: Db;

  beforeAll(async () => {
    slack = await FakeSlackServer.start();
    database = await createTestDatabase();
    redis = createRedisNamespace();
    db = createPrismaClient(database.url, { poolSize: 4 });
    await seedInsightsWeek(db);
  }, 60_000);

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
    await redis?.clear();
    await slack?.close();
  });

  beforeEach(() => slack.reset());

  const slackApi = () =>
    webClientSlackApi(createSlackWebClient({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger }));

  it('posts the last complete week in the digest zone, then its chart as a PNG in the channel', async () => {
    const posted = await postWeeklyDigest(
      { db, slack: slackApi(), logger, settings: { channel: DIGEST_CHANNEL, timeZone: 'Europe/Paris' } },
      // Monday 09:00 in Paris: the week reported is Monday 16th … Sunday 22nd.
      new Date('2026-11-23T08:00:00Z'),
    );
    expect(posted).toMatchObject({
      from: new Date('2026-11-15T23:00:00Z'),
      to: new Date('2026-11-22T23:00:00Z'),
      channel: DIGEST_CHANNEL,
      chartUploaded: true,
    });

    const [post] = slack.posts(DIGEST_CHANNEL);
    expect(post?.threadTs).toBeUndefined();
    expect(post?.text).toBe(
      'Weekly insights 2026-11-16 … 2026-11-22: 7 conversations, 71% handed off, median time to a specialist 30 min.',
    );
    const blocks = JSON.stringify(post?.blocks);
    expect(blocks).toContain('Weekly insights · 2026-11-16 … 2026-11-22');
    expect(blocks).toContain('urgent: *2* (+1 (+100%))');
    expect(blocks).toContain('*dog, excursion, bring* (2)');
    expect(blocks).toContain('Mon 09:00–10:00 (2)');

    const uploads = slack.uploads();
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    expect(upload).toMatchObject({
      completed: true,
      channelId: DIGEST_CHANNEL,
      filename: 'baton-insights-2026-11-16.png',
    });
    expect(upload?.threadTs).toBeUndefined();
    expect(upload?.data?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(upload?.length).toBe(upload?.data?.length);
    // Baton's own post, so its echo is never relayed.
    expect(await db.slackPost.count({ where: { channelId: DIGEST_CHANNEL, ts: post?.ts } })).toBe(1);
  });

  it('keeps the message when the chart upload fails', async () => {
    slack.failNext('files.getUploadURLExternal', { error: 'not_allowed_token_type' });
    const posted = await postWeeklyDigest(
      { db, slack: slackApi(), logger, settings: { channel: DIGEST_CHANNEL, timeZone: 'Europe/Paris' } },
      new Date('2026-11-23T08:00:00Z'),
    );
    expect(posted.chartUploaded).toBe(false);
    expect(slack.posts(DIGEST_CHANNEL)).toHaveLength(1);
  });

  it('does not post the message again when a retry follows a failure after it went out', async () => {
    // The first attempt posts, remembers the message, then cannot record it (the database blipped).
    const failingRecord = new Proxy(db, {
      get: (target, property, receiver) =>
        property === 'slackPost'
          ? { createMany: () => Promise.reject(new Error('Connection terminated unexpectedly')) }
          : Reflect.get(target, property, receiver),
    });
    const remembered: DigestMessage[] = [];
    const deps = { slack: slackApi(), logger, settings: { channel: DIGEST_CHANNEL, timeZone: 'Europe/Paris' } };
    const now = new Date('2026-11-23T08:00:00Z');
    await expect(
      postWeeklyDigest({ ...deps, db: failingRecord }, now, {
        remember: async (posted) => {
          remembered.push(posted);
        },
      }),
    ).rejects.toThrow('Connection terminated unexpectedly');
    expect(remembered).toHaveLength(1);

    // The retry gets what the first attempt remembered: the message is recorded, not posted twice.
    const retried = await postWeeklyDigest({ ...deps, db }, now, { posted: remembered[0] });
    expect(slack.posts(DIGEST_CHANNEL)).toHaveLength(1);
    expect(retried.ts).toBe(remembered[0]?.ts);
    expect(await db.slackPost.count({ where: { channelId: DIGEST_CHANNEL, ts: retried.ts } })).toBe(1);
  });

  describe('scheduler', () => {
    const running: RunningDigest[] = [];
    afterEach(async () => {
      await Promise.all(running.splice(0).map((digest) => digest.close()));
    });

    it('adds one job per week whatever the number of workers, posts when due, then schedules the next week', async () => {
      // Half a second before Monday 09:00 in Paris.
      const now = () => new Date('2026-11-23T07:59:59.500Z');
      const start = () =>
        startDigestScheduler(
          { db, logger, options: { redisUrl, redisPrefix: redis.prefix } },
          { channel: DIGEST_CHANNEL, weekday: 'mon', time: '09:00', timeZone: 'Europe/Paris', slack: slackApi(), now },
        );
      running.push(await start(), await start());
      expect(running[0]?.nextRunAt()).toEqual(new Date('2026-11-23T08:00:00Z'));

      const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const queue = new Queue(DIGEST_QUEUE, { connection, prefix: redis.prefix });
      try {
        const thisWeek = await queue.getJob('digest-2026-W48');
        expect(thisWeek?.data).toEqual({ runAt: '2026-11-23T08:00:00.000Z' });

        await eventually(async () => slack.uploads().find((upload) => upload.completed), 15_000);
        expect(slack.posts(DIGEST_CHANNEL)).toHaveLength(1);
        const nextWeek = await eventually(() => queue.getJob('digest-2026-W49'), 5_000);
        expect(nextWeek.data).toEqual({ runAt: '2026-11-30T08:00:00.000Z' });
        expect(await nextWeek.isDelayed()).toBe(true);
        expect(await queue.getJobCounts('delayed', 'waiting', 'completed')).toEqual({
          delayed: 1,
          waiting: 0,
          completed: 1,
        });
      } finally {
        await queue.close();
        connection.disconnect();
      }
    }, 30_000);
  });
});
