import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadEnv, resolveConfigPath } from '../../../src/config/env';
import { ConfigError } from '../../../src/core/errors';

const sid = `AC${'0123456789abcdef'.repeat(2)}`;
const twilioOk = { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'tw-auth', TWILIO_SMS_FROM: '+14155550100' };
const slackOk = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-3',
  SLACK_SIGNING_SECRET: 'signing',
  SLACK_HANDOFF_CHANNEL: 'C0123456789',
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) {
      expect(error.code).toBe('env_invalid');
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected loadEnv to throw');
}

describe('loadEnv defaults', () => {
  it('applies every default to an empty environment', () => {
    const env = loadEnv({});
    expect(env).toEqual({
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/baton',
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'baton',
      port: 3000,
      workerMetricsPort: 9464,
      workerNice: 10,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      whatsappWeb: false,
      whatsappWebDataPath: '.wwebjs_auth',
      chromiumPath: '/usr/bin/chromium',
    });
    expect(env.twilio).toBeUndefined();
    expect(env.slack).toBeUndefined();
    expect(env.openai).toBeUndefined();
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('derives PUBLIC_URL from PORT and trims a trailing slash from a given one', () => {
    expect(loadEnv({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadEnv({ PUBLIC_URL: 'https://baton.example.com/' }).publicUrl).toBe('https://baton.example.com');
  });

  it.each([
    ['9100', 9100],
    ['0', null],
    ['off', null],
    ['', 9464],
  ])('reads WORKER_METRICS_PORT=%j as %j (null: the worker serves no metrics)', (value, expected) => {
    expect(loadEnv({ WORKER_METRICS_PORT: value }).workerMetricsPort).toBe(expected);
  });

  it.each([
    ['0', 0],
    ['19', 19],
    ['', 10],
  ])('reads WORKER_NICE=%j as %j (the worker’s niceness; default 10)', (value, expected) => {
    expect(loadEnv({ WORKER_NICE: value }).workerNice).toBe(expected);
  });

  it.each(['', '   '])('treats %j as unset', (blank) => {
    const env = loadEnv({ PORT: blank, DATABASE_URL: blank, TWILIO_ACCOUNT_SID: blank, SLACK_BOT_TOKEN: blank });
    expect(env.port).toBe(3000);
    expect(env.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/baton');
    expect(env.twilio).toBeUndefined();
    expect(env.slack).toBeUndefined();
  });

  it('groups Twilio, Slack and OpenAI settings and freezes the groups', () => {
    const env = loadEnv({
      ...twilioOk,
      TWILIO_WHATSAPP_FROM: '+1 415 523 8886',
      TWILIO_API_URL: 'http://127.0.0.1:4010/',
      ...slackOk,
      SLACK_API_URL: 'http://127.0.0.1:4020/api',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      WHATSAPP_WEB: '1',
      LOG_LEVEL: 'DEBUG',
    });
    expect(env.twilio).toEqual({
      accountSid: sid,
      authToken: 'tw-auth',
      smsFrom: '+14155550100',
      whatsappFrom: 'whatsapp:+14155238886',
      apiUrl: 'http://127.0.0.1:4010',
    });
    expect(env.slack).toEqual({
      botToken: 'xoxb-1-2-3',
      signingSecret: 'signing',
      socketMode: false,
      handoffChannel: 'C0123456789',
      apiUrl: 'http://127.0.0.1:4020/api/',
    });
    expect(env.openai).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'gpt-4o-mini' });
    expect(env.whatsappWeb).toBe(true);
    expect(env.logLevel).toBe('debug');
    expect(Object.isFrozen(env.twilio)).toBe(true);
    expect(Object.isFrozen(env.slack)).toBe(true);
  });

  it('uses the providers’ public APIs by default, and Socket Mode with an app token', () => {
    const env = loadEnv({
      ...twilioOk,
      ...slackOk,
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: 'xapp-1',
      OPENAI_API_KEY: 'k',
    });
    expect(env.twilio?.apiUrl).toBe('https://api.twilio.com');
    expect(env.slack).toMatchObject({ apiUrl: 'https://slack.com/api/', socketMode: true, appToken: 'xapp-1' });
    expect(env.slack?.signingSecret).toBeUndefined();
    expect(env.openai).toEqual({ apiKey: 'k', model: 'gpt-4o-mini' });
    expect(
      loadEnv({ OPENAI_API_KEY: 'k', OPENAI_EMBEDDING_MODEL: 'text-embedding-3-small' }).openai?.embeddingModel,
    ).toBe('text-embedding-3-small');
  });
});

describe('loadEnv errors', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT: "abc" is not a port number (1-65535). Fix: set PORT to a number such as 3000.'],
    [{ PORT: '70000' }, 'PORT: "70000" is not a port number (1-65535). Fix: set PORT to a number such as 3000.'],
    [{ PORT: '0' }, 'PORT: "0" is not a port number (1-65535). Fix: set PORT to a number such as 3000.'],
    [
      { WORKER_METRICS_PORT: '65536' },
      'WORKER_METRICS_PORT: "65536" is not a port number (1-65535) nor 0/off. Fix: set WORKER_METRICS_PORT to a number such as 9464, or 0 to turn it off.',
    ],
    [
      { WORKER_NICE: '20' },
      'WORKER_NICE: "20" is not a niceness from 0 (same priority as the web) to 19 (lowest). Fix: set WORKER_NICE to a whole number from 0 to 19, e.g. 10.',
    ],
    [
      { WORKER_NICE: '-5' },
      'WORKER_NICE: "-5" is not a niceness from 0 (same priority as the web) to 19 (lowest). Fix: set WORKER_NICE to a whole number from 0 to 19, e.g. 10.',
    ],
    [
      { DATABASE_URL: 'mysql://db/baton' },
      'DATABASE_URL: "mysql://db/baton" must start with postgres:// or postgresql://. Fix: set DATABASE_URL to a URL such as postgresql://postgres@127.0.0.1:5432/baton.',
    ],
    [
      { REDIS_URL: 'localhost:6379x' },
      'REDIS_URL: "localhost:6379x" must start with redis:// or rediss://. Fix: set REDIS_URL to a URL such as redis://127.0.0.1:6379.',
    ],
    [
      { PUBLIC_URL: 'baton.example.com' },
      'PUBLIC_URL: "baton.example.com" is not a valid URL. Fix: set PUBLIC_URL to a URL such as https://baton.example.com.',
    ],
    [{ SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL: "ftp://x" must start with http:// or https://.'],
    [{ OPENAI_BASE_URL: 'nope' }, 'OPENAI_BASE_URL: "nope" is not a valid URL.'],
    [{ TWILIO_API_URL: '::' }, 'TWILIO_API_URL: "::" is not a valid URL.'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: "loud" is not a log level. Fix: set LOG_LEVEL to one of fatal, error, warn'],
    [{ WHATSAPP_WEB: 'maybe' }, 'WHATSAPP_WEB: "maybe" is neither on nor off.'],
    [{ ...twilioOk, TWILIO_SMS_FROM: '555' }, 'TWILIO_SMS_FROM: "555" is neither a phone number'],
    [
      { ...twilioOk, TWILIO_WHATSAPP_FROM: 'whatsapp:555' },
      'TWILIO_WHATSAPP_FROM: "whatsapp:555" is not a WhatsApp sender.',
    ],
    [
      { ...twilioOk, TWILIO_ACCOUNT_SID: 'XX123' },
      'TWILIO_ACCOUNT_SID: does not look like a Twilio SID (it must start with "AC").',
    ],
    [
      { ...twilioOk, TWILIO_MESSAGING_SERVICE_SID: 'PN1' },
      'TWILIO_MESSAGING_SERVICE_SID: does not look like a Twilio SID',
    ],
    [
      { ...slackOk, SLACK_HANDOFF_CHANNEL: '#handoffs' },
      'SLACK_HANDOFF_CHANNEL: "#handoffs" is not a Slack channel ID (it is a channel name).',
    ],
    [
      { ...slackOk, SLACK_BOT_TOKEN: 'xoxp-user-token' },
      'SLACK_BOT_TOKEN: does not start with "xoxb-" (value not shown).',
    ],
    [{ ...slackOk, SLACK_APP_TOKEN: 'xoxb-wrong' }, 'SLACK_APP_TOKEN: does not start with "xapp-" (value not shown).'],
  ])('%j → %s', (source, expected) => {
    const problems = problemsOf(source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
    expect(problems[0]).toMatch(/Fix: .+\.$/);
  });

  it('reports every problem at once, format and cross-field alike, under one heading', () => {
    let caught: unknown;
    try {
      loadEnv({ PORT: 'x', LOG_LEVEL: 'y', SLACK_BOT_TOKEN: 'xoxb-1' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems.map((p) => p.split(':')[0])).toEqual([
      'PORT',
      'LOG_LEVEL',
      'SLACK_SIGNING_SECRET',
      'SLACK_HANDOFF_CHANNEL',
    ]);
    expect(error.message).toMatch(/^Baton cannot start: the environment has 4 problems\./);
    expect(error.message).toContain('\n  - PORT: "x" is not a port number');
  });

  it.each([
    [
      { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'tok' },
      'TWILIO_SMS_FROM / TWILIO_MESSAGING_SERVICE_SID / TWILIO_WHATSAPP_FROM: ',
    ],
    [
      { TWILIO_ACCOUNT_SID: sid, TWILIO_SMS_FROM: '+14155550100' },
      'TWILIO_AUTH_TOKEN: is not set but TWILIO_ACCOUNT_SID is.',
    ],
    [
      { TWILIO_AUTH_TOKEN: 'tok', TWILIO_SMS_FROM: '+14155550100' },
      'TWILIO_ACCOUNT_SID: is not set but TWILIO_AUTH_TOKEN is.',
    ],
    [
      { TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886' },
      'TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: not set, but TWILIO_WHATSAPP_FROM is.',
    ],
    [{ ...slackOk, SLACK_SIGNING_SECRET: undefined }, 'SLACK_SIGNING_SECRET: is not set but SLACK_BOT_TOKEN is'],
    [{ ...slackOk, SLACK_HANDOFF_CHANNEL: '' }, 'SLACK_HANDOFF_CHANNEL: is not set but SLACK_BOT_TOKEN is'],
    [
      { SLACK_SIGNING_SECRET: 's', SLACK_HANDOFF_CHANNEL: 'C1234' },
      'SLACK_BOT_TOKEN: is not set but SLACK_SIGNING_SECRET and SLACK_HANDOFF_CHANNEL are',
    ],
  ])('cross-field: %j → %s', (source, expected) => {
    const problems = problemsOf(source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
    expect(problems[0]).toContain('Fix: ');
  });

  it.each([
    [{ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'tok', TWILIO_MESSAGING_SERVICE_SID: `MG${'0'.repeat(32)}` }],
    [{ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: 'tok', TWILIO_WHATSAPP_FROM: 'whatsapp:+14155238886' }],
    [{ ...slackOk, SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1' }],
    [{ TWILIO_API_URL: 'http://127.0.0.1:1', SLACK_API_URL: 'http://127.0.0.1:2', OPENAI_MODEL: 'm' }],
  ])('accepts the valid combination %j', (source) => {
    expect(() => loadEnv(source)).not.toThrow();
  });

  it('never echoes a secret, whatever goes wrong', () => {
    const marker = 'S3CRET-MARKER';
    const sources = [
      { SLACK_BOT_TOKEN: `xoxp-${marker}` },
      { SLACK_BOT_TOKEN: `xoxb-${marker}` },
      { SLACK_BOT_TOKEN: `xoxb-${marker}`, SLACK_APP_TOKEN: `nope-${marker}`, SLACK_HANDOFF_CHANNEL: 'C123' },
      { SLACK_SIGNING_SECRET: marker },
      { TWILIO_AUTH_TOKEN: marker },
      { TWILIO_ACCOUNT_SID: `XX${marker}`, TWILIO_AUTH_TOKEN: marker },
      { OPENAI_API_KEY: marker, OPENAI_BASE_URL: 'not a url' },
      { DATABASE_URL: `postgresql://baton:${marker}@db host/baton` },
      { REDIS_URL: `http://default:${marker}@127.0.0.1:6379` },
      { DATABASE_URL: `mysql://u:p@h/db?password=${marker}` },
    ];
    for (const source of sources) {
      let message = '';
      try {
        loadEnv(source);
      } catch (error) {
        message = `${(error as Error).message}\n${(error as ConfigError).problems.join('\n')}`;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(marker);
    }
  });
});

describe('resolveConfigPath', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'baton-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses BATON_CONFIG, relative to the working directory', () => {
    expect(resolveConfigPath({ batonConfig: 'conf/baton.yml' }, dir)).toBe(path.join(dir, 'conf/baton.yml'));
    expect(resolveConfigPath({ batonConfig: '/etc/baton.yml' }, dir)).toBe('/etc/baton.yml');
  });

  it('prefers ./baton.config.yml when it exists', () => {
    writeFileSync(path.join(dir, 'baton.config.yml'), '{}\n');
    expect(resolveConfigPath({}, dir)).toBe(path.join(dir, 'baton.config.yml'));
  });

  it('falls back to the shipped example, found from the package root rather than the working directory', () => {
    mkdirSync(path.join(dir, 'nested'));
    const resolved = resolveConfigPath({}, path.join(dir, 'nested'));
    expect(resolved).toBe(path.resolve(__dirname, '../../../baton.config.example.yml'));
  });
});

describe('REDIS_PREFIX', () => {
  it('namespaces Redis keys with the given prefix', () => {
    expect(loadEnv({ REDIS_PREFIX: 'baton-prod' }).redisPrefix).toBe('baton-prod');
  });
  it.each(['has space', 'a:b', 'x'.repeat(65)])('rejects %j, naming the variable and the fix', (value) => {
    expect(() => loadEnv({ REDIS_PREFIX: value })).toThrow(/REDIS_PREFIX: .*Fix: set REDIS_PREFIX/);
  });
});
