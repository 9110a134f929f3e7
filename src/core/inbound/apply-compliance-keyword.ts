import type { InboundMessage } from '../../channels/channel-adapter';
import type { RawSql } from '../../db/fast-sql';
import { insertOutboundMessage } from '../outbound/insert-outbound-message';
import type { ChannelTextLimits } from '../outbound/outbound-text-policy';
import { recordConversationEvent } from '../record-conversation-event';
import type { ComplianceKeyword } from './classify-keyword';

/** The texts sent back for STOP, START and HELP (from the config's `messages`). */
export interface ComplianceReplies {
  optOut: string;
  optIn: string;
  help: string;
}

/**
 * Carries out STOP / START / HELP inside the ingest transaction: the contact's
 * opt-out is recorded or cleared, the event is stored, and the confirmation is
 * queued (the STOP confirmation and HELP reach a traveler who opted out).
 * Returns the outbound message ids to deliver.
 */
export async function applyComplianceKeyword(
  tx: RawSql,
  options: { replies: ComplianceReplies; limits: ChannelTextLimits },
  target: { conversationId: string; message: InboundMessage; messageId: string },
  keyword: ComplianceKeyword,
): Promise<string[]> {
  const { channel, from } = target.message;
  if (keyword !== 'help') {
    await tx.$executeRaw`UPDATE "Contact" SET "optedOutAt" = ${keyword === 'opt_out' ? new Date() : null},
      "updatedAt" = now() WHERE channel = ${channel}::"Channel" AND address = ${from}`;
    await recordConversationEvent(tx, {
      conversationId: target.conversationId,
      type: keyword === 'opt_out' ? 'opted_out' : 'opted_in',
      actorKind: 'traveler',
      reason: `traveler wrote ${JSON.stringify(target.message.text.trim())}`,
    });
  }
  const text = { opt_out: options.replies.optOut, opt_in: options.replies.optIn, help: options.replies.help }[keyword];
  return insertOutboundMessage(tx, options.limits, {
    conversationId: target.conversationId,
    channel,
    text,
    author: 'system',
    inReplyToId: target.messageId,
    bypassOptOut: keyword !== 'opt_in',
  });
}
