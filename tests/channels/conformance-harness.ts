import type { ChannelAdapter } from '../../src/channels/channel-adapter';

/**
 * What a channel adapter's test provides so the one conformance suite
 * (`adapter-conformance.ts`) can run against it. The provider side is a fake
 * (a local HTTP server for Twilio, a fake client object for whatsapp-web.js,
 * Redis for the simulator) that records what it received.
 */
export interface ConformanceHarness {
  /** Called once before the suite; builds the adapter against the fake provider. */
  setup(): Promise<ChannelAdapter>;
  teardown(): Promise<void>;
  /** A valid traveler address on this channel for a short name (e.g. "alice" → "+15550100001"). */
  address(name: string): string;
  /** The payload the provider delivers for one traveler message (authenticity already checked). */
  inboundPayload(input: { from: string; text: string; id: string }): unknown;
  /** Messages the fake provider has received for `address`, oldest first. */
  sentTo(address: string): Promise<Array<{ text: string; providerMessageId: string }>>;
  /** Makes the provider refuse the next send, as a retryable outage or a final refusal. */
  failNextSend(kind: 'transient' | 'permanent'): void;
}
