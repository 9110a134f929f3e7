import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real local OpenAI API for tests: the official SDK (`baseURL: fake.url`, i.e.
 * OPENAI_BASE_URL) sends it the exact requests it would send api.openai.com, and tests
 * assert them. Never mock the SDK itself.
 *
 *   const fake = await startFakeOpenAiServer({ apiKey?, embeddingDimensions = 64, delayMs? })
 *   fake.url              "http://127.0.0.1:<port>/v1"
 *
 * POST /v1/chat/completions → a `chat.completion` object (model echoed, usage counted).
 *   Scripted answers, consumed in order (chat only unless `endpoint: 'embeddings'`):
 *     fake.queueChat('text' | { content } | { toolCall: { name, arguments? } }, …)
 *     fake.queueError({ status, body?, retryAfterSeconds?, retryAfterMs?, times?, endpoint? })
 *         → that status with OpenAI's error JSON { error: { message, type, param, code } }
 *     fake.queueHang({ times?, endpoint? })   never answers (the client times out)
 *   Nothing queued: a deterministic grounded answer read from Baton's answer prompt
 *   (src/ai/llm/build-answer-prompt.ts) — {"answer": <first sentence of source [1]>,
 *   "unsure": false, "sources": [1], "language": <the code the prompt asks for>}, or
 *   unsure when the prompt has no sources; a request without JSON mode (summaries) gets
 *   plain text echoing the start of the last user message.
 *
 * POST /v1/embeddings → deterministic vectors (`fakeEmbedding`: hashed bag of words,
 *   L2-normalised, `dimensions` from the request or 64), as base64 little-endian float32 when
 *   the request says `encoding_format: "base64"` (the SDK's default), else float arrays.
 *   `fake.embeddingEncoding = 'base64'` forces base64 whatever is asked (a sloppy server).
 *
 * Auth: with `apiKey`, a request without `Authorization: Bearer <apiKey>` gets 401
 *   invalid_api_key. Every request is recorded either way.
 *
 *   fake.requests                 [{ method, path, headers, body, status ('hung' when never answered) }]
 *   fake.chatRequests(), fake.embeddingRequests()
 *   fake.delayMs                  wait before every answer (default 0)
 *   fake.reset()                  forgets requests and scripts; await fake.close()
 */

export interface RecordedOpenAiRequest {
  method: string;
  path: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields of the JSON body.
  body: any;
  status: number | 'hung';
}

export type FakeChatAnswer = string | { content: string } | { toolCall: { name: string; arguments?: string } };
type Endpoint = 'chat' | 'embeddings';
type Script =
  | { kind: 'chat'; answer: FakeChatAnswer }
  | { kind: 'error'; status: number; body?: unknown; headers: Record<string, string> }
  | { kind: 'hang' };

export interface FakeOpenAiServer {
  readonly url: string;
  readonly requests: RecordedOpenAiRequest[];
  delayMs: number;
  embeddingEncoding: 'as-requested' | 'base64';
  /** What GET /v1/models lists. */
  models: string[];
  chatRequests(): RecordedOpenAiRequest[];
  embeddingRequests(): RecordedOpenAiRequest[];
  queueChat(...answers: FakeChatAnswer[]): void;
  queueError(error: {
    status: number;
    body?: unknown;
    retryAfterSeconds?: number;
    retryAfterMs?: number;
    times?: number;
    endpoint?: Endpoint;
  }): void;
  queueHang(options?: { times?: number; endpoint?: Endpoint }): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeOpenAiServer(
  options: { apiKey?: string; embeddingDimensions?: number; delayMs?: number } = {},
): Promise<FakeOpenAiServer> {
  const scripts: Record<Endpoint, Script[]> = { chat: [], embeddings: [] };
  const hung = new Set<ServerResponse>();
  let ids = 0;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeOpenAiServer = {
    url: `http://127.0.0.1:${port}/v1`,
    requests: [],
    delayMs: options.delayMs ?? 0,
    embeddingEncoding: 'as-requested',
    models: ['gpt-4o-mini', 'text-embedding-3-small'],
    chatRequests: () => fake.requests.filter((r) => r.path === '/v1/chat/completions'),
    embeddingRequests: () => fake.requests.filter((r) => r.path === '/v1/embeddings'),
    queueChat: (...answers) => {
      for (const answer of answers) scripts.chat.push({ kind: 'chat', answer });
    },
    queueError: (error) => {
      const headers: Record<string, string> = {};
      if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
      if (error.retryAfterMs !== undefined) headers['retry-after-ms'] = String(error.retryAfterMs);
      for (let i = 0; i < (error.times ?? 1); i++) {
        scripts[error.endpoint ?? 'chat'].push({ kind: 'error', status: error.status, body: error.body, headers });
      }
    },
    queueHang: ({ times = 1, endpoint = 'chat' } = {}) => {
      for (let i = 0; i < times; i++) scripts[endpoint].push({ kind: 'hang' });
    },
    reset: () => {
      fake.requests.length = 0;
      scripts.chat = [];
      scripts.embeddings = [];
    },
    close: async () => {
      for (const res of hung) res.destroy();
      hung.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const record: RecordedOpenAiRequest = { method: req.method ?? 'GET', path, headers, body: tryJson(raw), status: 0 };
    fake.requests.push(record);
    const send = (status: number, json: unknown, extra: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${++ids}`, ...extra });
      res.end(JSON.stringify(json));
    };
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));

    if (req.method === 'GET' && path === '/v1/models') {
      if (options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`) {
        return send(401, errorJson('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
      }
      return send(200, {
        object: 'list',
        data: fake.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })),
      });
    }
    const endpoint: Endpoint | undefined =
      req.method === 'POST' && path === '/v1/chat/completions'
        ? 'chat'
        : req.method === 'POST' && path === '/v1/embeddings'
          ? 'embeddings'
          : undefined;
    if (!endpoint)
      return send(
        404,
        errorJson(`Unknown request URL: ${req.method} ${path}.`, 'invalid_request_error', 'unknown_url'),
      );
    if (options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`) {
      return send(401, errorJson('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
    }
    if (typeof record.body !== 'object' || record.body === null) {
      return send(400, errorJson('We could not parse the JSON body of your request.', 'invalid_request_error', null));
    }
    const script = scripts[endpoint].shift();
    if (script?.kind === 'hang') {
      record.status = 'hung';
      hung.add(res);
      return;
    }
    if (script?.kind === 'error') {
      return send(script.status, script.body ?? defaultErrorBody(script.status), script.headers);
    }
    if (endpoint === 'embeddings')
      return send(200, embeddingsJson(record.body, options.embeddingDimensions ?? 64, fake.embeddingEncoding));
    const answer = script?.kind === 'chat' ? script.answer : defaultChatAnswer(record.body);
    return send(200, chatCompletionJson(record.body, answer, ++ids));
  };

  server.on('request', (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  return fake;
}

// ── chat ─────────────────────────────────────────────────────────────────────

// biome-ignore lint/suspicious/noExplicitAny: request bodies are whatever the client sent.
type Body = any;

function chatCompletionJson(body: Body, answer: FakeChatAnswer, id: number) {
  const content = typeof answer === 'string' ? answer : 'content' in answer ? answer.content : null;
  const toolCall = typeof answer === 'object' && 'toolCall' in answer ? answer.toolCall : undefined;
  const promptText = JSON.stringify(body.messages ?? '');
  const promptTokens = Math.ceil(promptText.length / 4);
  const completionTokens = Math.ceil((content ?? JSON.stringify(toolCall)).length / 4);
  return {
    id: `chatcmpl-fake${id}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          refusal: null,
          ...(toolCall && {
            tool_calls: [
              {
                id: `call_fake${id}`,
                type: 'function',
                function: { name: toolCall.name, arguments: toolCall.arguments ?? '{}' },
              },
            ],
          }),
        },
        logprobs: null,
        finish_reason: toolCall ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

/** A grounded answer from the prompt's first numbered source, in the language the prompt asks for. */
function defaultChatAnswer(body: Body): string {
  const messages: Array<{ role: string; content: unknown }> = Array.isArray(body.messages) ? body.messages : [];
  const textOf = (role: string) =>
    messages
      .filter((message) => message.role === role)
      .map((message) => (typeof message.content === 'string' ? message.content : JSON.stringify(message.content)))
      .join('\n');
  const system = textOf('system');
  const user = textOf('user');
  if (body.response_format?.type !== 'json_object') {
    const last =
      user
        .split('\n')
        .filter((line) => line.trim() !== '')
        .at(-1) ?? '';
    return `Summary: ${last.slice(0, 200)}`;
  }
  const language = /\(language code "([^"]+)"\)/.exec(system)?.[1] ?? 'en';
  const first = /(?:^|\n)\[1\] [^\n]*\n([^\n]+)/.exec(user)?.[1];
  if (!first) return JSON.stringify({ answer: null, unsure: true, sources: [], language });
  const sentence = /^.*?[.!?](?=\s|$)/.exec(first.trim())?.[0] ?? first.trim();
  return JSON.stringify({ answer: sentence, unsure: false, sources: [1], language });
}

// ── embeddings ───────────────────────────────────────────────────────────────

function embeddingsJson(body: Body, defaultDimensions: number, forced: 'as-requested' | 'base64') {
  const inputs: unknown[] = Array.isArray(body.input) && typeof body.input[0] !== 'number' ? body.input : [body.input];
  const texts = inputs.map((input) => (typeof input === 'string' ? input : JSON.stringify(input)));
  const dimensions = typeof body.dimensions === 'number' ? body.dimensions : defaultDimensions;
  const base64 = forced === 'base64' || body.encoding_format === 'base64';
  const tokens = texts.reduce((sum, text) => sum + words(text).length, 0);
  return {
    object: 'list',
    data: texts.map((text, index) => {
      const vector = fakeEmbedding(text, dimensions);
      return {
        object: 'embedding',
        index,
        embedding: base64
          ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
          : Array.from(vector),
      };
    }),
    model: body.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * The fake's embedding of a text: each word hashed (FNV-1a) to a dimension and a sign, counts
 * summed, L2-normalised — texts sharing words point the same way. Exported so tests can
 * compute the expected vectors.
 */
export function fakeEmbedding(text: string, dimensions = 64): Float32Array {
  const vector = new Float32Array(dimensions);
  for (const word of words(text)) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193) >>> 0;
    vector[hash % dimensions] = (vector[hash % dimensions] ?? 0) + (hash & 0x80000000 ? -1 : 1);
  }
  const norm = Math.hypot(...vector);
  if (norm > 0) for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] ?? 0) / norm;
  return vector;
}

// ── errors ───────────────────────────────────────────────────────────────────

function errorJson(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

function defaultErrorBody(status: number) {
  if (status === 429) return errorJson('Rate limit reached for requests.', 'requests', 'rate_limit_exceeded');
  if (status >= 500) return errorJson('The server had an error while processing your request.', 'server_error', null);
  return errorJson(`Scripted error ${status}.`, 'invalid_request_error', null);
}

function tryJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
