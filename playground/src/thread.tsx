import { useEffect, useRef, useState } from 'preact/hooks';
import type { PlaygroundConversation } from './api';
import { authorLabels, clockTime, newId } from './format';

const statusLabels: Record<string, string> = {
  queued: 'queued',
  sending: 'sending',
  accepted: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'not delivered',
  suppressed: 'not sent (opted out)',
};

/** The conversation's messages, both ways, and the specialist's reply box. */
export function Thread(props: {
  conversation: PlaygroundConversation;
  /** The handoff is in a Slack thread: replies are written there. */
  readOnly: boolean;
  onSend(text: string, clientId: string): Promise<void>;
}) {
  const [draft, setDraft] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const { messages } = props.conversation;
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [messages.length]);

  return (
    <section class="thread" aria-label="Thread">
      <h3>Thread</h3>
      <ol class="messages" ref={list} data-testid="thread">
        {messages.map((message) => (
          <li key={message.id} class={`message from-${message.author}`}>
            <div class="message-meta">
              <strong>{authorLabels[message.author]}</strong>
              {message.author === 'specialist' && message.authorId && ` (${message.authorId})`} ·{' '}
              {clockTime(message.at)}
              {message.direction === 'outbound' && (
                <span class={`status status-${message.status}`}>
                  {' '}
                  · {statusLabels[message.status] ?? message.status}
                </span>
              )}
            </div>
            <div class="message-text">{message.text}</div>
            {message.error && <div class="message-error">{message.error}</div>}
          </li>
        ))}
      </ol>
      {props.readOnly ? (
        <p class="muted small">This handoff is in a Slack thread: reply there, and the reply shows up here.</p>
      ) : (
        <form
          class="reply"
          onSubmit={(event) => {
            event.preventDefault();
            const text = draft.trim();
            if (!text) return;
            setDraft('');
            void props.onSend(text, newId('reply'));
          }}
        >
          <textarea
            aria-label="Reply to the traveler"
            placeholder="Reply to the traveler as a specialist (claims the conversation)"
            rows={2}
            value={draft}
            maxLength={4000}
            onInput={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <button type="submit" class="primary" disabled={!draft.trim()}>
            Send to traveler
          </button>
        </form>
      )}
    </section>
  );
}
