import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { FlowsReport } from '../../../src/flows/format-flow-report';
import { runFlowsCommand } from '../../../src/flows/run-flows-command';
import { databaseUrl, redisUrl, withAdminClient } from '../../support/test-services';

/**
 * `baton flows` end to end: the shipped examples pass against the example config, and a
 * deliberately broken flow fails with a readable diff, exit code 1 and the --json document.
 * Each run makes (and removes) its own database and Redis keys on the test servers.
 */
jest.setTimeout(90_000);

const root = path.resolve(__dirname, '../../..');
const databaseBase = `baton_test_${process.pid}_${randomBytes(2).toString('hex')}`;
const redisPrefix = `baton-test-${randomBytes(4).toString('hex')}`;
const env = {
  DATABASE_URL: databaseUrl(databaseBase),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: redisPrefix,
  LOG_LEVEL: 'silent',
};

async function run(options: Parameters<typeof runFlowsCommand>[0]) {
  let stdout = '';
  let stderr = '';
  const code = await runFlowsCommand(options, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
    color: false,
  });
  return { code, stdout, stderr };
}

/** A config with a booking webhook, which the example config leaves commented out. */
const webhookConfig = `
tags: [urgent, vip]
handoff:
  askForHuman: true
rules:
  - id: booking
    when: { keywords: [my booking] }
    then: { startAction: booking_ref }
actions:
  - id: booking_ref
    title: Booking reference
    fields:
      - name: confirmationNumber
        label: Confirmation number
        type: pattern
        pattern: '^[A-Z0-9]{6}$'
        prompt: What is your confirmation number?
    webhook:
      url: https://booking.invalid/baton
      secretEnv: FLOWS_TEST_BOOKING_SECRET
    onComplete:
      handoff: true
`;

const goodFlow = `
name: Booking reference reaches the booking system
steps:
  - traveler: I have a question about my booking
    expect: { reply: What is your confirmation number? }
  - traveler: k7q2zb
  - traveler: "yes"
    expect:
      state: pending
      webhook: { action: booking_ref, fields: { confirmationNumber: K7Q2ZB } }
      card: K7Q2ZB
  - specialist: { tag: vip }
    expect: { tags: [vip], card: vip }
`;

const brokenFlow = `
name: A flow that expects the wrong things
steps:
  - traveler: Can I speak to someone please?
    expect:
      state: bot
      tags: [urgent]
      reply: Our specialists are away
      handoff: traveler asked for a person
  - specialist: resolve
    expect: { state: resolved }
  - specialist: handBack
  - traveler: hello again
`;

const invalidFlow = `
name: A flow with a typo
steps:
  - traveler: hi
    expect: { stat: bot }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'baton-flows-'));
  writeFileSync(path.join(dir, 'baton.config.yml'), webhookConfig);
  mkdirSync(path.join(dir, 'flows'));
  writeFileSync(path.join(dir, 'flows', 'a-good.yml'), goodFlow);
  writeFileSync(path.join(dir, 'flows', 'b-broken.yml'), brokenFlow);
  writeFileSync(path.join(dir, 'flows', 'c-invalid.yml'), invalidFlow);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function leftovers(): Promise<{ databases: string[]; keys: string[] }> {
  const databases = await withAdminClient(async (client) => {
    const found = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${databaseBase}_flows_%`,
    ]);
    return found.rows.map((row) => row.datname);
  });
  const redis = new Redis(redisUrl);
  try {
    return { databases, keys: await redis.keys(`${redisPrefix}-flows-*`) };
  } finally {
    redis.disconnect();
  }
}

