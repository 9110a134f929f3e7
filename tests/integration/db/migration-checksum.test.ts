import { checksumMatches, migrationChecksum } from '../../../src/db/migration-files';

// Cases from Prisma's own checksum tests (schema-engine/connectors/schema-connector/src/checksum.rs).
describe('migration checksums', () => {
  it('is the zero-padded SHA-256 hex of the script', () => {
    expect(migrationChecksum('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(migrationChecksum('abcd')).toHaveLength(64);
  });

  it.each([
    ['ab\ncd\nef\ngh\rab', 'ab\r\ncd\r\nef\r\ngh\rab'],
    ['ab\ncd\nef\ngh\rab\n', 'ab\r\ncd\r\nef\r\ngh\rab\r\n'],
  ])('ignores line endings: %j and %j match each other', (unix, windows) => {
    for (const script of [unix, windows]) {
      for (const recordedFrom of [unix, windows]) {
        expect(checksumMatches(script, migrationChecksum(recordedFrom))).toBe(true);
      }
    }
  });

  it('rejects different scripts', () => {
    expect(checksumMatches('abc', migrationChecksum('abcd'))).toBe(false);
    expect(checksumMatches('abc\n', migrationChecksum('abc'))).toBe(false);
    expect(checksumMatches('abc', '')).toBe(false);
  });

  it('accepts checksums that old Prisma versions wrote without zero-padding', () => {
    const script = 'CREATE TABLE "A" ("id" INTEGER);';
    const unpadded = [...Buffer.from(migrationChecksum(script), 'hex')].map((byte) => byte.toString(16)).join('');
    // Only meaningful when some byte is below 0x10; this script's digest has one.
    expect(unpadded.length).toBeLessThan(64);
    expect(checksumMatches(script, unpadded)).toBe(true);
  });
});
