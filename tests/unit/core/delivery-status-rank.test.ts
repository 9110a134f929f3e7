import { isStatusAdvance, type ProviderDeliveryStatus } from '../../../src/core/delivery/apply-delivery-status';

describe('delivery status only moves forward', () => {
  const cases: Array<[string, ProviderDeliveryStatus, boolean]> = [
    ['sending', 'accepted', true],
    ['sending', 'delivered', true],
    ['accepted', 'sent', true],
    ['sent', 'delivered', true],
    ['delivered', 'read', true],
    ['delivered', 'sent', false],
    ['delivered', 'accepted', false],
    ['read', 'delivered', false],
    ['sent', 'failed', true],
    ['delivered', 'undelivered', true],
    ['failed', 'delivered', false],
    ['undelivered', 'read', false],
    ['suppressed', 'delivered', false],
  ];
  it.each(cases)('%s → %s: %s', (current, next, advance) => {
    expect(isStatusAdvance(current, next)).toBe(advance);
  });
});
