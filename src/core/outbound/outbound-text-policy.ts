import type { ChannelKind } from '../../channels/channel-adapter';
import { formatForChannel } from '../../channels/text/format-for-channel';
import { splitMessage } from '../../channels/text/split-message';

/** How long one message may be on each channel (from the config's `channels` section). */
export type ChannelTextLimits = Record<ChannelKind, number>;

export const defaultChannelTextLimits: ChannelTextLimits = {
  simulator: 4096,
  twilio_sms: 1600,
  twilio_whatsapp: 4096,
  whatsapp_web: 4096,
};

function targetFor(channel: ChannelKind) {
  switch (channel) {
    case 'twilio_sms':
      return 'sms' as const;
    case 'twilio_whatsapp':
    case 'whatsapp_web':
      return 'whatsapp' as const;
    case 'simulator':
      return 'plain' as const;
  }
}

/**
 * What the traveler's phone will show for a reply written in Markdown (the AI)
 * or Slack mrkdwn (a specialist): converted to the channel's own formatting and
 * split on word boundaries into parts that fit the channel. Pure.
 */
export function renderOutboundParts(
  text: string,
  channel: ChannelKind,
  limits: ChannelTextLimits,
  source: 'markdown' | 'slack' = 'markdown',
): string[] {
  const formatted = formatForChannel(text, targetFor(channel), { source });
  if (formatted.length === 0) return [];
  return splitMessage(formatted, limits[channel]);
}
