import { randomUUID } from 'node:crypto';
import { webApi } from '@slack/bolt';
import pino from 'pino';
import type { ChannelKind } from '../../../src/channels/channel-adapter';
import type { TTag } from '../../../src/config/baton-config.schema';
import type { ConversationState } from '../../../src/core/conversation-state';
import { defaultChannelTextLimits } from '../../../src/core/outbound/outbound-text-policy';
import { buildFindResults } from '../../../src/handoff/blocks/find-modal';
import { registerManagerHandlers } from '../../../src/handoff/managers/register-manager-handlers';
import { webClientSlackApi } from '../../../src/handoff/slack/slack-api';
import { createSlackApp, type SlackApp } from '../../../src/handoff/slack/slack-app';
import type { Runtime } from '../../../src/runtime/create-runtime';
import { type SlackBridgeSettings, startSlackWorker } from '../../../src/runtime/start-slack';
import { type RunningWeb, startWeb } from '../../../src/runtime/start-web';
import { FakeSlackServer } from '../../support/fake-slack-server';
import {
  appHomeOpened,
  channelMessage,
  eventCallback,
  globalShortcut,
  messageShortcut,
  nextSlackTs,
  type SlackRequestBody,
  signedSlackRequest,
  slackTestWorkspace,
  viewSubmission,
} from '../../support/slack-signing';
import { createTestRuntime, eventually } from '../../support/test-baton';
import type { TestDatabase, TestRedisNamespace } from '../../support/test-services';

/**
 * The managers' Slack tools end to end: signed shortcut, modal and App Home payloads into
 * Baton's own web server (Bolt on /slack/events with the manager listeners), every Web API
 * call to the fake Slack server, the card update through the real Slack queue worker.
 * TestBaton does not expose its Bolt app, so this file wires the few pieces itself.
 */

const HANDOFF_CHANNEL = 'C0HANDOFF1';
const SIGNING_SECRET = 'managers-signing-secret';
const SPECIALIST = 'U0SPECIAL1';
const MANAGER = 'U0MANAGER1';

const configuredTags: TTag[] = [
  { name: 'urgent', emoji: ':rotating_light:', color: '#d93025', description: 'Needs an answer within the hour' },
  { name: 'refund' },
  { name: 'vip', emoji: '⭐' },
];

type Json = Record<string, unknown>;

/** Lines logged while the suite runs, to check no traveler detail reaches them. */
const logLines: string[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });

