import { runDoctor } from '../../../src/cli/doctor';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { createTestDatabase, redisUrl, type TestDatabase } from '../../support/test-services';

describe('baton doctor: Slack', () => {
  let slack: FakeSlackServer;
  let database: TestDatabase;
  beforeAll(async () => {
    slack = await FakeSlackServer.start();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await slack.close();
    await database.drop();
  });

  const env = (botToken: string) => ({
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_HANDOFF_CHANNEL: 'C0HANDOFF1',
    SLACK_API_URL: slack.apiUrl,
  });

  it('passes when Slack accepts the bot token, naming the handoff channel', async () => {
    const checks = await runDoctor(env(slack.botToken));
    const check = checks.find((c) => c.name === 'Slack');
    expect(check).toMatchObject({ ok: true, detail: expect.stringContaining('C0HANDOFF1') });
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('fails with Slack’s answer and the fix when the token is rejected, never printing the token', async () => {
    const checks = await runDoctor(env('xoxb-wrong-token'));
    const check = checks.find((c) => c.name === 'Slack');
    expect(check).toMatchObject({ ok: false, detail: expect.stringContaining('invalid_auth') });
    expect(check?.detail).toContain('Fix:');
    expect(JSON.stringify(checks)).not.toContain('xoxb-wrong-token');
  });
});
