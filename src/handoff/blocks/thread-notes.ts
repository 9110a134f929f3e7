import type { MediaItem } from '../../channels/channel-adapter';
import { type Block, mrkdwn, type SlackMessage, slackLimits } from './block-kit';
import { escapeMrkdwn, escapeTruncate, link, mention, slackDate, splitMrkdwn } from './mrkdwn';

/** Reaction Baton adds to a specialist's reply once the traveler's phone has it. */
export const DELIVERED_REACTION = 'white_check_mark';
/** Reaction Baton adds to a private note, so its author sees it stayed in Slack. */
export const PRIVATE_NOTE_REACTION = 'lock';

export const EDIT_NOTE_TEXT = 'Edits are not relayed: the traveler already has the original message.';
export const DELETE_NOTE_TEXT = 'Deletions are not relayed: the traveler already has the message.';

export interface TravelerBurstMessage {
  text: string;
  at: Date;
  media: MediaItem[];
}

export interface TravelerBurstInput {
  messages: TravelerBurstMessage[];
  /** Name or masked number, for the notification line. */
  travelerLabel?: string;
}

function note(text: string): SlackMessage {
  return { text, blocks: [{ type: 'context', elements: [mrkdwn(text)] }] };
}

/** One message of a burst as mrkdwn: its time, every line of its text, then its media as links. */
function renderTravelerMessage(message: TravelerBurstMessage): string {
  const lines = [`*${slackDate(message.at, '{time}')}*`];
  if (message.text.length > 0) lines.push(escapeMrkdwn(message.text));
  for (const item of message.media) lines.push(`:paperclip: ${link(item.url, item.contentType || 'attachment')}`);
  if (lines.length === 1) lines.push('_(empty message)_');
  return lines.join('\n');
}

interface PackedSection {
  text: string;
  /** How many messages are complete once this section is shown. */
  completeMessages: number;
}

/**
 * Packs messages into sections of at most 3000 characters, whole messages together; a
 * message longer than a section continues in the next one, never cut.
 */
function packSections(messages: TravelerBurstMessage[]): PackedSection[] {
  const sections: PackedSection[] = [];
  let current: PackedSection | undefined;
  messages.forEach((message, index) => {
    const pieces = splitMrkdwn(renderTravelerMessage(message), slackLimits.sectionText);
    pieces.forEach((piece, pieceIndex) => {
      const complete = pieceIndex === pieces.length - 1 ? index + 1 : index;
      // Only a message's first piece may share a section with the message before it.
      if (current && pieceIndex === 0 && current.text.length + 2 + piece.length <= slackLimits.sectionText) {
        current.text = `${current.text}\n\n${piece}`;
        current.completeMessages = complete;
      } else {
        if (current) sections.push(current);
        current = { text: piece, completeMessages: complete };
      }
    });
  });
  if (current) sections.push(current);
  return sections;
}

function notificationLine(input: TravelerBurstInput): string {
  const who = escapeTruncate(input.travelerLabel ?? 'Traveler', 100);
  const first = input.messages[0];
  const preview = first ? escapeTruncate(first.text || `${first.media.length} attachment(s)`, 200) : '';
  const more = input.messages.length > 1 ? ` (+${input.messages.length - 1} more)` : '';
  return `${who}: ${preview}${more}`;
}

/**
 * A burst of traveler messages coalesced into ONE thread post: every message with its time,
 * every line of it, its media as links, packed into sections of Slack's 3000 characters.
 * One post holds about 150,000 characters (50 sections). Past that — only after a long
 * Slack outage — the post ends with a warning naming how many messages did not fit; use
 * `buildTravelerMessagePosts` to post them all.
 */
export function buildTravelerMessagePost(input: TravelerBurstInput): SlackMessage {
  if (input.messages.length === 0) throw new RangeError('buildTravelerMessagePost needs at least one message.');
  const sections = packSections(input.messages);
  const toBlock = (section: PackedSection): Block => ({ type: 'section', text: mrkdwn(section.text) });
  if (sections.length <= slackLimits.messageBlocks)
    return { text: notificationLine(input), blocks: sections.map(toBlock) };
  const kept = sections.slice(0, slackLimits.messageBlocks - 1);
  const missing = input.messages.length - (kept.at(-1)?.completeMessages ?? 0);
  const warning = `:warning: ${missing} more message${missing === 1 ? '' : 's'} from the traveler did not fit in this post (Slack allows 50 blocks per message).`;
  return {
    text: notificationLine(input),
    blocks: [...kept.map(toBlock), { type: 'context', elements: [mrkdwn(warning)] }],
  };
}

