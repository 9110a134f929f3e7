import { useEffect, useRef, useState } from 'preact/hooks';
import { type PlaygroundPhone, playgroundApi } from './api';
import { clockTime, newId } from './format';

export type PhoneStyle = 'sms' | 'whatsapp';

interface Pending {
  clientId: string;
  text: string;
}

const suggestions = [
  'What happens if my flight is delayed?',
  'I want to speak to someone about my lost luggage',
  'I would like to change my booking',
];

/**
 * The traveler's phone. What it sends goes through the simulator channel
 * (`POST /simulator/messages`); what it shows is what Baton delivered to the simulated phone.
 */
export function Phone(props: {
  address: string;
  style: PhoneStyle;
  phone: PlaygroundPhone | null;
  onAddress(address: string): void;
  onNewTraveler(): void;
  onStyle(style: PhoneStyle): void;
  onSent(): void;
  onProblem(error: unknown): void;
}) {
  const { phone, style } = props;
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<Pending[]>([]);
  const [addressDraft, setAddressDraft] = useState(props.address);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => setAddressDraft(props.address), [props.address]);
  // A sent message stays "sending" until Baton has stored it.
  const stored = new Set(phone?.messages.map((message) => message.clientId));
  const waiting = pending.filter((item) => !stored.has(item.clientId));
  const count = (phone?.messages.length ?? 0) + waiting.length;
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [count]);

  const send = async (text: string) => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const clientId = newId('playground');
    setPending((items) => [...items, { clientId, text: trimmed }]);
    setDraft('');
    try {
      await playgroundApi.sendAsTraveler(props.address, trimmed, clientId);
      props.onSent();
    } catch (error) {
      setPending((items) => items.filter((item) => item.clientId !== clientId));
      props.onProblem(error);
    }
  };

  return (
    <div class="phone-area">
      <div class="phone-controls">
        <fieldset class="segmented">
          <legend class="visually-hidden">Phone style</legend>
          <button type="button" aria-pressed={style === 'sms'} onClick={() => props.onStyle('sms')}>
            SMS
          </button>
          <button type="button" aria-pressed={style === 'whatsapp'} onClick={() => props.onStyle('whatsapp')}>
            WhatsApp
          </button>
        </fieldset>
        <form
          class="traveler-form"
          onSubmit={(event) => {
            event.preventDefault();
            const next = addressDraft.trim();
            if (next && next !== props.address) props.onAddress(next);
          }}
        >
          <label>
            Traveler
            <input
              value={addressDraft}
              maxLength={64}
              onInput={(event) => setAddressDraft(event.currentTarget.value)}
              onBlur={(event) => {
                const next = event.currentTarget.value.trim();
                if (next && next !== props.address) props.onAddress(next);
              }}
            />
          </label>
          <button type="button" class="link" onClick={props.onNewTraveler}>
            New traveler
          </button>
        </form>
      </div>
      <div class={`phone ${style}`} data-testid="phone">
        <div class="phone-header">
          <span class="avatar" aria-hidden="true">
            B
          </span>
          <div>
            <div class="phone-title">Baton</div>
            <div class="phone-subtitle">{style === 'sms' ? 'Text message' : 'online'}</div>
          </div>
        </div>
        <div class="phone-messages" ref={list}>
          {phone?.messages.length === 0 && waiting.length === 0 && (
            <p class="phone-hint">Say hello, or try one of the messages below.</p>
          )}
          {phone?.messages.map((message) => (
            <div key={message.id} class={`bubble ${message.from === 'traveler' ? 'mine' : 'theirs'}`}>
              <span class="bubble-text">{message.text}</span>
              <span class="bubble-time">
                {clockTime(message.at)}
                {style === 'whatsapp' && message.from === 'traveler' && ' ✓✓'}
              </span>
            </div>
          ))}
          {waiting.map((item) => (
            <div key={item.clientId} class="bubble mine sending">
              <span class="bubble-text">{item.text}</span>
              <span class="bubble-time">sending…</span>
            </div>
          ))}
        </div>
        <form
          class="phone-composer"
          onSubmit={(event) => {
            event.preventDefault();
            void send(draft);
          }}
        >
          <input
            aria-label="Message as the traveler"
            placeholder={style === 'sms' ? 'Text message' : 'Message'}
            value={draft}
            maxLength={2000}
            onInput={(event) => setDraft(event.currentTarget.value)}
          />
          <button type="submit" aria-label="Send as the traveler" disabled={!draft.trim()}>
            ➤
          </button>
        </form>
      </div>
      <div class="suggestions">
        <span class="muted small">Try:</span>
        {suggestions.map((text) => (
          <button key={text} type="button" class="chip" onClick={() => void send(text)}>
            {text}
          </button>
        ))}
      </div>
    </div>
  );
}
