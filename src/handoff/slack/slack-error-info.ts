/**
 * What a failed Slack Web API call means for whoever retries it (the Slack posting queue, a
 * handler): wait and retry (`rate_limited`, `transient`), stop and ask an operator (`auth`), or
 * give up on this one call (`permanent`).
 *
 * Errors are read by their string `code` (the WebClient's `ErrorCode` values), not by
 * `instanceof`, so errors from another copy of @slack/web-api and Bolt's wrappers
 * (`UnknownError.original`, `AuthorizationError.original`) classify the same way.
 */
export type SlackErrorInfo =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'auth'; code: SlackAuthErrorCode }
  | { kind: 'transient' }
  | { kind: 'permanent'; code: string };

/** Slack answers that no retry can fix: the token, the app's scopes or the channel need an operator. */
export const slackAuthErrorCodes = [
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
] as const;
export type SlackAuthErrorCode = (typeof slackAuthErrorCodes)[number];

/** Platform errors Slack documents as "try again later". */
const transientPlatformCodes = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);
const rateLimitedPlatformCodes = new Set(['ratelimited', 'rate_limited']);
/** Used only when Slack says "rate limited" without a usable Retry-After. */
const fallbackRetryAfterSeconds = 1;

const isAuthCode = (code: string): code is SlackAuthErrorCode =>
  (slackAuthErrorCodes as readonly string[]).includes(code);

type ErrorLike = {
  code?: unknown;
  name?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  headers?: Record<string, unknown>;
  data?: { error?: unknown; response_metadata?: { retryAfter?: unknown } };
  original?: unknown;
};

export function slackErrorInfo(error: unknown): SlackErrorInfo {
  if (typeof error !== 'object' || error === null) return { kind: 'permanent', code: 'unknown_error' };
  const e = error as ErrorLike;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return { kind: 'rate_limited', retryAfterSeconds: seconds(e.retryAfter) };
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_platform_error';
      if (isAuthCode(code)) return { kind: 'auth', code };
      if (rateLimitedPlatformCodes.has(code)) {
        return { kind: 'rate_limited', retryAfterSeconds: seconds(e.data?.response_metadata?.retryAfter) };
      }
      if (transientPlatformCodes.has(code)) return { kind: 'transient' };
      return { kind: 'permanent', code };
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      if (status === 429) return { kind: 'rate_limited', retryAfterSeconds: seconds(e.headers?.['retry-after']) };
      if (status >= 500 || status === 408) return { kind: 'transient' };
      return { kind: 'permanent', code: `http_${status}` };
    }
    // Network failures, refused connections and client timeouts.
    case 'slack_webapi_request_error':
      return { kind: 'transient' };
    // Bolt wraps what listeners throw; classify what was thrown.
    case 'slack_bolt_unknown_error':
    case 'slack_bolt_authorization_error':
      if (e.original !== undefined) return slackErrorInfo(e.original);
      break;
  }
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { kind: 'transient' };
  return { kind: 'permanent', code: typeof e.code === 'string' ? e.code : 'unknown_error' };
}

function seconds(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseInt(value, 10) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : fallbackRetryAfterSeconds;
}

/** The operator's next step for an `auth` error, for the log line that stops a queue. */
export function slackAuthRemedy(code: SlackAuthErrorCode): string {
  switch (code) {
    case 'invalid_auth':
    case 'not_authed':
    case 'token_revoked':
    case 'token_expired':
    case 'account_inactive':
      return 'Slack rejected SLACK_BOT_TOKEN: reinstall the Baton app to the workspace and set SLACK_BOT_TOKEN to its Bot User OAuth Token (xoxb-…), then restart.';
    case 'missing_scope':
      return 'the Baton app lacks a scope: update it from slack-app-manifest.yml, reinstall it to the workspace, then restart.';
    case 'channel_not_found':
    case 'not_in_channel':
      return 'the bot cannot post in the channel: check SLACK_HANDOFF_CHANNEL (a channel ID such as C0123ABCDEF) and run `/invite @Baton` in that channel.';
    case 'is_archived':
      return 'the channel is archived: unarchive it or point SLACK_HANDOFF_CHANNEL at another channel.';
  }
}
