import { upsertTags } from '../../actions/tags/upsert-tags';
import type { TTag } from '../../config/baton-config.schema';
import { BatonError } from '../../core/errors';
import type { Db } from '../../db/prisma-client';
import { isConversationId } from './conversation-id';
import { planTagChanges, type TagChanges } from './plan-tag-changes';

export interface ApplyConversationTagsRequest {
  conversationId: string;
  /** The full set of tag names the conversation should have. */
  tags: string[];
  actor: { kind: 'specialist'; id: string };
  configuredTags: TTag[];
  /** Stored on each event; default "from Slack". */
  reason?: string;
}

/**
 * Gives a conversation exactly the wanted tags, in one transaction: configured tags get
 * their `Tag` row (kept in step with the config's emoji, colour and description), missing
 * ones are applied with who applied them, unwanted ones removed, and each change is a
 * `tag_added` / `tag_removed` event. The conversation row is locked first, so two people
 * saving at once apply one after the other. Throws `not_found` for an unknown
 * conversation and `payload_invalid` for a tag the config does not list (see `planTagChanges`).
 */
export async function applyConversationTags(db: Db, request: ApplyConversationTagsRequest): Promise<TagChanges> {
  if (!isConversationId(request.conversationId)) {
    throw new BatonError('not_found', `conversation ${JSON.stringify(request.conversationId)} does not exist.`);
  }
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Conversation" WHERE id = ${request.conversationId}::uuid FOR UPDATE`;
    if (locked.length === 0) {
      throw new BatonError('not_found', `conversation ${request.conversationId} does not exist.`);
    }
    const current = await tx.conversationTag.findMany({
      where: { conversationId: request.conversationId },
      select: { tag: { select: { name: true } } },
    });
    const changes = planTagChanges({
      applied: current.map(({ tag }) => tag.name),
      wanted: request.tags,
      configured: request.configuredTags.map((tag) => tag.name),
    });
    const wanted = new Set(request.tags);
    const tagIds = await upsertTags(
      tx,
      request.configuredTags.filter((tag) => wanted.has(tag.name)),
    );
    if (changes.added.length > 0) {
      await tx.conversationTag.createMany({
        data: changes.added.map((name) => ({
          conversationId: request.conversationId,
          tagId: tagIds.get(name) as string,
          appliedByKind: request.actor.kind,
          appliedBy: request.actor.id,
        })),
        skipDuplicates: true,
      });
    }
    if (changes.removed.length > 0) {
      await tx.conversationTag.deleteMany({
        where: { conversationId: request.conversationId, tag: { name: { in: changes.removed } } },
      });
    }
    const events = [
      ...changes.added.map((name) => ({ type: 'tag_added', name })),
      ...changes.removed.map((name) => ({ type: 'tag_removed', name })),
    ];
    if (events.length > 0) {
      await tx.conversationEvent.createMany({
        data: events.map((event) => ({
          conversationId: request.conversationId,
          type: event.type,
          actorKind: request.actor.kind,
          actorId: request.actor.id,
          reason: request.reason ?? 'from Slack',
          data: { tag: event.name },
        })),
      });
    }
    return changes;
  });
}