describe('baton flows', () => {
  it('runs the shipped examples against the example config: all pass, exit 0, nothing left behind', async () => {
    const { code, stdout, stderr } = await run({
      dir: path.join(root, 'examples/flows'),
      config: path.join(root, 'baton.config.example.yml'),
    });
    expect({ code, stdout, stderr }).toMatchObject({ code: 0 });
    expect(stdout).toContain('✓ Itinerary question answered by the AI');
    expect(stdout).toContain('✓ A tag applied by a manager in Slack hands off');
    expect(stdout).toMatch(/13 flows: 13 passed, 0 failed/);
    expect(stdout).not.toContain('✗');
    expect(await leftovers()).toEqual({ databases: [], keys: [] });
  });

  it('reports failed expectations, steps that cannot be done and invalid files in one JSON document, exit 1', async () => {
    const { code, stdout } = await run({
      dir: path.join(dir, 'flows'),
      config: path.join(dir, 'baton.config.yml'),
      json: true,
      knowledge: path.join(root, 'tests/fixtures/kb'),
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as FlowsReport;
    expect(report).toMatchObject({
      ok: false,
      summary: { flows: 3, passed: 1, failed: 2 },
      config: expect.stringMatching(/baton\.config\.yml$/),
    });
    const [good, broken, invalid] = report.flows;
    expect(good).toMatchObject({ name: 'Booking reference reaches the booking system', ok: true });
    expect(good?.steps.flatMap((step) => step.expectations).every((item) => item.ok)).toBe(true);

    expect(broken).toMatchObject({ ok: false, skippedSteps: 1, file: expect.stringMatching(/b-broken\.yml$/) });
    expect(broken?.steps[0]?.expectations).toEqual([
      {
        expectation: 'reply',
        ok: false,
        expected: 'to contain "Our specialists are away"',
        actual: expect.stringContaining('connecting you to one of our specialists'),
        message: expect.stringMatching(/^reply: expected to contain "Our specialists are away", got "/),
      },
      {
        expectation: 'state',
        ok: false,
        expected: '"bot"',
        actual: '"pending"',
        message: 'state: expected "bot", got "pending"',
      },
      {
        expectation: 'tags',
        ok: false,
        expected: '[urgent]',
        actual: '[]',
        message: 'tags: expected [urgent], got [] (missing: urgent)',
      },
      {
        expectation: 'handoff.reason',
        ok: true,
        expected: 'to contain "traveler asked for a person"',
        actual: '"traveler asked for a person"',
        message: 'handoff.reason: to contain "traveler asked for a person"',
      },
    ]);
    expect(broken?.steps[1]).toMatchObject({ ok: true, label: 'specialist clicks Resolve' });
    expect(broken?.steps[2]).toMatchObject({
      ok: false,
      label: 'specialist clicks Hand back to AI',
      error: 'no open handoff card to click "Hand back to AI" on (state "resolved").',
    });

    expect(invalid).toMatchObject({
      ok: false,
      steps: [],
      problems: ['steps[0].expect: unknown key "stat"; did you mean "state"? Fix: rename or remove it. (line 5)'],
    });
    expect(await leftovers()).toEqual({ databases: [], keys: [] });
  });

  it('prints a readable diff for each failed expectation', async () => {
    const { code, stdout } = await run({
      dir: path.join(dir, 'flows', 'b-broken.yml'),
      config: path.join(dir, 'baton.config.yml'),
      knowledge: path.join(root, 'tests/fixtures/kb'),
    });
    expect(code).toBe(1);
    expect(stdout).toContain('✗ A flow that expects the wrong things');
    expect(stdout).toContain('    step 1: traveler: "Can I speak to someone please?"');
    expect(stdout).toContain('      ✗ state: expected "bot", got "pending"');
    expect(stdout).toContain('      ✗ tags: expected [urgent], got [] (missing: urgent)');
    expect(stdout).toMatch(/ {6}✗ reply: expected to contain "Our specialists are away", got ".*connecting you/);
    expect(stdout).toContain(
      '      ✗ could not be carried out: no open handoff card to click "Hand back to AI" on (state "resolved").',
    );
    expect(stdout).toContain('    (1 later step not run)');
    expect(stdout).toContain('1 flow: 0 passed, 1 failed');
  });

  it('says what to fix when the flows cannot start', async () => {
    const { code, stderr } = await run({ dir: path.join(dir, 'nowhere') });
    expect(code).toBe(1);
    expect(stderr).toContain('nowhere: no such file or directory. Fix: give a directory of flow files');
  });
});
