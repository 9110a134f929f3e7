import type { ChannelKind } from '../../channels/channel-adapter';

/**
 * Compliance keywords, matched as the whole message in any case. On SMS the
 * carriers' full list applies (the words Twilio's Advanced Opt-Out acts on);
 * elsewhere only unambiguous words, so "cancel" can still cancel a form. Opt-in
 * words count only for a traveler who opted out: otherwise "yes" is an answer.
 */
export type ComplianceKeyword = 'opt_out' | 'opt_in' | 'help';

const smsOptOut = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'optout', 'revoke'];
const chatOptOut = ['stop', 'stopall', 'unsubscribe', 'optout'];
const smsOptIn = ['start', 'unstop', 'yes'];
const chatOptIn = ['start', 'unstop'];
const help = ['help', 'info'];

export function classifyKeyword(
  text: string,
  context: { channel: ChannelKind; optedOut: boolean },
): ComplianceKeyword | null {
  const word = text
    .trim()
    .replace(/[.!]+$/, '')
    .toLowerCase();
  const sms = context.channel === 'twilio_sms';
  if ((sms ? smsOptOut : chatOptOut).includes(word)) return 'opt_out';
  if (context.optedOut && (sms ? smsOptIn : chatOptIn).includes(word)) return 'opt_in';
  if (help.includes(word)) return 'help';
  return null;
}
