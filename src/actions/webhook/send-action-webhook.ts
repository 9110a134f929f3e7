import type { ChannelKind } from '../../channels/channel-adapter';
import type { TActionWebhook } from '../../config/baton-config.schema';
import { redactUrl } from '../../core/redact-url';
import type { FieldValue } from '../fields/field-parse';
import { signBatonPayload } from './baton-signature';

export { signBatonPayload, type VerifyBatonSignatureInput, verifyBatonSignature } from './baton-signature';

/**
 * The JSON body Baton POSTs to an action's webhook when a traveler completes it
 * (docs/actions-webhook.md). `fields` has every field of the action by name: strings for text,
 * pattern, email, phone (E.164), choice and date (YYYY-MM-DD); numbers for number;
 * { from, to } for dateRange; null for a skipped optional field.
 */
export interface ActionWebhookPayload {
  event: 'action.completed';
  actionId: string;
  /** Baton's conversation id: the same on every retry, so receivers can drop duplicates. */
  conversationId: string;
  channel: ChannelKind;
  /** ISO timestamp of the traveler's confirmation. */
  completedAt: string;
  fields: Record<string, FieldValue | null>;
}

/**
 * `stored`: the response's top-level keys listed in storeResponseFields (absent ones left out;
 * {} when the body is not a JSON object). `retryable`: 5xx, 429, timeouts and connection errors,
 * which the caller retries through its queue; other answers will not get better by retrying.
 */
export type WebhookOutcome =
  | { ok: true; status: number; stored: Record<string, unknown> }
  | { ok: false; retryable: boolean; status?: number; error: string };

export interface SendActionWebhookOptions {
  /** The signing secret (from the variable named by webhook.secretEnv); unsigned without it. */
  secret?: string;
  now?: () => Date;
  fetchImpl?: typeof fetch;
}

const bodySnippetLength = 200;

/** Sends one attempt. Never throws: every failure is an outcome, and no message contains the secret. */
export async function sendActionWebhook(
  webhook: TActionWebhook,
  payload: ActionWebhookPayload,
  options: SendActionWebhookOptions = {},
): Promise<WebhookOutcome> {
  const { secret, now = () => new Date(), fetchImpl = fetch } = options;
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(now().getTime() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'Baton',
    'X-Baton-Timestamp': String(timestamp),
  };
  if (secret) headers['X-Baton-Signature'] = signBatonPayload(secret, timestamp, body);
  // fetch refuses URLs with credentials: send them as Basic auth, as a browser would.
  const target = new URL(webhook.url);
  if (target.username || target.password) {
    const user = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
    headers.Authorization = `Basic ${Buffer.from(user).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  const where = redactUrl(webhook.url);
  const hide = (text: string) => (secret ? text.split(secret).join('[secret]') : text);

  let status: number | undefined;
  try {
    const response = await fetchImpl(target, {
      method: 'POST',
      headers,
      body,
      // A redirected POST would arrive as a GET elsewhere: report it instead of following it.
      redirect: 'manual',
      signal: AbortSignal.timeout(webhook.timeoutMs),
    });
    status = response.status;
    const text = await response.text();
    if (status >= 200 && status < 300) {
      return { ok: true, status, stored: pickStored(text, webhook.storeResponseFields) };
    }
    const retryable = status >= 500 || status === 429 || status === 408;
    const snippet = text.trim().slice(0, bodySnippetLength);
    const fix =
      status >= 300 && status < 400
        ? ' Fix: set the webhook url to the final address (redirects are not followed).'
        : status === 401 || status === 403
          ? ' Fix: check that the receiver verifies with the same secret as the webhook secretEnv.'
          : '';
    return {
      ok: false,
      retryable,
      status,
      error: hide(`webhook ${where} answered ${status}${snippet ? `: ${snippet}` : ''}.${fix}`),
    };
  } catch (error) {
    return {
      ok: false,
      retryable: true,
      ...(status !== undefined && { status }),
      error: hide(describe(error, webhook, where)),
    };
  }
}

/** Errors are read by shape, not instanceof: fetch's errors may come from another realm (as under jest). */
interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

function describe(error: unknown, webhook: TActionWebhook, where: string): string {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
  if (shape.name === 'TimeoutError' || shape.name === 'AbortError') {
    return `webhook ${where} did not answer within ${webhook.timeoutMs} ms. Fix: make the receiver answer faster (queue its work) or raise timeoutMs.`;
  }
  // fetch says "fetch failed"; the cause says why (ECONNREFUSED, ENOTFOUND, a TLS error…).
  const cause = (typeof shape.cause === 'object' && shape.cause !== null ? shape.cause : shape) as ErrorShape;
  const detail = [cause.code, cause.message, shape.message, String(error)].find(
    (text): text is string => typeof text === 'string' && text !== '',
  );
  return `webhook ${where} could not be reached (${detail}). Fix: check the url and that the receiver is up.`;
}

function pickStored(text: string, keys: readonly string[]): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  const source = parsed as Record<string, unknown>;
  return Object.fromEntries(keys.filter((key) => Object.hasOwn(source, key)).map((key) => [key, source[key]]));
}
