import { RequestClient } from 'twilio';
import type TwilioRequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { BatonError } from '../../core/errors';

/** Twilio's own default is 30 s; a queued send would rather fail fast and retry. */
export const defaultTwilioTimeoutMs = 15_000;

function isTwilioHost(hostname: string): boolean {
  return hostname === 'twilio.com' || hostname.endsWith('.twilio.com');
}

/**
 * Points a URI the SDK built for a Twilio host at `apiUrl` (TWILIO_API_URL), keeping path and
 * query; `apiUrl` may carry a path prefix (a proxy). When `apiUrl` is Twilio itself, URIs are
 * left alone: the SDK knows which Twilio host each API lives on.
 */
export function rewriteTwilioUri(uri: string, apiUrl: string): string {
  const target = new URL(apiUrl);
  const original = new URL(uri);
  if (isTwilioHost(target.hostname) || !isTwilioHost(original.hostname)) return uri;
  const prefix = target.pathname.replace(/\/+$/, '');
  return `${target.origin}${prefix}${original.pathname}${original.search}`;
}

/**
 * twilio-node's HTTP client, sending every request to TWILIO_API_URL (a proxy, or the fake
 * server in tests, which then receives the SDK's real requests) with a bounded timeout.
 * The SDK's own 429 auto-retry stays off: the delivery queue owns retries and backoff.
 */
export class TwilioHttpClient extends RequestClient {
  private readonly apiUrl: string;

  constructor(options: { apiUrl: string; timeoutMs?: number }) {
    // The SDK never passes a per-request timeout, so this default applies to every request.
    super({ timeout: options.timeoutMs ?? defaultTwilioTimeoutMs, autoRetry: false });
    if (!/^https?:\/\//i.test(options.apiUrl) || !URL.canParse(options.apiUrl)) {
      throw new BatonError(
        'config_invalid',
        `TWILIO_API_URL "${options.apiUrl}" is not an http(s) URL: set it to e.g. https://api.twilio.com.`,
      );
    }
    this.apiUrl = options.apiUrl;
  }

  override request<TData>(opts: TwilioRequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    return super.request({ ...opts, uri: rewriteTwilioUri(opts.uri, this.apiUrl) });
  }
}
