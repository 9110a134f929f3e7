import { applyTagAutomation } from '../actions/apply-tag-automation';
import type { AutomationSettings } from '../actions/automation-settings';
import type { Logger } from '../core/logger';
import type { ChannelTextLimits } from '../core/outbound/outbound-text-policy';
import type { Dispatcher } from '../core/queues/dispatcher';
import { syncHandoffLater } from '../core/queues/enqueue-or-leave-to-sweep';
import type { Db } from '../db/prisma-client';
import { applyConversationTags } from '../handoff/managers/apply-conversation-tags';
import type { TagChanges } from '../handoff/managers/plan-tag-changes';

export interface TagFromPlaygroundDeps {
  db: Db;
  dispatcher: Dispatcher;
  logger: Logger;
  automation: AutomationSettings;
  limits: ChannelTextLimits;
}

/**
 * The tag picker: gives the conversation exactly `tags` (configured ones only), as Slack's
 * Tag conversation modal does, then lets the added tags feed the rules and handoff triggers
 * (a tag listed under `handoff.tags` hands off). The tags stay saved if the rules fail.
 */
export async function tagConversationFromPlayground(
  deps: TagFromPlaygroundDeps,
  input: { conversationId: string; tags: string[]; specialistId: string },
): Promise<TagChanges> {
  const changes = await applyConversationTags(deps.db, {
    conversationId: input.conversationId,
    tags: input.tags,
    actor: { kind: 'specialist', id: input.specialistId },
    configuredTags: deps.automation.config.tags,
    reason: 'from the playground',
  });
  if (changes.added.length === 0 && changes.removed.length === 0) return changes;
  await syncHandoffLater(deps, input.conversationId);
  await applyTagAutomation(deps, input.conversationId, changes.added, 'specialist').catch((error) =>
    deps.logger.error(
      { err: error, conversationId: input.conversationId },
      'tag rules could not run; the tags are saved',
    ),
  );
  return changes;
}
