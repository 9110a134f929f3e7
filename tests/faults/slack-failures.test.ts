import {
  cardsByConversation,
  type FaultStack,
  HANDOFF_CHANNEL,
  notRelayedOnce,
  type PlannedMessage,
  planLoad,
  sendLoad,
  sleep,
  startFaultStack,
  threadMentions,
  tokenOf,
  waitFor,
} from '../support/fault-harness';

/**
 * Slack misbehaving for a while: answering 429 with Retry-After, then 500. The fake Slack
 * scripts both per method (`rateLimitNext`, `failNext`), consumed in order. Handoffs must
 * still get exactly one card each, every traveler message must reach Slack once, and the
 * queue must never give up or pause on a transient failure.
 */
jest.setTimeout(90_000);

describe('fault: Slack answering 429 and 500 for a while', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack();
  });
  afterAll(async () => {
    await stack?.close();
  });
  afterEach(() => stack.slack.reset());

  it('posts one card per handoff and relays every later message once, through 429s and 500s', async () => {
    const { slack, baton, send } = stack;
    // 6 travelers hand off at once; the first posts meet 429 (Retry-After 1 s) ×4, then 500 ×3.
    slack.rateLimitNext('chat.postMessage', { retryAfterSeconds: 1, times: 4 });
    slack.failNext('chat.postMessage', { status: 500, times: 3 });
    const plan = planLoad({ travelers: 6, perTraveler: 6, earlyHandoffs: 6, areaCode: 561 });
    for (const traveler of plan.travelers) expect(await send(traveler.messages[0] as PlannedMessage)).toBe(200);
    const conversations = await waitFor(
      async () => {
        const pending = await baton.runtime.db.conversation.findMany({ where: { state: 'pending' } });
        return pending.length === 6 && pending;
      },
      10_000,
      () => 'handoffs',
    );
    await waitFor(
      async () => cardsByConversation(slack).size === 6,
      40_000,
      () => `cards: ${cardsByConversation(slack).size}`,
    );
    // While the cards exist, a second wave of trouble meets the relays.
    slack.rateLimitNext('chat.postMessage', { retryAfterSeconds: 1, times: 3 });
    slack.failNext('chat.postMessage', { status: 500, times: 2 });
    const outcomes = await sendLoad(
      send,
      plan.travelers.map((t) => ({ messages: t.messages.slice(1) })),
      { gapMs: 200 },
    );
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    const relayed = plan.travelers.flatMap((t) => t.messages.slice(1).map((m) => tokenOf(m.body)));
    await waitFor(
      async () => relayed.every((token) => threadMentions(slack, token) > 0),
      40_000,
      () => JSON.stringify(relayed.filter((token) => threadMentions(slack, token) === 0)),
    );
    await sleep(1500);

    const failures = slack.calls('chat.postMessage').filter((c) => !c.ok);
    expect(failures.map((c) => c.error).sort()).toEqual([
      ...Array(5).fill('http_500'),
      ...Array(7).fill('ratelimited'),
    ]);
    const cards = cardsByConversation(slack);
    expect(new Set(cards.keys())).toEqual(new Set(conversations.map((c) => c.id)));
    expect([...cards.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(notRelayedOnce(slack, relayed)).toEqual([]);
    expect(await baton.runtime.queues.slack?.isPaused()).toBe(false);
    expect(await baton.runtime.db.message.count({ where: { direction: 'inbound', slackPostedAt: null } })).toBe(0);
    // Slack's one-post-per-second-per-channel gate held even while catching up.
    const times = slack
      .calls('chat.postMessage')
      .filter((c) => c.ok)
      .map((c) => c.at);
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);
  });

  it('shows a specialist every message a traveler sent while Slack was failing to take the card', async () => {
    const { slack, baton, send } = stack;
    // The card cannot be posted for ~7 s (500 ×3 with backoff); meanwhile the traveler writes 8 times.
    slack.failNext('chat.postMessage', { status: 500, times: 3 });
    const [traveler] = planLoad({ travelers: 1, perTraveler: 9, earlyHandoffs: 1, areaCode: 562 }).travelers;
    if (!traveler) throw new Error('plan');
    expect(await send(traveler.messages[0] as PlannedMessage)).toBe(200);
    await waitFor(
      async () => slack.calls('chat.postMessage').length > 0,
      10_000,
      () => 'first card attempt',
    );
    for (const message of traveler.messages.slice(1)) {
      expect(await send(message)).toBe(200);
      await sleep(250);
    }
    await waitFor(
      async () => cardsByConversation(slack).size === 1,
      30_000,
      () => 'card',
    );
    await waitFor(
      async () =>
        (await baton.runtime.db.message.count({ where: { direction: 'inbound', slackPostedAt: null } })) === 0,
      10_000,
      () => 'messages marked posted',
    );
    await sleep(1500);

    // Wherever Slack shows it — on the card or in the thread — each message must be there.
    const everything = slack
      .posts(HANDOFF_CHANNEL)
      .map((post) => JSON.stringify(post.blocks ?? post.text ?? ''))
      .concat(slack.calls('chat.update').map((call) => JSON.stringify(call.body.blocks ?? call.body.text ?? '')))
      .join('\n');
    const tokens = traveler.messages.slice(1).map((m) => tokenOf(m.body));
    expect(tokens.filter((token) => !everything.includes(token))).toEqual([]);
    // …and once: the card (as posted) and the thread never both show one.
    const posted = slack
      .posts(HANDOFF_CHANNEL)
      .map((post) => JSON.stringify(post.blocks ?? post.text ?? ''))
      .join('\n');
    expect(tokens.map((token) => [token, posted.split(token).length - 1])).toEqual(tokens.map((token) => [token, 1]));
  });
});
