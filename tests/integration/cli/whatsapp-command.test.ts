import { Redis } from 'ioredis';
import {
  publishWhatsappWebStatus,
  storeWhatsappWebQr,
  whatsappWebKeys,
} from '../../../src/channels/whatsapp-web/session-state-store';
import { showWhatsappWeb } from '../../../src/cli/whatsapp-status';
import { loadEnv } from '../../../src/config/env';
import { createRedisNamespace, redisUrl } from '../../support/test-services';

describe('baton whatsapp', () => {
  const namespace = createRedisNamespace();
  const redis = new Redis(redisUrl);
  const env = loadEnv({ REDIS_URL: redisUrl, REDIS_PREFIX: namespace.prefix, WHATSAPP_WEB: '1' });
  afterAll(async () => {
    await namespace.clear();
    redis.disconnect();
  });

  const run = async () => {
    let output = '';
    const ready = await showWhatsappWeb(env, (text) => {
      output += text;
    });
    return { ready, output };
  };

  it('says when no worker has reported a session', async () => {
    expect(await run()).toEqual({ ready: false, output: expect.stringContaining('No worker has reported') });
  });

  it('shows the owner’s state and draws the QR to scan', async () => {
    await redis.set(whatsappWebKeys(namespace.prefix).lock, 'token-1');
    const since = new Date().toISOString();
    await publishWhatsappWebStatus(
      redis,
      namespace.prefix,
      { state: 'qr_required', since, owner: true, reconnectAttempt: 0 },
      'token-1',
    );
    await storeWhatsappWebQr(redis, namespace.prefix, '2@abcdefghijklmnop', 60);
    const { ready, output } = await run();
    expect(ready).toBe(false);
    expect(output).toContain(`state: qr_required since ${since}`);
    expect(output).toContain('Linked devices');
    expect(output.split('\n').length).toBeGreaterThan(10); // the QR drawn in the terminal
  });

  it('reports ready (exit 0) once linked', async () => {
    await publishWhatsappWebStatus(
      redis,
      namespace.prefix,
      { state: 'ready', since: new Date().toISOString(), owner: true, reconnectAttempt: 0 },
      'token-1',
    );
    await redis.del(whatsappWebKeys(namespace.prefix).qr);
    expect(await run()).toEqual({ ready: true, output: expect.stringMatching(/^state: ready/) });
  });
});
