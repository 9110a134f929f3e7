import type { PlaygroundInbox, PlaygroundState } from './api';
import { stateLabels } from './format';

const groups: PlaygroundState[] = ['pending', 'human', 'bot', 'resolved'];

/** The specialist's list of conversations, open handoffs first. */
export function Inbox(props: {
  inbox: PlaygroundInbox | null;
  selectedId: string | null;
  followingPhone: boolean;
  phoneConversationId?: string;
  onSelect(conversationId: string): void;
  onFollowPhone(): void;
}) {
  const conversations = props.inbox?.conversations ?? [];
  return (
    <div class="inbox">
      <div class="inbox-head">
        <h2>Inbox</h2>
        <button
          type="button"
          class="link"
          disabled={props.followingPhone}
          onClick={props.onFollowPhone}
          title="Show the conversation of the traveler on the phone"
        >
          {props.followingPhone ? 'Following the phone' : 'Follow the phone'}
        </button>
      </div>
      {conversations.length === 0 && <p class="muted small">Nothing yet.</p>}
      {groups.map((state) => {
        const items = conversations.filter((item) => item.state === state);
        if (items.length === 0) return null;
        return (
          <div key={state} class="inbox-group">
            <h3>
              {stateLabels[state]} <span class="count">{items.length}</span>
            </h3>
            <ul>
              {items.map((item) => (
                <li key={item.conversationId}>
                  <button
                    type="button"
                    class={`inbox-item ${item.conversationId === props.selectedId ? 'selected' : ''}`}
                    aria-current={item.conversationId === props.selectedId}
                    onClick={() => props.onSelect(item.conversationId)}
                  >
                    <span class="inbox-traveler">
                      {item.traveler}
                      {item.conversationId === props.phoneConversationId && <span class="tiny"> (phone)</span>}
                    </span>
                    {item.reason && <span class="inbox-reason">{item.reason}</span>}
                    {item.tags.length > 0 && <span class="inbox-tags">{item.tags.join(' · ')}</span>}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
