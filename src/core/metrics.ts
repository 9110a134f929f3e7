import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type MessageDirection = 'inbound' | 'outbound';
/** What became of a traveler message the AI was asked about. */
export type AiOutcome = 'reply' | 'unsure' | 'handoff' | 'start_action';
/** The external APIs Baton calls. */
export type ExternalService = 'slack' | 'twilio' | 'openai' | 'webhook';

/**
 * Live figures for Prometheus, recorded where things happen. The names are the contract with
 * dashboards (docs/grafana-dashboard.json); docs/insights.md lists them. Reports over stored
 * history are src/insights; these are counters since the process started.
 */
export interface MetricsRecorder {
  /** A message stored: a traveler's (inbound) or one handed to a provider (outbound). */
  recordMessage(direction: MessageDirection, channel: string): void;
  /** A handoff opened, by trigger (classify-handoff-trigger.ts's names). */
  recordHandoff(trigger: string): void;
  /** A message to a traveler that failed or was not delivered; `code` is the provider's error code. */
  recordDeliveryFailure(channel: string, code: string | null | undefined): void;
  recordAiAnswer(outcome: AiOutcome): void;
  /** One call to an external API: its latency, and its error code when it failed. */
  recordApiCall(service: ExternalService, method: string, seconds: number, error?: string | null): void;
  /** Times `call` and records it with `recordApiCall` (the error code read by `errorCode`). */
  timeApiCall<T>(
    service: ExternalService,
    method: string,
    call: () => Promise<T>,
    errorCode?: (error: unknown) => string,
  ): Promise<T>;
}

/** One registry per process (not prom-client's global one), so tests and embedded runs never collide. */
export interface Metrics extends MetricsRecorder {
  registry: Registry;
  messagesAccepted: Counter<'channel' | 'duplicate'>;
  httpRequestSeconds: Histogram<'route' | 'status'>;
  messages: Counter<'direction' | 'channel'>;
  handoffsOpened: Counter<'trigger'>;
  deliveryFailures: Counter<'channel' | 'code'>;
  aiAnswers: Counter<'outcome'>;
  externalApiSeconds: Histogram<'service' | 'method' | 'outcome'>;
  externalApiErrors: Counter<'service' | 'method' | 'code'>;
}

/** Records nothing: for code run without a process's metrics (tests, CLI commands). */
export const noMetrics: MetricsRecorder = {
  recordMessage() {},
  recordHandoff() {},
  recordDeliveryFailure() {},
  recordAiAnswer() {},
  recordApiCall() {},
  timeApiCall: (_service, _method, call) => call(),
};

/** Label values come from providers: keep them short so a strange one cannot explode the series. */
const label = (value: string | null | undefined, fallback = 'unknown') =>
  value === null || value === undefined || value === '' ? fallback : value.slice(0, 64);

function defaultErrorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const data = (error as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') return data.error; // Slack's WebClient
    const code = (error as { code?: unknown; status?: unknown }).code ?? (error as { status?: unknown }).status;
    if (typeof code === 'string' || typeof code === 'number') return String(code); // Twilio, HTTP
  }
  return 'error';
}

export function createMetrics(queues: Queue[] = []): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'baton_process_' });
  const registers = [registry];
  const messagesAccepted = new Counter({
    name: 'baton_messages_accepted_total',
    help: 'Inbound traveler messages accepted by the web process',
    labelNames: ['channel', 'duplicate'] as const,
    registers,
  });
  const httpRequestSeconds = new Histogram({
    name: 'baton_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers,
  });
  new Gauge({
    name: 'baton_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
        for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
      }
    },
  });
  const messages = new Counter({
    name: 'baton_messages_total',
    help: 'Messages stored: inbound from travelers, outbound handed to a provider',
    labelNames: ['direction', 'channel'] as const,
    registers,
  });
  const handoffsOpened = new Counter({
    name: 'baton_handoffs_opened_total',
    help: 'Handoffs to a specialist opened, by trigger',
    labelNames: ['trigger'] as const,
    registers,
  });
  const deliveryFailures = new Counter({
    name: 'baton_delivery_failures_total',
    help: 'Messages to travelers that failed or were not delivered, by provider error code',
    labelNames: ['channel', 'code'] as const,
    registers,
  });
  const aiAnswers = new Counter({
    name: 'baton_ai_answers_total',
    help: 'Traveler messages the AI was asked about, by outcome (reply, unsure, handoff, start_action)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const externalApiSeconds = new Histogram({
    name: 'baton_external_api_request_duration_seconds',
    help: 'Latency of calls to Slack, Twilio, the LLM and booking webhooks',
    labelNames: ['service', 'method', 'outcome'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const externalApiErrors = new Counter({
    name: 'baton_external_api_errors_total',
    help: 'Failed calls to Slack, Twilio, the LLM and booking webhooks, by error code',
    labelNames: ['service', 'method', 'code'] as const,
    registers,
  });

  const recordApiCall: MetricsRecorder['recordApiCall'] = (service, method, seconds, error) => {
    const failed = error !== undefined && error !== null;
    externalApiSeconds.observe({ service, method: label(method), outcome: failed ? 'error' : 'ok' }, seconds);
    if (failed) externalApiErrors.inc({ service, method: label(method), code: label(error, 'error') });
  };
  return {
    registry,
    messagesAccepted,
    httpRequestSeconds,
    messages,
    handoffsOpened,
    deliveryFailures,
    aiAnswers,
    externalApiSeconds,
    externalApiErrors,
    recordMessage: (direction, channel) => messages.inc({ direction, channel: label(channel) }),
    recordHandoff: (trigger) => handoffsOpened.inc({ trigger: label(trigger, 'other') }),
    recordDeliveryFailure: (channel, code) => deliveryFailures.inc({ channel: label(channel), code: label(code) }),
    recordAiAnswer: (outcome) => aiAnswers.inc({ outcome }),
    recordApiCall,
    async timeApiCall(service, method, call, errorCode = defaultErrorCode) {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const result = await call();
        recordApiCall(service, method, seconds());
        return result;
      } catch (error) {
        recordApiCall(service, method, seconds(), errorCode(error));
        throw error;
      }
    },
  };
}