/**
 * The same, never leaving anything out: one post for any ordinary burst, more posts only
 * when it exceeds one post's 50 sections. Empty for no messages.
 */
export function buildTravelerMessagePosts(input: TravelerBurstInput): SlackMessage[] {
  const blocks: Block[] = packSections(input.messages).map((section) => ({
    type: 'section',
    text: mrkdwn(section.text),
  }));
  const who = escapeTruncate(input.travelerLabel ?? 'Traveler', 100);
  const posts: SlackMessage[] = [];
  for (let start = 0; start < blocks.length; start += slackLimits.messageBlocks) {
    posts.push({
      text: start === 0 ? notificationLine(input) : `${who}: (continued)`,
      blocks: blocks.slice(start, start + slackLimits.messageBlocks),
    });
  }
  return posts;
}

/** What the specialist can do, for the failures the issue names: opt-out, bad number, closed WhatsApp window. */
const adviceByCode: Readonly<Record<string, string>> = {
  '21610': 'Do not resend: they opted out. If it is urgent, reach them another way (email, the booking’s contact).',
  '63016': 'Wait for the traveler to write again, then resend your reply; or reach them by SMS or email.',
  '21211': 'Check the number on the booking and reach the traveler another way.',
  '21614': 'Check the number on the booking and reach the traveler another way.',
  '30005': 'Check the number on the booking and reach the traveler another way.',
  '30006': 'Check the number on the booking and reach the traveler another way.',
  '63003': 'Check the number on the booking and reach the traveler another way.',
  '63024': 'Check the number on the booking and reach the traveler another way.',
};
const defaultAdvice =
  'Your reply above did not reach the traveler. Fix the cause if you can and post it again, or reach them another way.';

/** Posted in the thread when a reply could not be delivered: the provider's reason and what to do next. */
export function buildDeliveryFailureNote(input: { reason: string; code?: string }): SlackMessage {
  const reason = escapeTruncate(input.reason, 1500);
  const advice = (input.code && adviceByCode[input.code]) || defaultAdvice;
  const blocks: Block[] = [
    { type: 'section', text: mrkdwn(`:warning: *Not delivered to the traveler.* ${reason}\n${advice}`) },
  ];
  if (input.code) {
    blocks.push({ type: 'context', elements: [mrkdwn(`Provider code ${escapeTruncate(input.code, 100)}`)] });
  }
  return { text: `:warning: Not delivered to the traveler: ${reason}`, blocks };
}

/** Posted when a specialist edits a reply already relayed. */
export function buildEditNote(): SlackMessage {
  return note(EDIT_NOTE_TEXT);
}

/** Posted when a specialist deletes a reply already relayed. */
export function buildDeleteNote(): SlackMessage {
  return note(DELETE_NOTE_TEXT);
}

/** Posted when a thread opens: what goes to the traveler and what stays in Slack. */
export function buildPrivateNoteHint(input: { prefix: string }): SlackMessage {
  return note(
    `Replies in this thread go to the traveler. Start a reply with \`${escapeMrkdwn(input.prefix)}\` to keep it in Slack as a private note.`,
  );
}

export function buildClaimedNote(input: { by: string }): SlackMessage {
  return note(
    `:raising_hand: ${mention(input.by)} claimed this conversation: the AI stays silent until it is handed back.`,
  );
}

/** `by` is absent when Baton did it (a rule or a timeout). */
export function buildHandedBackNote(input: { by?: string }): SlackMessage {
  const who = input.by ? `${mention(input.by)} handed` : 'Baton handed';
  return note(`:robot_face: ${who} the conversation back to the AI.`);
}

/** `by` is absent when Baton did it (a rule or a timeout). */
export function buildResolvedNote(input: { by?: string }): SlackMessage {
  const who = input.by ? `${mention(input.by)} resolved` : 'Baton resolved';
  return note(`:white_check_mark: ${who} this conversation. If the traveler writes again, a new thread starts.`);
}
