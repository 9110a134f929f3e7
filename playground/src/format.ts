import type { PlaygroundAuthor, PlaygroundState } from './api';

export const stateLabels: Record<PlaygroundState, string> = {
  pending: 'Waiting for a specialist',
  human: 'With a specialist',
  bot: 'With the AI',
  resolved: 'Resolved',
};

export const authorLabels: Record<PlaygroundAuthor, string> = {
  traveler: 'Traveler',
  ai: 'AI',
  specialist: 'Specialist',
  system: 'Baton',
};

const channelLabels: Record<string, string> = {
  simulator: 'Simulator',
  twilio_sms: 'SMS',
  twilio_whatsapp: 'WhatsApp',
  whatsapp_web: 'WhatsApp (linked device)',
};

export function channelLabel(channel: string): string {
  return channelLabels[channel] ?? channel;
}

export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Random enough to tell messages apart; `crypto.randomUUID` exists only on https or localhost. */
export function newId(prefix: string): string {
  const random =
    typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  return `${prefix}-${random}`;
}
