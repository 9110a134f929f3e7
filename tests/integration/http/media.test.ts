import { startTestBaton, type TestBaton } from '../../support/test-baton';

describe('GET /media/:id (signed, short-lived)', () => {
  let baton: TestBaton;
  beforeAll(async () => {
    baton = await startTestBaton({ worker: false });
  });
  afterAll(() => baton.close());

  it('serves stored media through its signed URL, and nothing without a valid signature', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const stored = await baton.runtime.media.save(bytes, 'image/png', { filename: 'map.png' });
    expect(stored.url.startsWith(`${baton.baseUrl}/media/${stored.id}?`)).toBe(true);

    const ok = await fetch(stored.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(bytes);

    const url = new URL(stored.url);
    const tampered = new URL(stored.url);
    tampered.searchParams.set('signature', `x${url.searchParams.get('signature')?.slice(1)}`);
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(`${baton.baseUrl}/media/${stored.id}`)).status).toBe(403);
    const expired = baton.runtime.mediaSigner.sign(stored.id, { ttlSeconds: -1 });
    expect((await fetch(expired)).status).toBe(403);
  });

  it('answers 404 for a validly signed link to media that does not exist', async () => {
    const url = baton.runtime.mediaSigner.sign('00000000-0000-4000-8000-000000000000');
    expect((await fetch(url)).status).toBe(404);
  });
});