describe('Slack manager tools: tag shortcut, find shortcut, App Home (fake Slack, signed payloads)', () => {
  let slack: FakeSlackServer;
  let database: TestDatabase;
  let redis: TestRedisNamespace;
  let runtime: Runtime;
  let slackApp: SlackApp;
  let web: RunningWeb;
  let worker: { close(): Promise<void> };
  let baseUrl: string;
  // The travelers seeded in beforeAll.
  let ana: { id: string; threadTs?: string };
  let bruno: { id: string; threadTs?: string };
  let carla: { id: string; threadTs?: string };
  let dario: { id: string; threadTs?: string };
  let eva: { id: string; threadTs?: string };

  beforeAll(async () => {
    slack = await FakeSlackServer.start();
    ({ runtime, database, redis } = await createTestRuntime({
      logger,
      dbPoolSize: 5,
      slack: {
        botToken: slack.botToken,
        signingSecret: SIGNING_SECRET,
        socketMode: false,
        handoffChannel: HANDOFF_CHANNEL,
        apiUrl: slack.apiUrl,
      },
    }));
    slackApp = createSlackApp({
      botToken: slack.botToken,
      signingSecret: SIGNING_SECRET,
      socketMode: false,
      apiUrl: slack.apiUrl,
      logger,
    });
    // What the lead's one line in start-slack.ts does.
    registerManagerHandlers(slackApp.app, {
      db: runtime.db,
      slack: webClientSlackApi(slackApp.app.client),
      logger,
      configuredTags,
      dispatcher: runtime.dispatcher,
    });
    await slackApp.start();
    web = await startWeb(runtime, { port: 0, host: '127.0.0.1', slackRouter: slackApp.router });
    baseUrl = `http://127.0.0.1:${web.port}`;
    const settings: SlackBridgeSettings = {
      handoffChannel: HANDOFF_CHANNEL,
      privateNotePrefix: '!',
      signWithFirstName: false,
      limits: defaultChannelTextLimits,
    };
    worker = await startSlackWorker(runtime, settings);

    // The traveler whose handoff the specialist tags; the others give search and inbox something to tell apart.
    ana = await seed({
      address: '+15552220001',
      name: 'Ana Lima',
      state: 'pending',
      handoffMinutesAgo: 12,
      tags: [{ name: 'vip', appliedBy: 'rule-vip' }],
    });
    bruno = await seed({
      address: 'whatsapp:+15552220002',
      channel: 'twilio_whatsapp',
      name: 'Bruno Díaz',
      state: 'human',
      assignee: SPECIALIST,
      handoffMinutesAgo: 40,
      collected: { booking: { confirmation: 'AB12CD' }, nights: 3 },
    });
    carla = await seed({ address: '+447700900123', name: 'Carla Anand', state: 'resolved' });
    dario = await seed({ address: '+15559990004', state: 'bot', collected: { confirmation: 'ZZ99YY' } });
    eva = await seed({ address: '+15552220005', name: 'Eva', state: 'pending', tags: [{ name: 'legacy' }] });
  }, 60_000);

  afterAll(async () => {
    await slackApp?.stop();
    await worker?.close();
    await web?.close();
    await runtime?.close();
    await redis?.clear();
    await database?.drop();
    await slack?.close();
  });

  const slackSends = async (request: SlackRequestBody): Promise<{ status: number; json: Json | null }> => {
    const signed = signedSlackRequest({ signingSecret: SIGNING_SECRET, ...request });
    const response = await fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as Json) : null };
  };

  /** A traveler's conversation; handed off ones get their card and thread through the Slack worker. */
  const seed = async (input: {
    address: string;
    channel?: ChannelKind;
    name?: string;
    state: ConversationState;
    assignee?: string;
    collected?: Json;
    handoffMinutesAgo?: number;
    tags?: Array<{ name: string; appliedBy?: string }>;
  }) => {
    const channel = input.channel ?? 'twilio_sms';
    const conversation = await runtime.db.conversation.create({
      data: {
        channel,
        // A resolved conversation was handed off first: it gets its thread, then is resolved.
        state: input.state === 'resolved' ? 'pending' : input.state,
        assignee: input.assignee ?? null,
        handoffReason: input.state === 'bot' ? null : 'traveler asked for a person',
        collected: (input.collected ?? {}) as object,
        contact: { create: { channel, address: input.address, displayName: input.name ?? null } },
      },
    });
    for (const tag of input.tags ?? []) {
      const row = await runtime.db.tag.upsert({ where: { name: tag.name }, create: { name: tag.name }, update: {} });
      await runtime.db.conversationTag.create({
        data: {
          conversationId: conversation.id,
          tagId: row.id,
          appliedByKind: 'system',
          appliedBy: tag.appliedBy ?? 'rule-1',
        },
      });
    }
    if (input.state === 'bot') return { id: conversation.id, threadTs: undefined };
    await runtime.db.conversationEvent.create({
      data: {
        conversationId: conversation.id,
        type: 'handoff_opened',
        fromState: 'bot',
        toState: 'pending',
        actorKind: 'ai',
        reason: 'traveler asked for a person',
        createdAt: new Date(Date.now() - (input.handoffMinutesAgo ?? 5) * 60_000),
      },
    });
    await runtime.dispatcher.syncHandoff(conversation.id);
    const thread = await eventually(
      () => runtime.db.slackThread.findFirst({ where: { conversationId: conversation.id } }),
      15_000,
    );
    if (input.state === 'resolved') {
      await runtime.db.conversation.update({ where: { id: conversation.id }, data: { state: 'resolved' } });
      await runtime.db.slackThread.update({ where: { id: thread.id }, data: { closedAt: new Date() } });
    }
    return { id: conversation.id, threadTs: thread.threadTs };
  };

  const tagsOf = async (conversationId: string) =>
    (
      await runtime.db.conversationTag.findMany({
        where: { conversationId },
        include: { tag: true },
        orderBy: { tag: { name: 'asc' } },
      })
    ).map((row) => ({ name: row.tag.name, appliedByKind: row.appliedByKind, appliedBy: row.appliedBy }));

  const openedViews = () => slack.calls('views.open').map((call) => call.body.view as Json);
  const submitTags = (conversationId: string, tags: string[], user = SPECIALIST) =>
    slackSends(
      viewSubmission({
        callbackId: 'tag_conversation_modal',
        user: { id: user },
        privateMetadata: JSON.stringify({ conversationId }),
        values: {
          tags: {
            tags_select: {
              type: 'multi_static_select',
              selected_options: tags.map((name) => ({ text: { type: 'plain_text', text: name }, value: name })),
            },
          },
        },
      }),
    );
  const find = (query: string) =>
    slackSends(
      viewSubmission({
        callbackId: 'find_conversation_modal',
        user: { id: MANAGER },
        values: { query: { query_input: { type: 'plain_text_input', value: query } } },
      }),
    );
  const resultIds = (view: Json) =>
    JSON.stringify(view.blocks)
      .match(/"value":"[0-9a-f-]{36}"/g)
      ?.map((match) => match.slice(9, -1)) ?? [];

  describe('Tag conversation (message shortcut)', () => {
    it('opens the tag modal with the conversation’s current tags, from a reply in its thread', async () => {
      const before = slack.calls('views.open').length;
      const response = await slackSends(
        messageShortcut({
          callbackId: 'tag_conversation',
          user: { id: SPECIALIST },
          channel: HANDOFF_CHANNEL,
          message: { ts: nextSlackTs(), threadTs: ana.threadTs, user: SPECIALIST, text: 'on it' },
        }),
      );
      expect(response.status).toBe(200);
      const view = openedViews()[before] as Json;
      expect(view).toMatchObject({ type: 'modal', callback_id: 'tag_conversation_modal' });
      expect(JSON.parse(view.private_metadata as string)).toEqual({ conversationId: ana.id });
      const input = (view.blocks as Json[]).find((block) => block.type === 'input') as {
        element: { options: Array<{ value: string }>; initial_options?: Array<{ value: string }> };
      };
      expect(input.element.options.map((option) => option.value)).toEqual(['urgent', 'refund', 'vip']);
      expect(input.element.initial_options?.map((option) => option.value)).toEqual(['vip']);
      expect(JSON.stringify(view.blocks)).toContain('Ana Lima');
    });

    it('works on the handoff card itself (its ts is the thread’s)', async () => {
      const before = slack.calls('views.open').length;
      await slackSends(
        messageShortcut({
          callbackId: 'tag_conversation',
          user: { id: SPECIALIST },
          channel: HANDOFF_CHANNEL,
          message: { ts: bruno.threadTs as string, threadTs: bruno.threadTs },
        }),
      );
      const view = openedViews()[before] as Json;
      expect(JSON.parse(view.private_metadata as string)).toEqual({ conversationId: bruno.id });
    });

    it('says so, without a tag modal, on a message outside any handoff thread', async () => {
      const before = slack.calls('views.open').length;
      const message = channelMessage({ channel: HANDOFF_CHANNEL, user: SPECIALIST, text: 'lunch?' });
      await slackSends(
        messageShortcut({
          callbackId: 'tag_conversation',
          user: { id: SPECIALIST },
          channel: HANDOFF_CHANNEL,
          message: { ts: message.ts as string, user: SPECIALIST, text: 'lunch?' },
        }),
      );
      const view = openedViews()[before] as Json;
      expect(view.callback_id).not.toBe('tag_conversation_modal');
      expect(JSON.stringify(view.blocks)).toContain('not in a handoff thread');
      // The same ts in another channel is not that thread either.
      await slackSends(
        messageShortcut({
          callbackId: 'tag_conversation',
          user: { id: SPECIALIST },
          channel: 'C0ELSEWHERE',
          message: { ts: ana.threadTs as string },
        }),
      );
      expect(JSON.stringify((openedViews()[before + 1] as Json).blocks)).toContain('not in a handoff thread');
    });

    it('saving adds and removes tags with who applied them, records each change, and updates the card', async () => {
      const updatesBefore = slack.calls('chat.update').length;
      const response = await submitTags(ana.id, ['urgent', 'refund']);
      expect(response.status).toBe(200);
      expect(response.json?.response_action).toBeUndefined(); // the modal closes

      expect(await tagsOf(ana.id)).toEqual([
        { name: 'refund', appliedByKind: 'specialist', appliedBy: SPECIALIST },
        { name: 'urgent', appliedByKind: 'specialist', appliedBy: SPECIALIST },
      ]);
      const events = await runtime.db.conversationEvent.findMany({
        where: { conversationId: ana.id, type: { in: ['tag_added', 'tag_removed'] } },
        orderBy: { seq: 'asc' },
      });
      expect(events.map((e) => [e.type, e.data, e.actorKind, e.actorId, e.reason])).toEqual([
        ['tag_added', { tag: 'urgent' }, 'specialist', SPECIALIST, 'from Slack'],
        ['tag_added', { tag: 'refund' }, 'specialist', SPECIALIST, 'from Slack'],
        ['tag_removed', { tag: 'vip' }, 'specialist', SPECIALIST, 'from Slack'],
      ]);
      // The Tag row carries the config's emoji, colour and description.
      expect(await runtime.db.tag.findUnique({ where: { name: 'urgent' } })).toMatchObject({
        emoji: ':rotating_light:',
        color: '#d93025',
        description: 'Needs an answer within the hour',
      });

      const card = await eventually(async () => {
        const updates = slack.calls('chat.update').slice(updatesBefore);
        return updates.find((call) => call.ok && call.body.ts === ana.threadTs);
      }, 10_000);
      const shown = JSON.stringify(card.body.blocks);
      expect(shown).toContain('urgent');
      expect(shown).toContain('refund');
      expect(shown).not.toContain('vip');
    });

    it('saving the same tags again changes nothing and records nothing', async () => {
      const eventsBefore = await runtime.db.conversationEvent.count({ where: { conversationId: ana.id } });
      const response = await submitTags(ana.id, ['refund', 'urgent'], MANAGER);
      expect(response.status).toBe(200);
      expect(await runtime.db.conversationEvent.count({ where: { conversationId: ana.id } })).toBe(eventsBefore);
      expect((await tagsOf(ana.id)).map((tag) => tag.appliedBy)).toEqual([SPECIALIST, SPECIALIST]);
    });

    it('refuses a tag the config does not list, in the modal, changing nothing', async () => {
      const eventsBefore = await runtime.db.conversationEvent.count({ where: { conversationId: ana.id } });
      const response = await submitTags(ana.id, ['urgent', 'made-up']);
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ response_action: 'errors' });
      expect((response.json?.errors as Json | undefined)?.tags).toContain('"made-up" is not configured');
      expect((await tagsOf(ana.id)).map((tag) => tag.name)).toEqual(['refund', 'urgent']);
      expect(await runtime.db.conversationEvent.count({ where: { conversationId: ana.id } })).toBe(eventsBefore);
      expect(await runtime.db.tag.findUnique({ where: { name: 'made-up' } })).toBeNull();
    });

    it('lets an applied tag the config no longer lists be kept or removed, never added', async () => {
      expect((await submitTags(eva.id, ['legacy', 'urgent'])).json).toBeNull();
      expect((await tagsOf(eva.id)).map((tag) => tag.name)).toEqual(['legacy', 'urgent']);
      expect((await submitTags(eva.id, ['urgent'])).json).toBeNull();
      expect((await tagsOf(eva.id)).map((tag) => tag.name)).toEqual(['urgent']);
      expect((await submitTags(eva.id, ['urgent', 'legacy'])).json).toMatchObject({ response_action: 'errors' });
      expect((await tagsOf(eva.id)).map((tag) => tag.name)).toEqual(['urgent']);
    });
  });

  describe('Find a traveler conversation (global shortcut)', () => {
    it('opens the find modal', async () => {
      const before = slack.calls('views.open').length;
      expect(
        (await slackSends(globalShortcut({ callbackId: 'find_conversation', user: { id: MANAGER } }))).status,
      ).toBe(200);
      expect(openedViews()[before]).toMatchObject({ type: 'modal', callback_id: 'find_conversation_modal' });
    });

    it.each([
      ['+1 555 222 0001', 'the number as people write it'],
      ['5552220001', 'the digits without the country code'],
      ['whatsapp:+15552220001', 'a WhatsApp address'],
    ])('finds a traveler by phone number: %s (%s)', async (query) => {
      const response = await find(query);
      expect(response.json?.response_action).toBe('update');
      const view = response.json?.view as Json;
      expect(view.callback_id).toBe('find_conversation_modal');
      expect(resultIds(view)).toEqual([ana.id]);
      // The result links to the thread (a permalink from Slack) and offers the Tag button.
      const text = JSON.stringify(view.blocks);
      expect(text).toContain(
        `https://baton-test.slack.com/archives/${HANDOFF_CHANNEL}/p${ana.threadTs?.replace('.', '')}`,
      );
      expect(text).toContain('find_result_tag');
      expect(text).toContain('refund, urgent');
    });

    it('finds a WhatsApp traveler by the digits of their number, and several by a shared part, newest first', async () => {
      expect(resultIds((await find('+1 555 222 0002')).json?.view as Json)).toEqual([bruno.id]);
      const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
      await runtime.db.conversation.update({ where: { id: ana.id }, data: { updatedAt: minutesAgo(30) } });
      await runtime.db.conversation.update({ where: { id: bruno.id }, data: { updatedAt: minutesAgo(1) } });
      await runtime.db.conversation.update({ where: { id: eva.id }, data: { updatedAt: minutesAgo(10) } });
      expect(resultIds((await find('555 222 000')).json?.view as Json)).toEqual([bruno.id, eva.id, ana.id]);
    });

    it('finds a traveler by name, ignoring case', async () => {
      expect(resultIds((await find('ana')).json?.view as Json).sort()).toEqual([ana.id, carla.id].sort());
      expect(resultIds((await find('BRUNO DÍAZ')).json?.view as Json)).toEqual([bruno.id]);
    });

    it('finds a traveler by a collected confirmation number, nested or not', async () => {
      expect(resultIds((await find('ab12cd')).json?.view as Json)).toEqual([bruno.id]);
      expect(resultIds((await find('ZZ99YY')).json?.view as Json)).toEqual([dario.id]);
      // A part of a confirmation number is not that confirmation number.
      expect(resultIds((await find('AB12')).json?.view as Json)).toEqual([]);
    });

    it('says when nothing matches, and asks for a query when it is empty', async () => {
      const none = await find('Zebulon');
      expect(JSON.stringify((none.json?.view as Json | undefined)?.blocks)).toContain('No conversation matches');
      const empty = await find('   ');
      expect(empty.json).toMatchObject({ response_action: 'errors', errors: { query: expect.any(String) } });
    });

    it('a result’s Tag button turns the results into that conversation’s tag modal', async () => {
      // The results modal as Slack holds it (the fake gives it an id a click then carries).
      const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl });
      const shown = await client.views.open({
        trigger_id: 'shown-by-slack',
        view: buildFindResults({ query: 'Bruno', results: [] }) as never,
      });
      const findViewId = shown.view?.id as string;
      const response = await slackSends(
        viewBlockAction({
          user: MANAGER,
          view: { id: findViewId, type: 'modal', callback_id: 'find_conversation_modal' },
          action: { type: 'button', action_id: 'find_result_tag', value: bruno.id },
        }),
      );
      expect(response.status).toBe(200);
      const update = slack.calls('views.update').at(-1);
      expect(update).toMatchObject({ ok: true, body: { view_id: findViewId } });
      const view = update?.body.view as Json;
      expect(view.callback_id).toBe('tag_conversation_modal');
      expect(JSON.parse(view.private_metadata as string)).toEqual({ conversationId: bruno.id });
      expect(JSON.stringify(view.blocks)).toContain('Bruno Díaz');
    });

    it('acknowledges the Open thread link button without doing anything else', async () => {
      // Only calls a click could cause count: the Slack queue may be updating a card meanwhile.
      const clickCalls = () =>
        slack.calls().filter((c) => c.method.startsWith('views.') || c.method === 'chat.postEphemeral');
      const calls = clickCalls().length;
      const response = await slackSends(
        viewBlockAction({
          user: MANAGER,
          view: { id: 'VFIND00001', type: 'modal', callback_id: 'find_conversation_modal' },
          action: { type: 'button', action_id: 'find_result_open', value: '' },
        }),
      );
      expect(response.status).toBe(200);
      expect(clickCalls().length).toBe(calls);
    });
  });

  describe('App Home (shared inbox)', () => {
    const home = () => slack.homeView(MANAGER) as Json & { blocks: Json[]; private_metadata?: string };
    const homeText = () => JSON.stringify(home().blocks);

    it('is published when the Home tab opens: counts, open conversations by state, thread links', async () => {
      const before = slack.calls('views.publish').length;
      const response = await slackSends(eventCallback(appHomeOpened({ user: MANAGER })));
      expect(response.status).toBe(200);
      await slack.waitForCalls('views.publish', before + 1);
      expect(home().type).toBe('home');
      const text = homeText();
      // pending: Ana, Eva; human: Bruno; bot: Dario; resolved: Carla.
      expect(text).toContain('*2* waiting for a specialist');
      expect(text).toContain('*1* with a specialist');
      expect(text).toContain('*1* with the AI');
      expect(text).toContain('*1* resolved');
      expect(text).toContain('Ana Lima');
      expect(text).toContain('Bruno Díaz');
      expect(text).toContain('Carla Anand'); // among the recently resolved
      expect(text).toContain(`<@${SPECIALIST}>`);
      expect(text).toContain('waiting 12 min');
      expect(text).toContain(`archives/${HANDOFF_CHANNEL}/p${ana.threadTs?.replace('.', '')}`);
      expect(text).not.toContain('5552220001'); // numbers are masked
      // Pending comes before the specialists' conversations, and Dario (with the AI) is only counted.
      expect(text.indexOf('Ana Lima')).toBeLessThan(text.indexOf('Bruno Díaz'));
      expect(text).not.toContain('9990004');
    });

    it('filters by tag, then keeps that filter when the channel filter changes', async () => {
      const current = home();
      await slackSends(
        viewBlockAction({
          user: MANAGER,
          view: { id: 'VHOME00001', type: 'home', private_metadata: current.private_metadata ?? '' },
          action: { type: 'static_select', action_id: 'home_filter_tag', value: 'tag:refund' },
        }),
      );
      let text = homeText();
      expect(JSON.parse(home().private_metadata ?? '')).toEqual({ tag: 'refund' });
      expect(text).toContain('Ana Lima');
      expect(text).not.toContain('Bruno Díaz');
      expect(text).not.toContain('Eva');
      expect(text).toContain('*1* waiting for a specialist');
      expect(text).toContain('*0* with a specialist');

      await slackSends(
        viewBlockAction({
          user: MANAGER,
          view: { id: 'VHOME00001', type: 'home', private_metadata: home().private_metadata ?? '' },
          action: { type: 'static_select', action_id: 'home_filter_channel', value: 'channel:twilio_whatsapp' },
        }),
      );
      text = homeText();
      expect(JSON.parse(home().private_metadata ?? '')).toEqual({ tag: 'refund', channel: 'twilio_whatsapp' });
      expect(text).toContain('No conversation matches these filters.');

      // Back to all tags: the WhatsApp filter alone shows Bruno.
      await slackSends(
        viewBlockAction({
          user: MANAGER,
          view: { id: 'VHOME00001', type: 'home', private_metadata: home().private_metadata ?? '' },
          action: { type: 'static_select', action_id: 'home_filter_tag', value: 'all' },
        }),
      );
      text = homeText();
      expect(text).toContain('Bruno Díaz');
      expect(text).not.toContain('Ana Lima');
    });

    it('keeps the chosen filters when the tab is opened again', async () => {
      await slackSends(eventCallback(appHomeOpened({ user: MANAGER, view: { id: 'VHOME00001', ...home() } })));
      expect(JSON.parse(home().private_metadata ?? '')).toEqual({ channel: 'twilio_whatsapp' });
      expect(homeText()).toContain('Bruno Díaz');
    });
  });

  it('never logs traveler names or numbers (run last: it reads what the others logged)', () => {
    const logged = logLines.join('\n');
    expect(logged).toContain('conversation tags changed from Slack');
    expect(logged).not.toMatch(/555222000\d|447700900123|5559990004/);
    expect(logged).not.toMatch(/Ana Lima|Bruno|Carla Anand/);
  });
});

