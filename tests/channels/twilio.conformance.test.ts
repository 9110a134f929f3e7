import { createHash } from 'node:crypto';
import { TwilioAdapter, type TwilioChannel } from '../../src/channels/twilio/twilio.adapter';
import { FakeTwilioServer } from '../support/fake-twilio-server';
import { twilioInboundParams, twilioSid } from '../support/twilio-signing';
import { describeChannelAdapterConformance } from './adapter-conformance';
import type { ConformanceHarness } from './conformance-harness';

const smsFrom = '+15550009999';
const whatsappFrom = 'whatsapp:+14155238886';

/** A stable E.164 test number per name (555-01xx range). */
function phoneFor(name: string): string {
  const n = Number.parseInt(createHash('sha256').update(name).digest('hex').slice(0, 8), 16) % 10_000;
  return `+1555010${String(n).padStart(4, '0')}`;
}

function twilioHarness(channel: TwilioChannel): ConformanceHarness {
  let fake: FakeTwilioServer;
  const whatsapp = channel === 'twilio_whatsapp';
  return {
    async setup() {
      fake = await FakeTwilioServer.start();
      return new TwilioAdapter({
        channel,
        accountSid: fake.accountSid,
        authToken: fake.authToken,
        apiUrl: fake.url,
        ...(whatsapp ? { whatsappFrom } : { smsFrom }),
        statusCallbackUrl: (messageId) => `https://baton.example.com/webhooks/twilio/status?messageId=${messageId}`,
        timeoutMs: 2000,
      });
    },
    teardown: () => fake.close(),
    address: (name) => (whatsapp ? `whatsapp:${phoneFor(name)}` : phoneFor(name)),
    inboundPayload: ({ from, text, id }) =>
      twilioInboundParams({
        accountSid: fake.accountSid,
        from,
        to: whatsapp ? whatsappFrom : smsFrom,
        body: text,
        messageSid: twilioSid('SM', id),
      }),
    sentTo: async (address) => fake.messagesTo(address).map((m) => ({ text: m.body ?? '', providerMessageId: m.sid })),
    failNextSend: (kind) =>
      kind === 'permanent'
        ? fake.failNext({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." })
        : fake.failNext({ status: 503, code: 20503, message: 'Service Unavailable' }),
  };
}

describeChannelAdapterConformance('Twilio SMS', twilioHarness('twilio_sms'));
describeChannelAdapterConformance('Twilio WhatsApp', twilioHarness('twilio_whatsapp'));
