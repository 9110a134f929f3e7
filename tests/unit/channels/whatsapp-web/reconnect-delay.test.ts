import { reconnectDelay } from '../../../../src/channels/whatsapp-web/reconnect-delay';

describe('reconnect backoff', () => {
  const options = { initialDelayMs: 1_000, maxDelayMs: 30_000 };

  it.each([
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [5, 16_000],
    [6, 30_000],
    [100, 30_000],
    [0, 1_000],
  ])('attempt %i waits %i ms', (attempt, expected) => {
    expect(reconnectDelay(attempt, options)).toBe(expected);
  });

  it('takes at most the jitter fraction off', () => {
    expect(reconnectDelay(3, { ...options, jitter: 0.25 }, () => 0)).toBe(4_000);
    expect(reconnectDelay(3, { ...options, jitter: 0.25 }, () => 0.999999)).toBe(3_000);
  });
});
