import { createHmac } from 'node:crypto';
import { createMediaUrlSigner, MEDIA_SECRET_NAME } from '../../../src/core/media/media-url-signer';
import { createRuntime, type Runtime } from '../../../src/runtime/create-runtime';
import { type FaultBaton, sleep, startFaultBaton } from '../../support/fault-harness';

/**
 * Media Baton serves (`/media/<id>?expires=&signature=`) must be unguessable and expiring:
 * ids that cannot be enumerated, a signature bound to one id and one expiry, links that stop
 * working, and a key no outsider can compute (MEDIA_SIGNING_SECRET, the Twilio auth token, or
 * 256 random bits stored in the deployment's database: src/db/instance-secrets.ts). tests/integration/http/media.test.ts covers the
 * basic refusals (tampered or missing signature, an already-expired link, unknown id).
 */
describe('signed media URLs, from outside', () => {
  let baton: FaultBaton;
  beforeAll(async () => {
    baton = await startFaultBaton({ worker: false });
  });
  afterAll(() => baton?.close());

  const save = (text: string) => baton.runtime.media.save(Buffer.from(text), 'image/png', { filename: `${text}.png` });
  const status = async (url: string, method = 'GET') => (await fetch(url, { method })).status;

  it('names media by random v4 UUIDs: 200 ids, no two alike, no order to walk', async () => {
    const saved = await Promise.all(Array.from({ length: 200 }, (_, i) => save(`m${i}`)));
    const ids = saved.map((m) => m.id);
    expect(new Set(ids).size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Sorted ids share no long prefix: nothing sequential an attacker could step through.
    const sorted = [...ids].sort();
    const shared = sorted.slice(1).map((id, i) => {
      let n = 0;
      while (id[n] === sorted[i]?.[n]) n++;
      return n;
    });
    expect(Math.max(...shared)).toBeLessThan(8);
  });

  it('binds a signature of at least 256 bits to one id and one expiry', async () => {
    const [a, b] = await Promise.all([save('a'), save('b')]);
    if (!a || !b) throw new Error('save');
    const url = new URL(a.url);
    expect(url.searchParams.get('signature')).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(await status(a.url)).toBe(200);
    expect(await status(a.url, 'HEAD')).toBe(200);
    const swapped = new URL(a.url);
    swapped.pathname = `/media/${b.id}`;
    expect(await status(swapped.toString())).toBe(403);
    const later = new URL(a.url);
    later.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 86_400));
    expect(await status(later.toString())).toBe(403);
    const doubled = `${a.url}&expires=9999999999`;
    expect(await status(doubled)).toBe(403);
    for (const variant of [a.url.replace(a.id, a.id.toUpperCase()), a.url.replace('signature=', 'signature=%00')]) {
      expect([403, 404]).toContain(await status(variant));
    }
  });

  it('expires: a link signed for 1 s works now and is refused 2 s later', async () => {
    const media = await save('short');
    const url = baton.runtime.mediaSigner.sign(media.id, { ttlSeconds: 1 });
    expect(await status(url)).toBe(200);
    await sleep(2100);
    expect(await status(url)).toBe(403);
  });

  it('gives links a lifetime of at most one hour by default', async () => {
    const media = await save('default-ttl');
    const expires = Number(new URL(media.url).searchParams.get('expires'));
    expect(expires * 1000 - Date.now()).toBeLessThanOrEqual(3600 * 1000);
    expect(expires * 1000 - Date.now()).toBeGreaterThan(0);
  });

  it('serves a traveler’s HTML or SVG sandboxed, so it cannot run script on Baton’s origin', async () => {
    for (const [body, type] of [
      ['<script>fetch("/playground")</script>', 'text/html'],
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml'],
    ] as const) {
      const media = await baton.runtime.media.save(Buffer.from(body), type, { filename: 'x' });
      const response = await fetch(media.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toMatch(/^sandbox;.*default-src 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('refuses links signed by another deployment’s key', async () => {
    const media = await save('other');
    const other = createMediaUrlSigner({ secret: 'another-deployment', publicUrl: baton.baseUrl });
    expect(await status(other.sign(media.id))).toBe(403);
  });

  it('cannot be forged from public files when MEDIA_SIGNING_SECRET is unset and there is no Twilio', async () => {
    // docker-compose.yml ships this DATABASE_URL; a deployment without Twilio (whatsapp-web.js)
    // and without MEDIA_SIGNING_SECRET once derived its media key from it.
    const composeDatabaseUrl = 'postgresql://postgres:postgres@postgres:5432/baton';
    const deployment = await startFaultBaton({ worker: false, mediaSecret: null });
    let second: Runtime | undefined;
    try {
      const media = await deployment.runtime.media.save(Buffer.from('passport scan'), 'image/jpeg');
      expect(await status(media.url)).toBe(200);
      // An outsider who once saw a (since expired) link knows the id, and tries every key they can compute.
      for (const guess of [composeDatabaseUrl, deployment.runtimeOptions.databaseUrl, '', 'baton']) {
        const outsiderKey = createHmac('sha256', guess).update('baton-media-urls').digest('hex');
        const forged = createMediaUrlSigner({ secret: outsiderKey, publicUrl: deployment.baseUrl }).sign(media.id, {
          ttlSeconds: 7 * 24 * 3600,
        });
        expect(await status(forged)).toBe(403);
      }
      // The key is 256 random bits kept in the deployment's database, so another process of the
      // same deployment (same database) signs links this web process accepts.
      const stored = await deployment.runtime.db.instanceSecret.findUniqueOrThrow({
        where: { name: MEDIA_SECRET_NAME },
      });
      expect(stored.value).toMatch(/^[0-9a-f]{64}$/);
      second = await createRuntime({ ...deployment.runtimeOptions, redisPrefix: `${deployment.prefix}-second` });
      expect(await status(second.mediaSigner.sign(media.id))).toBe(200);
    } finally {
      await second?.close();
      await deployment.close();
    }
  });

  it('gives each deployment its own stored key', async () => {
    const [one, two] = await Promise.all([
      startFaultBaton({ worker: false, mediaSecret: null }),
      startFaultBaton({ worker: false, mediaSecret: null }),
    ]);
    try {
      const media = await one.runtime.media.save(Buffer.from('ticket'), 'application/pdf');
      const key = async (baton: FaultBaton) =>
        (await baton.runtime.db.instanceSecret.findUniqueOrThrow({ where: { name: MEDIA_SECRET_NAME } })).value;
      expect(await key(one)).not.toBe(await key(two));
      expect(await status(media.url)).toBe(200);
      const signedByTwo = new URL(two.runtime.mediaSigner.sign(media.id));
      const atOne = new URL(`/media/${media.id}${signedByTwo.search}`, one.baseUrl);
      expect(await status(atOne.toString())).toBe(403);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
