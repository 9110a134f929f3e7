import type { ChannelKind } from '../../../src/channels/channel-adapter';
import { classifyKeyword } from '../../../src/core/inbound/classify-keyword';

describe('compliance keywords', () => {
  const cases: Array<[string, ChannelKind, boolean, ReturnType<typeof classifyKeyword>]> = [
    ['STOP', 'twilio_sms', false, 'opt_out'],
    [' stop. ', 'twilio_sms', false, 'opt_out'],
    ['Unsubscribe', 'twilio_whatsapp', false, 'opt_out'],
    ['cancel', 'twilio_sms', false, 'opt_out'], // carriers treat it as opt-out on SMS
    ['cancel', 'twilio_whatsapp', false, null], // elsewhere it may cancel a form
    ['quit', 'simulator', false, null],
    ['START', 'twilio_sms', true, 'opt_in'],
    ['start', 'twilio_sms', false, null], // not opted out: an ordinary message
    ['yes', 'twilio_sms', true, 'opt_in'],
    ['yes', 'twilio_sms', false, null], // "yes" answers a question unless the traveler opted out
    ['yes', 'whatsapp_web', true, null],
    ['HELP', 'whatsapp_web', false, 'help'],
    ['info', 'twilio_sms', true, 'help'],
    ['please stop sending me offers', 'twilio_sms', false, null], // whole message only
    ['stop!', 'simulator', false, 'opt_out'],
  ];
  it.each(cases)('%j on %s (opted out: %s) → %s', (text, channel, optedOut, expected) => {
    expect(classifyKeyword(text, { channel, optedOut })).toBe(expected);
  });
});
