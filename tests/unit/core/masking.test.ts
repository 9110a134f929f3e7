import { maskAddress } from '../../../src/core/logger';
import { redactUrl } from '../../../src/core/redact-url';

describe('maskAddress', () => {
  it.each([
    ['+15551234567', '+1••••••4567'],
    ['whatsapp:+447700900123', 'whatsapp:+4•••••••0123'],
    ['alice', 'a•lice'],
    ['bob', '•••'],
  ])('%s → %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('never shows the middle digits of a phone number', () => {
    expect(maskAddress('+15551234567')).not.toContain('555123');
  });
});

describe('redactUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(redactUrl('redis://user:s3cret@cache.internal:6380/2')).toBe('redis://user:***@cache.internal:6380/2');
    expect(redactUrl('postgresql://postgres@127.0.0.1:5432/baton')).toBe('postgresql://postgres@127.0.0.1:5432/baton');
  });
  it('does not echo an unparseable value', () => {
    expect(redactUrl('not a url with secret')).toBe('(unparseable URL)');
  });
});
