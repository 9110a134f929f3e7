import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { type PlaygroundConversation, type PlaygroundSetup, type PlaygroundStateCommand, playgroundApi } from './api';
import { channelLabel, stateLabels } from './format';
import { Thread } from './thread';

/**
 * One conversation as a specialist sees it: the handoff card (why, tags, details, summary),
 * its buttons, the tag picker, the "Ask the traveler for…" menu and the thread. Every
 * button calls the same code as Slack's.
 */
export function ConversationPanel(props: {
  setup: PlaygroundSetup;
  conversation: PlaygroundConversation;
  onChanged(): void;
  onProblem(error: unknown): void;
}) {
  const { setup, conversation } = props;
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const id = conversation.conversationId;
  const mine = conversation.assignee === setup.specialistId;
  const applied = new Set(conversation.tags.map((tag) => tag.name));
  const tagColors = new Map(setup.tags.map((tag) => [tag.name, tag.color]));

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setNotice(null);
    try {
      await work();
      props.onChanged();
    } catch (error) {
      props.onProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const change = (command: PlaygroundStateCommand) => run(() => playgroundApi.changeState(id, command));
  const toggleTag = (name: string) =>
    run(() =>
      playgroundApi.setTags(id, applied.has(name) ? [...applied].filter((tag) => tag !== name) : [...applied, name]),
    );
  const startAction = (actionId: string) =>
    run(async () => {
      const outcome = await playgroundApi.startAction(id, actionId);
      setNotice(`Asked the traveler for “${outcome.title}”. Their answers will appear on the card.`);
    });

  return (
    <div class="detail">
      {conversation.slack && (
        <div class="slack-banner" data-testid="slack-banner">
          <strong>In Slack</strong> — the handoff went to channel <code>{conversation.slack.channelId}</code>
          {conversation.slack.closed ? ' (thread closed)' : ''}.{' '}
          <a
            href={conversation.slack.link ?? `https://slack.com/app_redirect?channel=${conversation.slack.channelId}`}
            target="_blank"
            rel="noreferrer"
          >
            Open the thread ↗
          </a>
          <div class="small">
            Below is the same conversation read from Baton’s database. Reply in Slack; the buttons here still work.
          </div>
        </div>
      )}
      <article class="card" data-testid="handoff-card" aria-label="Handoff card">
        <header class="card-head">
          <div>
            <h2>{conversation.traveler.name ?? conversation.traveler.address}</h2>
            <div class="muted small">
              {channelLabel(conversation.channel)}
              {conversation.traveler.name && ` · ${conversation.traveler.address}`}
            </div>
          </div>
          <span class={`state state-${conversation.state}`}>{stateLabels[conversation.state]}</span>
        </header>
        <dl class="fields">
          <dt>Why</dt>
          <dd data-testid="handoff-reason">{conversation.reason ?? <span class="muted">Not handed off</span>}</dd>
          <dt>Assignee</dt>
          <dd>
            {conversation.assignee ? (
              mine ? (
                'You (playground)'
              ) : (
                conversation.assignee
              )
            ) : (
              <span class="muted">Unassigned</span>
            )}
          </dd>
          <dt>Tags</dt>
          <dd data-testid="card-tags">
            {conversation.tags.length === 0 && <span class="muted">None</span>}
            {conversation.tags.map((tag) => (
              <span key={tag.name} class="tag" style={{ '--tag': tag.color ?? '#5f6368' }} title={tag.description}>
                {tag.name}
              </span>
            ))}
          </dd>
          {Object.entries(conversation.collected).map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
          {conversation.collecting && (
            <>
              <dt>Answering</dt>
              <dd>{conversation.collecting.title} (form in progress)</dd>
            </>
          )}
        </dl>
        {conversation.summary && (
          <section class="summary">
            <h3>Summary{conversation.summary.stored ? '' : ' (so far)'}</h3>
            <p>{conversation.summary.text}</p>
          </section>
        )}
        <div class="buttons">
          <button
            type="button"
            class="primary"
            disabled={busy || (conversation.state === 'human' && mine)}
            onClick={() => change('claim')}
          >
            Claim
          </button>
          <button
            type="button"
            disabled={busy || conversation.state === 'bot' || conversation.state === 'resolved'}
            onClick={() => change('hand_back')}
          >
            Hand back to AI
          </button>
          <button type="button" disabled={busy || conversation.state === 'resolved'} onClick={() => change('resolve')}>
            Resolve
          </button>
          {setup.actions.length > 0 && (
            <select
              aria-label="Ask the traveler for…"
              disabled={busy}
              value=""
              onChange={(event) => {
                const actionId = event.currentTarget.value;
                event.currentTarget.value = '';
                if (actionId) void startAction(actionId);
              }}
            >
              <option value="">Ask the traveler for…</option>
              {setup.actions.map((action) => (
                <option key={action.id} value={action.id}>
                  {action.title}
                </option>
              ))}
            </select>
          )}
        </div>
        {setup.tags.length > 0 && (
          <fieldset class="tag-picker">
            <legend class="visually-hidden">Tags</legend>
            {setup.tags.map((tag) => (
              <button
                key={tag.name}
                type="button"
                class={`tag toggle ${applied.has(tag.name) ? 'on' : ''}`}
                style={{ '--tag': tagColors.get(tag.name) ?? '#5f6368' }}
                aria-pressed={applied.has(tag.name)}
                disabled={busy}
                title={tag.description}
                onClick={() => toggleTag(tag.name)}
              >
                {tag.name}
              </button>
            ))}
          </fieldset>
        )}
        {notice && <p class="notice">{notice}</p>}
      </article>
      <Thread
        key={id}
        conversation={conversation}
        readOnly={Boolean(conversation.slack && !conversation.slack.closed)}
        onSend={(text, clientId) => run(() => playgroundApi.reply(id, text, clientId))}
      />
    </div>
  );
}
