import type {
  PlaygroundChange,
  PlaygroundConversation,
  PlaygroundInbox,
  PlaygroundPhone,
  PlaygroundSetup,
  PlaygroundStateCommand,
} from '../../src/playground/playground-api';

export type * from '../../src/playground/playground-api';

/** A refused request, with Baton's message (what went wrong and what to do). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, payload.error ?? 'error', payload.message ?? `HTTP ${response.status}`);
  }
  return payload as T;
}

const api = '/playground/api';
const conversation = (id: string) => `${api}/conversations/${encodeURIComponent(id)}`;

export const playgroundApi = {
  setup: () => request<PlaygroundSetup>('GET', `${api}/setup`),
  inbox: () => request<PlaygroundInbox>('GET', `${api}/inbox`),
  conversation: (id: string) => request<PlaygroundConversation>('GET', conversation(id)),
  phone: (address: string) => request<PlaygroundPhone>('GET', `${api}/phone?address=${encodeURIComponent(address)}`),
  changeState: (id: string, command: PlaygroundStateCommand) =>
    request<{ changed: boolean; state: string }>('POST', `${conversation(id)}/state`, { command }),
  setTags: (id: string, tags: string[]) =>
    request<{ added: string[]; removed: string[] }>('PUT', `${conversation(id)}/tags`, { tags }),
  startAction: (id: string, actionId: string) =>
    request<{ started: true; title: string }>('POST', `${conversation(id)}/actions`, { actionId }),
  reply: (id: string, text: string, clientId: string) =>
    request<{ sent: boolean; claimed: boolean }>('POST', `${conversation(id)}/replies`, { text, clientId }),
  /** Speaks as the traveler through the simulator channel, as any client of Baton would. */
  sendAsTraveler: (from: string, text: string, id: string) =>
    request<{ accepted: boolean }>('POST', '/simulator/messages', { from, text, id }),
};

/** Opens the event stream for what the page shows; `onChange` says which views to fetch again. */
export function watchChanges(
  watch: { conversationId?: string; phone?: string },
  onChange: (change: PlaygroundChange) => void,
): () => void {
  const query = new URLSearchParams();
  if (watch.conversationId) query.set('conversation', watch.conversationId);
  if (watch.phone) query.set('phone', watch.phone);
  const source = new EventSource(`${api}/events?${query}`);
  source.addEventListener('change', (event) => onChange(JSON.parse((event as MessageEvent<string>).data)));
  // After a dropped connection (server restart), everything may have changed meanwhile.
  source.addEventListener('open', () => onChange({ inbox: true, conversation: true, phone: true }));
  return () => source.close();
}
