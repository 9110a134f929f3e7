import type { ChannelAdapter, OutboundMessage, SendResult } from '../../src/channels/channel-adapter';
import { DeliveryError } from '../../src/channels/delivery-error';

/**
 * Wraps a real adapter and fails the first sends as scripted, the way a
 * provider does when it is down (transient) or refuses a recipient (permanent).
 */
export class ScriptedFailingAdapter implements ChannelAdapter {
  readonly channel;
  readonly maxTextLength;
  readonly attempts: OutboundMessage[] = [];

  constructor(
    private readonly inner: ChannelAdapter,
    private readonly script: Array<'transient' | 'permanent'>,
  ) {
    this.channel = inner.channel;
    this.maxTextLength = inner.maxTextLength;
  }

  parseInbound(payload: unknown) {
    return this.inner.parseInbound(payload);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    this.attempts.push(message);
    const failure = this.script.shift();
    if (failure === 'transient') throw new DeliveryError('provider answered 503', false, '503');
    if (failure === 'permanent') throw new DeliveryError('invalid recipient', true, '21211');
    return this.inner.send(message);
  }
}
