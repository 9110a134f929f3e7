import { automationSettingsFrom } from '../../../src/actions/automation-settings';
import { parseBatonConfig } from '../../../src/config/load-baton-config';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { EchoResponder } from '../../support/scripted-responders';
import { blockActions, signedSlackRequest, viewSubmission } from '../../support/slack-signing';
import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';

const HANDOFF_CHANNEL = 'C0HANDOFF1';
const GROUPS_CHANNEL = 'C0GROUPS01';
const SIGNING_SECRET = 'test-signing-secret';
const MANAGER = 'U0MANAGER1';

/** Rules whose effects reach Slack: alerts, a route, and a tag that hands off. */
const config = parseBatonConfig(
  `
tags:
  - { name: urgent, emoji: ":rotating_light:" }
  - local emergency
  - group booking
rules:
  - id: lost-luggage
    when: { keywords: [lost luggage] }
    then: { addTag: urgent, alert: { usergroup: S0SUPPORT1, text: Lost luggage reported. } }
  - id: groups
    description: Group request
    when: { regex: '\\bgroup of \\d+' }
    then: { addTag: group booking, route: { slackChannel: ${GROUPS_CHANNEL} }, handoff: true }
handoff:
  askForHuman: true
  tags: [local emergency]
actions:
  - id: booking_ref
    title: Booking reference
    fields:
      - name: confirmationNumber
        label: Confirmation number
        type: pattern
        pattern: '^[A-Z0-9]{6}$'
        prompt: What is your confirmation number?
`,
  'automation-in-slack.test.ts',
);

