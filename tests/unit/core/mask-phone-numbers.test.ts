import fc from 'fast-check';
import { maskPhoneNumbers } from '../../../src/core/logger';

describe('maskPhoneNumbers', () => {
  it.each([
    [
      "The 'To' number +15557654321 is not a valid phone number.",
      "The 'To' number +1••••••4321 is not a valid phone number.",
    ],
    ['to whatsapp:+447700900123 failed', 'to whatsapp:+4•••••••0123 failed'],
    ['call +1 555 765 4321 or 555.765.4321', 'call +1••••••4321 or 5•••••4321'],
    ['(555) 765-4321', '(5•••••4321'],
    // Not phone numbers: error codes, statuses, IPv4 addresses, dates, short runs.
    ['Twilio 21211: HTTP 400', 'Twilio 21211: HTTP 400'],
    ['connect ECONNREFUSED 192.168.100.200:5432', 'connect ECONNREFUSED 192.168.100.200:5432'],
    ['/2010-04-01/Accounts/AC123/Messages.json', '/2010-04-01/Accounts/AC123/Messages.json'],
    ['timeout of 15000ms exceeded', 'timeout of 15000ms exceeded'],
    ['', ''],
  ])('%s → %s', (text, masked) => {
    expect(maskPhoneNumbers(text)).toBe(masked);
  });

  it('leaves no five consecutive digits of a number written anywhere in a text', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const words = fc.string({ maxLength: 30 }).map((s) => s.replace(/\d/g, ''));
    fc.assert(
      fc.property(
        words,
        fc.constantFrom('', '+', 'whatsapp:+'),
        fc.constantFrom(...'123456789'),
        digits(6, 14),
        words,
        (before, prefix, first, rest, after) => {
          const national = `${first}${rest}`;
          const masked = maskPhoneNumbers(`${before} ${prefix}${national} ${after}`);
          for (let i = 0; i + 5 <= national.length; i++) expect(masked).not.toContain(national.slice(i, i + 5));
          expect(masked).toContain(national.slice(-4));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('answers quickly on long runs of digits and separators', () => {
    const started = Date.now();
    maskPhoneNumbers(`${'1 -'.repeat(20_000)}x`);
    maskPhoneNumbers('1.'.repeat(50_000));
    expect(Date.now() - started).toBeLessThan(500);
  });
});
