import type { Redis } from 'ioredis';
import type { InboundMessage } from '../channel-adapter';

/**
 * What the session owner shares through Redis so any Baton process (the web
 * process answering /readyz, a Slack handler showing the QR) can see it.
 */
export type WhatsappWebState =
  | 'off'
  | 'standby'
  | 'starting'
  | 'qr_required'
  | 'authenticated'
  | 'ready'
  | 'disconnected'
  | 'auth_failed';

export interface WhatsappWebStatus {
  state: WhatsappWebState;
  /** When the state was entered (ISO). */
  since: string;
  /** Whether this process holds the session lock. */
  owner: boolean;
  lastError?: string;
  /** WhatsApp Web's own connection state from `change_state` (CONNECTED, TIMEOUT, CONFLICT…). */
  waState?: string;
  reconnectAttempt: number;
}

export function whatsappWebKeys(keyPrefix: string) {
  const base = `${keyPrefix}:whatsapp-web`;
  return {
    lock: `${base}:session-lock`,
    qr: `${base}:qr`,
    status: `${base}:status`,
    failedInbound: `${base}:inbound-failed`,
  };
}

export interface StoredWhatsappWebQr {
  /** The raw QR payload; render it with any QR library (or qrcode-terminal). */
  qr: string;
  createdAt: string;
}

export async function storeWhatsappWebQr(redis: Redis, keyPrefix: string, qr: string, ttlSeconds: number) {
  const value: StoredWhatsappWebQr = { qr, createdAt: new Date().toISOString() };
  await redis.set(whatsappWebKeys(keyPrefix).qr, JSON.stringify(value), 'EX', ttlSeconds);
}

/** The QR to scan to link Baton's WhatsApp number, while one is waiting; null otherwise. */
export async function readWhatsappWebQr(redis: Redis, keyPrefix: string): Promise<StoredWhatsappWebQr | null> {
  const raw = await redis.get(whatsappWebKeys(keyPrefix).qr);
  return raw ? (JSON.parse(raw) as StoredWhatsappWebQr) : null;
}

export async function clearWhatsappWebQr(redis: Redis, keyPrefix: string): Promise<void> {
  await redis.del(whatsappWebKeys(keyPrefix).qr);
}

export async function publishWhatsappWebStatus(
  redis: Redis,
  keyPrefix: string,
  status: WhatsappWebStatus,
  lockToken: string,
): Promise<void> {
  await redis.set(whatsappWebKeys(keyPrefix).status, JSON.stringify({ ...status, lockToken }));
}

/**
 * The session owner's status, from any process; null when no process owns the
 * session (WhatsApp Web is down). A status left by a crashed owner is not
 * returned: it must come from the process that holds the lock now.
 */
export async function readWhatsappWebStatus(redis: Redis, keyPrefix: string): Promise<WhatsappWebStatus | null> {
  const keys = whatsappWebKeys(keyPrefix);
  const [raw, holder] = await redis.mget(keys.status, keys.lock);
  if (!raw || !holder) return null;
  const { lockToken, ...status } = JSON.parse(raw) as WhatsappWebStatus & { lockToken: string };
  return lockToken === holder ? status : null;
}

const FAILED_INBOUND_CAPACITY = 1_000;

/** Parks a message Baton could not accept after retries, so an operator can replay it. */
export async function parkFailedWhatsappWebInbound(redis: Redis, keyPrefix: string, message: InboundMessage) {
  const key = whatsappWebKeys(keyPrefix).failedInbound;
  await redis.multi().rpush(key, JSON.stringify(message)).ltrim(key, -FAILED_INBOUND_CAPACITY, -1).exec();
}

export async function readFailedWhatsappWebInbound(redis: Redis, keyPrefix: string): Promise<InboundMessage[]> {
  const items = await redis.lrange(whatsappWebKeys(keyPrefix).failedInbound, 0, -1);
  return items.map((item) => JSON.parse(item) as InboundMessage);
}
