import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  type PlaygroundConversation,
  type PlaygroundInbox,
  type PlaygroundPhone,
  type PlaygroundSetup,
  playgroundApi,
  watchChanges,
} from './api';
import { ConversationPanel } from './conversation-panel';
import { Inbox } from './inbox';
import { Phone, type PhoneStyle } from './phone';
import { useStoredState } from './use-stored-state';

function randomTraveler(): string {
  return `traveler-${Math.random().toString(36).slice(2, 6)}`;
}

/** The page: the traveler's phone on the left, the specialist's inbox and handoff card on the right. */
export function App() {
  const [setup, setSetup] = useState<PlaygroundSetup | null>(null);
  const [address, setAddress] = useStoredState('baton-playground-address', randomTraveler);
  const [style, setStyle] = useStoredState<PhoneStyle>('baton-playground-style', () => 'sms');
  const [phone, setPhone] = useState<PlaygroundPhone | null>(null);
  const [inbox, setInbox] = useState<PlaygroundInbox | null>(null);
  /** The conversation shown on the right; null follows the phone's traveler. */
  const [picked, setPicked] = useState<string | null>(null);
  const [conversation, setConversation] = useState<PlaygroundConversation | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const shownId = picked ?? phone?.conversationId ?? null;
  // The event stream's callbacks read the latest values through refs.
  const current = useRef({ address, shownId });
  current.current = { address, shownId };

  const report = useCallback(
    (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)),
    [],
  );
  const refreshInbox = useCallback(() => playgroundApi.inbox().then(setInbox, report), [report]);
  const refreshPhone = useCallback(() => {
    const wanted = current.current.address;
    return playgroundApi.phone(wanted).then((next) => {
      if (current.current.address === wanted) setPhone(next);
    }, report);
  }, [report]);
  const refreshConversation = useCallback(() => {
    const wanted = current.current.shownId;
    if (!wanted) {
      setConversation(null);
      return Promise.resolve();
    }
    return playgroundApi.conversation(wanted).then((next) => {
      if (current.current.shownId === wanted) setConversation(next);
    }, report);
  }, [report]);

  useEffect(() => {
    playgroundApi.setup().then(setSetup, report);
  }, [report]);
  useEffect(() => {
    setPhone(null);
    void refreshPhone();
  }, [address, refreshPhone]);
  useEffect(() => {
    void refreshConversation();
  }, [shownId, refreshConversation]);
  useEffect(
    () =>
      watchChanges({ conversationId: shownId ?? undefined, phone: address }, (change) => {
        if (change.inbox) void refreshInbox();
        if (change.phone) void refreshPhone();
        if (change.conversation) void refreshConversation();
      }),
    [shownId, address, refreshInbox, refreshPhone, refreshConversation],
  );

  return (
    <div class="page">
      <header class="topbar">
        <strong class="brand">Baton playground</strong>
        {setup && (
          <span class="muted">
            {setup.assistant.name} · {setup.assistant.company}
          </span>
        )}
        <span class="spacer" />
        {setup?.slack ? (
          <span class="pill slack">Handoffs go to Slack ({setup.slack.handoffChannel})</span>
        ) : (
          <span class="pill">Handoffs stay in this inbox (Slack not configured)</span>
        )}
        <span class="pill warn" title="Anyone who can reach this page can act as a specialist.">
          No authentication: local use only
        </span>
      </header>
      {problem && (
        <div class="problem" role="alert">
          {problem}
          <button type="button" class="link" onClick={() => setProblem(null)}>
            Dismiss
          </button>
        </div>
      )}
      <main class="columns">
        <section class="column phone-column" aria-label="Traveler">
          <Phone
            address={address}
            style={style}
            phone={phone}
            onAddress={(next) => {
              setAddress(next);
              setPicked(null);
            }}
            onNewTraveler={() => {
              setAddress(randomTraveler());
              setPicked(null);
            }}
            onStyle={setStyle}
            onSent={refreshPhone}
            onProblem={report}
          />
        </section>
        <section class="column inbox-column" aria-label="Inbox">
          <Inbox
            inbox={inbox}
            selectedId={shownId}
            followingPhone={picked === null}
            phoneConversationId={phone?.conversationId}
            onSelect={setPicked}
            onFollowPhone={() => setPicked(null)}
          />
        </section>
        <section class="column detail-column" aria-label="Handoff">
          {setup && conversation ? (
            <ConversationPanel
              setup={setup}
              conversation={conversation}
              onChanged={refreshConversation}
              onProblem={report}
            />
          ) : (
            <div class="empty">
              <h2>No conversation yet</h2>
              <p>
                Write to Baton from the phone. The conversation shows up here as a specialist sees it; a handoff (try “I
                want to speak to someone about my lost luggage”) becomes a card you can claim, tag and answer.
              </p>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
