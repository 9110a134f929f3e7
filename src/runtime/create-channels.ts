import type { Redis } from 'ioredis';
import type { ChannelRegistry } from '../channels/channel-registry';
import { SimulatorAdapter } from '../channels/simulator/simulator.adapter';
import { TwilioAdapter } from '../channels/twilio/twilio.adapter';
import type { TwilioEnv } from '../config/env';
import type { MetricsRecorder } from '../core/metrics';

/** Builds the adapters this deployment has turned on; the simulator is always on. */
export function createChannels(options: {
  redis: Redis;
  redisPrefix: string;
  publicUrl: string;
  twilio?: TwilioEnv;
  metrics?: MetricsRecorder;
}): {
  channels: ChannelRegistry;
  simulator: SimulatorAdapter;
} {
  const simulator = new SimulatorAdapter(options.redis, options.redisPrefix);
  const channels: ChannelRegistry = { simulator };
  const { twilio } = options;
  if (twilio) {
    // Baton's message id rides in the callback URL (covered by Twilio's signature), so a
    // status that arrives before the send's own result still finds its message.
    const statusCallbackUrl = (messageId: string) =>
      `${options.publicUrl}/webhooks/twilio/status?mid=${encodeURIComponent(messageId)}`;
    const common = {
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      apiUrl: twilio.apiUrl,
      statusCallbackUrl,
      metrics: options.metrics,
    };
    if (twilio.smsFrom || twilio.messagingServiceSid) {
      channels.twilio_sms = new TwilioAdapter({
        ...common,
        channel: 'twilio_sms',
        smsFrom: twilio.smsFrom,
        messagingServiceSid: twilio.messagingServiceSid,
      });
    }
    if (twilio.whatsappFrom) {
      channels.twilio_whatsapp = new TwilioAdapter({
        ...common,
        channel: 'twilio_whatsapp',
        whatsappFrom: twilio.whatsappFrom,
      });
    }
  }
  return { channels, simulator };
}
