import { BatonError } from '../../core/errors';

/** Larger than anything Twilio relays (5 MB outbound, 16 MB WhatsApp video), small enough to hold in memory. */
export const twilioMediaMaxBytes = 20 * 1024 * 1024;
const defaultTimeoutMs = 30_000;
const maxRedirects = 5;

export interface FetchTwilioMediaOptions {
  accountSid: string;
  authToken: string;
  /** For the whole download, redirects included. */
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * TWILIO_API_URL. Credentials go only to https Twilio hosts and to this origin (a proxy or
   * the test server), never to where a redirect points (Twilio redirects to pre-signed CDN URLs).
   */
  apiUrl?: string;
}

export interface TwilioMedia {
  data: Buffer;
  contentType: string;
}

function mayReceiveCredentials(url: URL, apiUrl: string | undefined): boolean {
  const twilioHost = url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com');
  return (twilioHost && url.protocol === 'https:') || (apiUrl !== undefined && url.origin === new URL(apiUrl).origin);
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const tooLarge = (size: string) =>
    new BatonError(
      'payload_invalid',
      `Twilio media ${url} is ${size}, over the ${maxBytes}-byte limit Baton downloads; the traveler should send a smaller file.`,
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(`${declared} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > maxBytes) throw tooLarge(`more than ${maxBytes} bytes`); // leaving the loop cancels the stream
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks, total);
}

async function fetchFollowingRedirects(url: string, options: FetchTwilioMediaOptions, signal: AbortSignal) {
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  let current = new URL(url);
  for (let hop = 0; hop <= maxRedirects; hop++) {
    if (current.protocol !== 'https:' && current.protocol !== 'http:') {
      throw new BatonError('payload_invalid', `Twilio media URL ${current.href} is not http(s).`);
    }
    const headers = mayReceiveCredentials(current, options.apiUrl) ? { authorization } : undefined;
    const response = await fetch(current, { headers, redirect: 'manual', signal });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    await response.body?.cancel();
    current = new URL(location, current);
  }
  throw new BatonError('payload_invalid', `Twilio media ${url} redirected more than ${maxRedirects} times.`);
}

/**
 * Downloads a media item of an inbound message (`MediaUrlN`) with the account's credentials
 * (Twilio can require HTTP basic auth on media), following redirects, refusing bodies over
 * `maxBytes`. Throws `dependency_unavailable` when retrying later may help (timeout, network,
 * 5xx, 429) and `payload_invalid` when it cannot (4xx, too large).
 */
export async function fetchTwilioMedia(url: string, options: FetchTwilioMediaOptions): Promise<TwilioMedia> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchFollowingRedirects(url, options, signal);
    if (!response.ok) {
      await response.body?.cancel();
      const retryable = response.status === 429 || response.status >= 500;
      const hint = response.status === 401 ? ': check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN' : '';
      throw new BatonError(
        retryable ? 'dependency_unavailable' : 'payload_invalid',
        `Twilio media ${url} answered HTTP ${response.status}${hint}.`,
      );
    }
    const data = await readCapped(response, options.maxBytes ?? twilioMediaMaxBytes, url);
    return { data, contentType: response.headers.get('content-type') ?? 'application/octet-stream' };
  } catch (error) {
    if (error instanceof BatonError) throw error;
    const reason = signal.aborted ? `did not arrive within ${timeoutMs} ms` : `could not be fetched (${String(error)})`;
    throw new BatonError('dependency_unavailable', `Twilio media ${url} ${reason}.`, { cause: error });
  }
}
