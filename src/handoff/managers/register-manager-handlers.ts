import type {
  App,
  BlockAction,
  ButtonAction,
  MessageShortcut,
  StaticSelectAction,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import { applyTagAutomation } from '../../actions/apply-tag-automation';
import type { AutomationSettings } from '../../actions/automation-settings';
import type { TTag } from '../../config/baton-config.schema';
import { BatonError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type { MetricsRecorder } from '../../core/metrics';
import { type ChannelTextLimits, defaultChannelTextLimits } from '../../core/outbound/outbound-text-policy';
import type { Dispatcher } from '../../core/queues/dispatcher';
import { syncHandoffLater } from '../../core/queues/enqueue-or-leave-to-sweep';
import type { Db } from '../../db/prisma-client';
import {
  HOME_FILTER_CHANNEL_ACTION_ID,
  HOME_FILTER_TAG_ACTION_ID,
  HOME_OPEN_THREAD_ACTION_ID,
  type HomeFilters,
  readHomeFilterSelection,
} from '../blocks/app-home';
import {
  buildFindModal,
  buildFindResults,
  FIND_MODAL_CALLBACK_ID,
  FIND_QUERY_BLOCK_ID,
  FIND_RESULT_OPEN_ACTION_ID,
  FIND_RESULT_TAG_ACTION_ID,
  MAX_FIND_RESULTS,
  readFindSubmission,
} from '../blocks/find-modal';
import { readTagModalSubmission, TAG_MODAL_BLOCK_ID, TAG_MODAL_CALLBACK_ID } from '../blocks/tag-modal';
import { ViewSubmissionError } from '../blocks/view-submission';
import type { SlackApi } from '../slack/slack-api';
import { applyConversationTags } from './apply-conversation-tags';
import { findConversations } from './find-conversations';
import { loadInbox } from './load-inbox';
import { loadTagModal, loadTagModalForMessage } from './load-tag-modal';
import { buildInboxHome, readHomeFilters } from './manager-views';
import { cachedPermalinks } from './thread-links';

/** The shortcuts' callback ids, as `slack-app-manifest.yml` declares them. */
export const TAG_SHORTCUT_CALLBACK_ID = 'tag_conversation';
export const FIND_SHORTCUT_CALLBACK_ID = 'find_conversation';

export interface ManagerHandlerDeps {
  db: Db;
  /** Permalinks for thread links; views go through the listener's own client. */
  slack: SlackApi;
  logger: Logger;
  /** The config's `tags`: what the tag modal offers and the home filter lists. */
  configuredTags: TTag[];
  /** Re-syncs the handoff card after its tags change. */
  dispatcher: Dispatcher;
  /** Tags applied here feed the rules and handoff triggers (absent: tags only). */
  automation?: AutomationSettings;
  /** Counts the handoffs those tags open (absent: nothing is counted). */
  metrics?: MetricsRecorder;
  limits?: ChannelTextLimits;
}

type ViewsClient = Pick<webApi.WebClient, 'views'>;

/**
 * The managers' tools in Slack: the "Tag conversation" message shortcut, the "Find a
 * traveler conversation" global shortcut and its results, and the App Home shared inbox.
 * Every listener acknowledges first (modal submissions acknowledge with their answer, which
 * Slack only accepts in the ack), then logs its failures by ids only: never message text,
 * names or numbers.
 */
export function registerManagerHandlers(app: App, deps: ManagerHandlerDeps): void {
  const log = deps.logger.child({ component: 'slack-managers' });
  const links = cachedPermalinks(deps.slack);
  const tagNames = () => deps.configuredTags.map((tag) => tag.name);

  const publishHome = async (client: ViewsClient, userId: string, filters: HomeFilters) => {
    const inbox = await loadInbox(deps.db, { ...filters, now: new Date(), slack: links });
    await client.views.publish({ user_id: userId, view: buildInboxHome(inbox, tagNames()) });
  };

  app.shortcut<MessageShortcut>(TAG_SHORTCUT_CALLBACK_ID, async ({ ack, shortcut, client }) => {
    await ack();
    try {
      const view = await loadTagModalForMessage(
        deps.db,
        {
          channelId: shortcut.channel.id,
          ts: shortcut.message.ts ?? shortcut.message_ts,
          threadTs: typeof shortcut.message.thread_ts === 'string' ? shortcut.message.thread_ts : undefined,
        },
        deps.configuredTags,
      );
      await client.views.open({ trigger_id: shortcut.trigger_id, view });
    } catch (error) {
      log.error({ err: error, channel: shortcut.channel?.id }, 'could not open the tag modal');
    }
  });

  app.view<ViewSubmitAction>(TAG_MODAL_CALLBACK_ID, async ({ ack, body, view }) => {
    let submission: { conversationId: string; tags: string[] };
    try {
      submission = readTagModalSubmission(view);
    } catch (error) {
      await answerUnreadable(ack, error, log, TAG_MODAL_CALLBACK_ID);
      return;
    }
    const { conversationId } = submission;
    let changes: { added: string[]; removed: string[] };
    try {
      // Saved before the ack: a refused tag is shown in the modal, which only the ack can do.
      changes = await applyConversationTags(deps.db, {
        conversationId,
        tags: submission.tags,
        actor: { kind: 'specialist', id: body.user.id },
        configuredTags: deps.configuredTags,
      });
    } catch (error) {
      const refused = error instanceof BatonError && (error.code === 'payload_invalid' || error.code === 'not_found');
      if (!refused) log.error({ err: error, conversationId }, 'could not save conversation tags');
      const message = refused ? error.message : 'Baton could not save the tags. Try again in a moment.';
      await ack({ response_action: 'errors', errors: { [TAG_MODAL_BLOCK_ID]: message } });
      return;
    }
    await ack();
    log.info(
      { conversationId, user: body.user.id, added: changes.added, removed: changes.removed },
      'conversation tags changed from Slack',
    );
    if (changes.added.length === 0 && changes.removed.length === 0) return;
    await syncHandoffLater({ dispatcher: deps.dispatcher, logger: log }, conversationId);
    if (deps.automation) {
      const automation = deps.automation;
      const limits = deps.limits ?? defaultChannelTextLimits;
      await applyTagAutomation({ ...deps, automation, limits }, conversationId, changes.added, 'manager').catch(
        (error) => log.error({ err: error, conversationId }, 'tag rules could not run; the tags are saved'),
      );
    }
  });

  app.shortcut(FIND_SHORTCUT_CALLBACK_ID, async ({ ack, shortcut, client }) => {
    await ack();
    try {
      await client.views.open({ trigger_id: shortcut.trigger_id, view: buildFindModal() });
    } catch (error) {
      log.error({ err: error }, 'could not open the find modal');
    }
  });

  app.view<ViewSubmitAction>(FIND_MODAL_CALLBACK_ID, async ({ ack, view }) => {
    let query: string;
    try {
      query = readFindSubmission(view);
    } catch (error) {
      await answerUnreadable(ack, error, log, FIND_MODAL_CALLBACK_ID);
      return;
    }
    try {
      const results = await findConversations(deps.db, query, { limit: MAX_FIND_RESULTS, slack: links });
      await ack({ response_action: 'update', view: buildFindResults({ query, results }) });
    } catch (error) {
      log.error({ err: error }, 'conversation search failed');
      await ack({
        response_action: 'errors',
        errors: { [FIND_QUERY_BLOCK_ID]: 'The search failed. Try again in a moment.' },
      });
    }
  });

  app.action<BlockAction<ButtonAction>>(FIND_RESULT_TAG_ACTION_ID, async ({ ack, body, action, client }) => {
    await ack();
    try {
      const view = await loadTagModal(deps.db, action.value ?? '', deps.configuredTags);
      // The tag modal takes the results' place: saving it closes the modal.
      if (body.view) await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      log.error({ err: error, conversationId: action.value }, 'could not open the tag modal from a search');
    }
  });

  // Link buttons: Slack opens the URL; it still sends the click, which must be acknowledged.
  for (const actionId of [FIND_RESULT_OPEN_ACTION_ID, HOME_OPEN_THREAD_ACTION_ID]) {
    app.action(actionId, async ({ ack }) => {
      await ack();
    });
  }

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      // Reopening the tab keeps the filters the person chose (stored in the view itself).
      await publishHome(client, event.user, readHomeFilters(event.view?.private_metadata));
    } catch (error) {
      log.error({ err: error, user: event.user }, 'could not publish the App Home');
    }
  });

  for (const actionId of [HOME_FILTER_TAG_ACTION_ID, HOME_FILTER_CHANNEL_ACTION_ID]) {
    app.action<BlockAction<StaticSelectAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      try {
        const change = readHomeFilterSelection(actionId, action.selected_option.value);
        await publishHome(client, body.user.id, { ...readHomeFilters(body.view?.private_metadata), ...change });
      } catch (error) {
        log.error({ err: error, user: body.user.id, actionId }, 'could not filter the App Home');
      }
    });
  }
}

type ViewAck = (response?: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/**
 * A submission whose input is wrong gets its error shown in the modal; one Baton did not
 * build (a mis-pointed callback id, a changed view) is logged and closed.
 */
async function answerUnreadable(ack: ViewAck, error: unknown, log: Logger, callbackId: string): Promise<void> {
  if (error instanceof ViewSubmissionError && error.blockId) {
    await ack({ response_action: 'errors', errors: error.responseErrors });
    return;
  }
  log.warn({ err: error, callbackId }, 'ignored a modal submission Baton cannot read');
  await ack();
}
