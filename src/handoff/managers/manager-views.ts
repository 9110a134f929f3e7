import { z } from 'zod';
import type { ChannelKind } from '../../channels/channel-adapter';
import { buildAppHome, type HomeFilters } from '../blocks/app-home';
import { type HomeView, type ModalView, mrkdwn, plain } from '../blocks/block-kit';
import { channelKinds } from '../blocks/labels';
import type { Inbox } from './load-inbox';

export const NOTICE_MODAL_CALLBACK_ID = 'baton_notice';

/** A modal that only says something (the shortcut was used where it cannot act). */
export function buildNoticeModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: NOTICE_MODAL_CALLBACK_ID,
    title: plain(title),
    close: plain('Close'),
    blocks: [{ type: 'section', text: mrkdwn(text) }],
  };
}

export const notInHandoffThread = buildNoticeModal(
  'Tag conversation',
  'This message is not in a handoff thread. Use *Tag conversation* on a handoff card or on a reply in its thread, or find the traveler with the ⚡ shortcut *Find a traveler conversation*.',
);

export const conversationGone = buildNoticeModal('Tag conversation', 'This conversation no longer exists in Baton.');

const ZHomeFiltersSchema = z.object({
  tag: z.string().min(1).optional(),
  channel: z.enum(channelKinds as [ChannelKind, ...ChannelKind[]]).optional(),
});

/**
 * The filters a published home view was built with (kept in its private_metadata, so a
 * filter change keeps the other filter without server-side state). Anything unreadable
 * means no filters.
 */
export function readHomeFilters(privateMetadata: string | undefined): HomeFilters {
  if (!privateMetadata) return {};
  try {
    const parsed = ZHomeFiltersSchema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The App Home for `inbox`, remembering its filters in private_metadata. */
export function buildInboxHome(inbox: Inbox, availableTags: string[]): HomeView & { private_metadata: string } {
  const filters: HomeFilters = {
    ...(inbox.filters.tag !== undefined && { tag: inbox.filters.tag }),
    ...(inbox.filters.channel !== undefined && { channel: inbox.filters.channel }),
  };
  return { ...buildAppHome({ ...inbox, availableTags }), private_metadata: JSON.stringify(filters) };
}