/** A click inside a modal or the App Home: Slack sends the view it happened in, not a message. */
function viewBlockAction(input: {
  user: string;
  view: { id: string; type: 'modal' | 'home'; callback_id?: string; private_metadata?: string };
  action:
    | { type: 'button'; action_id: string; value: string }
    | { type: 'static_select'; action_id: string; value: string };
}): SlackRequestBody {
  const teamId = slackTestWorkspace.teamId;
  const action =
    input.action.type === 'button'
      ? { ...input.action, text: { type: 'plain_text', text: 'Tag' } }
      : {
          type: 'static_select',
          action_id: input.action.action_id,
          selected_option: { text: { type: 'plain_text', text: input.action.value }, value: input.action.value },
          placeholder: { type: 'plain_text', text: 'Filter' },
        };
  const payload = {
    type: 'block_actions',
    user: { id: input.user, username: input.user.toLowerCase(), name: input.user.toLowerCase(), team_id: teamId },
    api_app_id: slackTestWorkspace.appId,
    token: 'legacy-verification-token',
    container: { type: 'view', view_id: input.view.id },
    trigger_id: `${Date.now()}.1.${randomUUID().replace(/-/g, '')}`,
    team: { id: teamId, domain: slackTestWorkspace.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    view: {
      id: input.view.id,
      team_id: teamId,
      type: input.view.type,
      blocks: [],
      private_metadata: input.view.private_metadata ?? '',
      callback_id: input.view.callback_id ?? '',
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.abcd1234`,
      root_view_id: input.view.id,
      app_id: slackTestWorkspace.appId,
      bot_id: slackTestWorkspace.botId,
    },
    actions: [{ ...action, block_id: 'b1', action_ts: `${Date.now() / 1000}` }],
  };
  return {
    body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    contentType: 'application/x-www-form-urlencoded',
    payload,
  };
}
