import type { Logger } from '../logger';
import type { Dispatcher } from '../queues/dispatcher';

/** Only a specialist's relayed reply (it has a Slack ts) shows its outcome in the thread. */
export async function showDeliveryNote(
  deps: { logger: Logger; dispatcher?: Pick<Dispatcher, 'showDelivery'> },
  message: { id: string; slackTs: string | null },
  status: string,
): Promise<void> {
  if (!message.slackTs || !deps.dispatcher) return;
  try {
    await deps.dispatcher.showDelivery(message.id, status);
  } catch (error) {
    deps.logger.warn({ err: error, messageId: message.id }, 'could not queue the delivery note for Slack');
  }
}
