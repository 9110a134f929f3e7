import type { Logger } from '../core/logger';
import type { Dispatcher } from '../core/queues/dispatcher';
import { syncHandoffLater } from '../core/queues/enqueue-or-leave-to-sweep';
import type { Db } from '../db/prisma-client';
import { changeHandoffState, type StateChangeResult } from '../handoff/change-handoff-state';
import type { PlaygroundStateCommand } from './playground-api';

const triggers = { claim: 'claimed', hand_back: 'handed_back', resolve: 'resolved' } as const;

/**
 * The card's Claim / Hand back / Resolve from the playground: the same transactional path
 * as the Slack card's buttons, then the Slack thread (when there is one) brought up to date.
 * A refused or repeated change changes nothing (`changed: false`); the conversation must exist.
 */
export async function changeHandoffFromPlayground(
  deps: { db: Db; dispatcher: Dispatcher; logger: Logger },
  input: { conversationId: string; command: PlaygroundStateCommand; specialistId: string },
): Promise<StateChangeResult> {
  const change = await deps.db.$transaction((tx) =>
    changeHandoffState(tx, {
      conversationId: input.conversationId,
      trigger: triggers[input.command],
      actor: { kind: 'specialist', id: input.specialistId },
      reason: 'from the playground',
    }),
  );
  if (change.changed) await syncHandoffLater(deps, input.conversationId);
  return change;
}
