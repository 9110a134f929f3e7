import fc from 'fast-check';
import { maskAddress } from '../../../src/core/logger';
import { redactUrl } from '../../../src/core/redact-url';

/**
 * What may reach a log line: a traveler's address only masked, a connection URL only
 * without its password — for any input, not only the examples in tests/unit/core/masking.test.ts.
 */
const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
/** E.164 numbers as Twilio and WhatsApp give them. */
const phone = fc
  .tuple(fc.constantFrom('', 'whatsapp:'), fc.constantFrom(...'123456789'), digits(7, 14))
  .map(([scheme, first, rest]) => ({ address: `${scheme}+${first}${rest}`, national: `${first}${rest}` }));

describe('maskAddress on any phone number', () => {
  it('keeps at most the country digit and the last four digits', () => {
    fc.assert(
      fc.property(phone, ({ address, national }) => {
        const masked = maskAddress(address);
        expect(masked.replace(/\D/g, '').length).toBeLessThanOrEqual(5);
        expect(masked).not.toContain(national);
        // No five consecutive digits of the number survive anywhere.
        for (let i = 0; i + 5 <= national.length; i++) expect(masked).not.toContain(national.slice(i, i + 5));
        expect(masked.endsWith(national.slice(-4))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never returns the address unmasked, whatever the string', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 5, maxLength: 40, unit: 'grapheme' }), (address) => {
        expect(maskAddress(address)).not.toBe(address);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('redactUrl on any connection URL', () => {
  const secretChar = fc.constantFrom(
    ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$&'()*+,;=%#/?[] ",
  );
  const password = fc.array(secretChar, { minLength: 8, maxLength: 24 }).map((chars) => `Zq${chars.join('')}`);
  const url = fc.record({
    scheme: fc.constantFrom('redis', 'rediss', 'postgresql', 'postgres'),
    user: fc.constantFrom('', 'baton', 'postgres', 'default'),
    password,
    host: fc.constantFrom('127.0.0.1', 'db.internal', '[::1]', 'cache-1.example.com'),
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    path: fc.constantFrom('', '/0', '/baton', '/baton?sslmode=require'),
  });

  it('never lets the password through, raw or percent-encoded', () => {
    fc.assert(
      fc.property(url, fc.boolean(), (parts, encode) => {
        const secret = encode ? encodeURIComponent(parts.password) : parts.password;
        const text = `${parts.scheme}://${parts.user}:${secret}@${parts.host}${parts.port ? `:${parts.port}` : ''}${parts.path}`;
        const redacted = redactUrl(text);
        expect(redacted).not.toContain(parts.password);
        expect(redacted).not.toContain(encodeURIComponent(parts.password));
      }),
      { numRuns: 3000 },
    );
  });
});
