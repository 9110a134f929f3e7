import { runDoctor } from '../../../src/cli/doctor';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../support/fake-openai-server';
import { createTestDatabase, redisUrl, type TestDatabase } from '../../support/test-services';

describe('baton doctor: AI and webhook secrets', () => {
  let fake: FakeOpenAiServer;
  let database: TestDatabase;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ apiKey: 'sk-good' });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await fake.close();
    await database.drop();
  });

  const env = (extra: Record<string, string>) => ({ DATABASE_URL: database.url, REDIS_URL: redisUrl, ...extra });
  const aiCheck = async (extra: Record<string, string>) =>
    (await runDoctor(env(extra))).find((check) => check.name === 'AI');

  it('says the local answerer is used without a model server', async () => {
    expect(await aiCheck({})).toMatchObject({ ok: true, detail: expect.stringContaining('local answerer') });
  });

  it('passes when the server answers and lists the models, naming the retrieval mode', async () => {
    const check = await aiCheck({
      OPENAI_API_KEY: 'sk-good',
      OPENAI_BASE_URL: fake.url,
      OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small',
    });
    expect(check).toMatchObject({ ok: true, detail: expect.stringContaining('hybrid retrieval') });
  });

  it('fails on a model the server does not have, or a rejected key, without printing the key', async () => {
    const missing = await aiCheck({ OPENAI_API_KEY: 'sk-good', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'gpt-9' });
    expect(missing).toMatchObject({ ok: false, detail: expect.stringContaining('no model gpt-9') });
    const rejected = await aiCheck({ OPENAI_API_KEY: 'sk-bad-key', OPENAI_BASE_URL: fake.url });
    expect(rejected).toMatchObject({ ok: false, detail: expect.stringContaining('auth') });
    expect(rejected?.detail).toContain('Fix:');
    expect(JSON.stringify(rejected)).not.toContain('sk-bad-key');
  });

  it('fails the configuration when a webhook secret variable is not set', async () => {
    const checks = await runDoctor(env({ BATON_CONFIG: 'tests/fixtures/config/webhook-secret.yml' }));
    expect(checks).toEqual([
      expect.objectContaining({ name: 'Configuration', ok: false, detail: expect.stringContaining('BOOKING_SECRET') }),
    ]);
    const withSecret = await runDoctor(
      env({ BATON_CONFIG: 'tests/fixtures/config/webhook-secret.yml', BOOKING_SECRET: 's3cret' }),
    );
    expect(withSecret[0]).toMatchObject({ name: 'Configuration', ok: true });
  });
});