describe('automation effects in Slack (fake Slack, signed payloads)', () => {
  let slack: FakeSlackServer;
  let baton: TestBaton;

  beforeAll(async () => {
    slack = await FakeSlackServer.start();
    const automation = automationSettingsFrom(config, {});
    baton = await startTestBaton({
      responder: new EchoResponder(),
      workerOptions: { automation },
      runtime: {
        slack: {
          botToken: slack.botToken,
          signingSecret: SIGNING_SECRET,
          socketMode: false,
          handoffChannel: HANDOFF_CHANNEL,
          apiUrl: slack.apiUrl,
        },
      },
      slack: {
        handoffChannel: HANDOFF_CHANNEL,
        privateNotePrefix: '!',
        signWithFirstName: false,
        tags: config.tags,
        automation,
        summarize: async (conversationId) => `Summary of ${conversationId.slice(0, 8)}`,
      },
    });
  });
  afterAll(async () => {
    await baton.close();
    await slack.close();
  });

  const send = async (from: string, text: string) => {
    expect((await baton.post('/simulator/messages', { from, text })).status).toBe(202);
  };
  const slackSends = (request: {
    body: string;
    contentType: 'application/json' | 'application/x-www-form-urlencoded';
  }) => {
    const signed = signedSlackRequest({ signingSecret: SIGNING_SECRET, ...request });
    return fetch(`${baton.baseUrl}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
  };
  const conversationOf = (address: string) =>
    baton.runtime.db.conversation.findFirstOrThrow({
      where: { contact: { address } },
      include: { alerts: true, slackThreads: true, tags: { include: { tag: true } } },
    });

  it('posts a rule alert with its mentions and a Claim button; claiming opens the thread', async () => {
    await send('bag', 'I think I have lost luggage');
    const alert = await eventually(async () =>
      slack.posts(HANDOFF_CHANNEL).find((post) => (post.text ?? '').includes('<!subteam^S0SUPPORT1>')),
    );
    expect(alert.text).toContain('Lost luggage reported.');
    expect(alert.threadTs).toBeUndefined();
    const blocks = JSON.stringify(alert.blocks);
    expect(blocks).toContain('handoff_claim');
    expect(blocks).toContain('I think I have lost luggage');
    const conversation = await eventually(async () => {
      const found = await conversationOf('bag');
      return found.alerts[0]?.postedAt && found;
    });
    expect(conversation.state).toBe('bot');
    expect(conversation.slackThreads).toHaveLength(0);

    const response = await slackSends(
      blockActions({
        actionId: 'handoff_claim',
        value: conversation.id,
        user: { id: MANAGER },
        channel: HANDOFF_CHANNEL,
        message: { ts: alert.ts },
      }),
    );
    expect(response.status).toBe(200);
    const claimed = await eventually(async () => {
      const found = await conversationOf('bag');
      return found.slackThreads.length === 1 && found;
    });
    expect(claimed.state).toBe('human');
    expect(claimed.assignee).toBe(MANAGER);
    expect(claimed.handoffReason).toBe('taken over from the AI by a specialist');
    // One alert post, whatever syncs ran since.
    const alerts = slack.posts(HANDOFF_CHANNEL).filter((post) => (post.text ?? '').includes('S0SUPPORT1'));
    expect(alerts).toHaveLength(1);
  });

  it('routes a handoff to the rule’s channel, with the summary on the card', async () => {
    await send('group', 'We are a group of 14 and want a quote');
    const card = await eventually(async () => slack.posts(GROUPS_CHANNEL)[0]);
    const blocks = JSON.stringify(card.blocks);
    expect(blocks).toContain('Group request');
    expect(blocks).toContain('group booking');
    const conversation = await eventually(async () => {
      const found = await conversationOf('group');
      return found.slackThreads.length === 1 && found;
    });
    expect(blocks).toContain(`Summary of ${conversation.id.slice(0, 8)}`);
    expect(conversation.handoffSummary).toBe(`Summary of ${conversation.id.slice(0, 8)}`);
    expect(conversation.slackThreads[0]?.channelId).toBe(GROUPS_CHANNEL);
    expect(slack.posts(HANDOFF_CHANNEL).some((post) => JSON.stringify(post.blocks).includes('Group request'))).toBe(
      false,
    );
  });

  it('hands off when a manager applies a handoff tag from Slack', async () => {
    await send('manager-tag', 'hello there');
    const conversation = await eventually(async () => {
      const found = await conversationOf('manager-tag');
      return (
        (await baton.runtime.db.message.count({ where: { conversationId: found.id, direction: 'outbound' } })) > 0 &&
        found
      );
    });
    const response = await slackSends(
      viewSubmission({
        callbackId: 'tag_conversation_modal',
        user: { id: MANAGER },
        privateMetadata: JSON.stringify({ conversationId: conversation.id }),
        values: {
          tags: {
            tags_select: {
              type: 'multi_static_select',
              selected_options: [{ text: { type: 'plain_text', text: 'local emergency' }, value: 'local emergency' }],
            },
          },
        },
      }),
    );
    expect(response.status).toBe(200);
    const handedOff = await eventually(async () => {
      const found = await conversationOf('manager-tag');
      return found.state === 'pending' && found;
    });
    expect(handedOff.handoffReason).toBe('tag "local emergency" applied');
    expect(handedOff.tags.map((t) => [t.tag.name, t.appliedByKind, t.appliedBy])).toEqual([
      ['local emergency', 'specialist', MANAGER],
    ]);
    const card = await eventually(async () =>
      slack.posts(HANDOFF_CHANNEL).find((post) => (post.text ?? '').includes('tag "local emergency" applied')),
    );
    expect(card).toBeDefined();
  });

  it('lets a specialist ask the traveler for details from the card; the answers reach the card', async () => {
    await send('asker', 'I want to talk to a person');
    const card = await eventually(async () =>
      slack.posts(HANDOFF_CHANNEL).find((post) => (post.text ?? '').includes('traveler asked for a person')),
    );
    expect(JSON.stringify(card.blocks)).toContain('handoff_start_action');
    const conversation = await conversationOf('asker');
    const response = await slackSends(
      blockActions({
        actionId: 'handoff_start_action',
        selectedOption: { text: 'Booking reference', value: `${conversation.id}|booking_ref` },
        user: { id: MANAGER },
        channel: HANDOFF_CHANNEL,
        message: { ts: card.ts },
      }),
    );
    expect(response.status).toBe(200);
    await eventually(async () =>
      (await phoneOf(baton, 'asker')).some((m) => m.text === 'What is your confirmation number?'),
    );
    const note = await eventually(async () =>
      slack
        .posts(HANDOFF_CHANNEL)
        .find((post) => post.threadTs === card.ts && (post.text ?? '').includes('asked the traveler for')),
    );
    expect(note.text).toContain('Booking reference');

    await send('asker', 'it is k7q2zb');
    await eventually(async () => (await phoneOf(baton, 'asker')).some((m) => m.text.includes('Please confirm')));
    await send('asker', 'yes');
    const updated = await eventually(async () =>
      slack
        .calls('chat.update')
        .map((call) => JSON.stringify(call.body.blocks))
        .find((blocks) => blocks.includes('K7Q2ZB')),
    );
    expect(updated).toContain('Confirmation number');
    expect((await conversationOf('asker')).state).toBe('pending');
  });
});
