import { configuredMediaSecret, createMediaUrlSigner } from '../../../src/core/media/media-url-signer';

const signer = createMediaUrlSigner({ secret: 'k', publicUrl: 'https://baton.example.com/' });
const id = '6f1c1f7e-1111-4222-8333-444455556666';
const now = Date.UTC(2026, 10, 25, 12, 0, 0);
const parts = (url: string) => {
  const parsed = new URL(url);
  return {
    path: parsed.pathname,
    expires: parsed.searchParams.get('expires') ?? undefined,
    signature: parsed.searchParams.get('signature') ?? undefined,
  };
};

describe('signed media URLs', () => {
  it('signs a URL under PUBLIC_URL that verifies until it expires', () => {
    const url = signer.sign(id, { ttlSeconds: 60, nowMs: now });
    const { path, expires, signature } = parts(url);
    expect(url.startsWith('https://baton.example.com/media/')).toBe(true);
    expect(path).toBe(`/media/${id}`);
    expect(signer.verify({ id, expires, signature, nowMs: now + 59_000 })).toBe(true);
    expect(signer.verify({ id, expires, signature, nowMs: now + 61_000 })).toBe(false);
  });

  it.each([
    ['another id', { id: '6f1c1f7e-1111-4222-8333-444455556667' }],
    ['a later expiry', { expires: String(Math.floor(now / 1000) + 999_999) }],
    ['a changed signature', { signature: 'AAAA' }],
    ['no signature', { signature: undefined }],
    ['no expiry', { expires: undefined }],
  ])('refuses %s', (_label, change) => {
    const signed = { id, ...parts(signer.sign(id, { ttlSeconds: 60, nowMs: now })) };
    expect(signer.verify({ ...signed, ...change, nowMs: now })).toBe(false);
  });

  it('refuses URLs signed with another key', () => {
    const other = createMediaUrlSigner({ secret: 'other', publicUrl: 'https://baton.example.com' });
    const { expires, signature } = parts(other.sign(id, { nowMs: now }));
    expect(signer.verify({ id, expires, signature, nowMs: now })).toBe(false);
  });

  it('derives the same key in every process of a Twilio deployment, and prefers the explicit one', () => {
    const a = configuredMediaSecret({ twilioAuthToken: 't' });
    expect(configuredMediaSecret({ twilioAuthToken: 't' })).toBe(a);
    expect(configuredMediaSecret({ twilioAuthToken: 'u' })).not.toBe(a);
    expect(configuredMediaSecret({ mediaSigningSecret: 's', twilioAuthToken: 't' })).toBe('s');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has no configured key without MEDIA_SIGNING_SECRET or Twilio (the runtime then stores a random one)', () => {
    expect(configuredMediaSecret({})).toBeNull();
    expect(configuredMediaSecret({ mediaSigningSecret: '' })).toBeNull();
  });
});
