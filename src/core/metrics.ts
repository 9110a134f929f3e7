import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { HandoffTrigger } from '../insights/metrics/classify-handoff-trigger';
import type { ResponderDecision } from './responder';

export type MessageDirection = 'inbound' | 'outbound';
/** What the AI decided about a traveler message it was asked about. */
export type AiOutcome = ResponderDecision['kind'];
/** The external APIs Baton calls. */
export type ExternalService = 'slack' | 'twilio' | 'openai' | 'webhook';

/**
 * Live figures for Prometheus, recorded where things happen. The names are the contract with
 * dashboards (docs/grafana-dashboard.json); docs/insights.md lists them. Reports over stored
 * history are src/insights; these are counters since the process started.
 *
 * Modules take a recorder through their deps (`metrics?: MetricsRecorder`) and record only
 * after their transaction committed, so a retried job never counts twice what it undid.
 */
export interface MetricsRecorder {
  /** A traveler's message stored (inbound), or a message handed to a provider (outbound). */
  recordMessage(direction: MessageDirection, channel: string): void;
  /** A handoff opened, by trigger (classify-handoff-trigger.ts's names). */
  recordHandoff(trigger: HandoffTrigger): void;
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

/** Seconds since `started` (from `process.hrtime.bigint()`). */
export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function createMetrics(queues: Queue[] = []): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'baton_process_' });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ name, help, labelNames, buckets, registers });

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
  const externalApiSeconds = histogram(
    'baton_external_api_request_duration_seconds',
    'Latency of calls to Slack, Twilio, the LLM and booking webhooks',
    ['service', 'method', 'outcome'],
    [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  );
  const externalApiErrors = counter(
    'baton_external_api_errors_total',
    'Failed calls to Slack, Twilio, the LLM and booking webhooks, by error code',
    ['service', 'method', 'code'],
  );
  const metrics = {
    registry,
    messagesAccepted: counter(
      'baton_messages_accepted_total',
      'Inbound traveler messages accepted by the web process',
      ['channel', 'duplicate'],
    ),
    httpRequestSeconds: histogram(
      'baton_http_request_duration_seconds',
      'HTTP request latency',
      ['route', 'status'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    ),
    messages: counter(
      'baton_messages_total',
      'Messages stored: inbound from travelers, outbound handed to a provider',
      ['direction', 'channel'],
    ),
    handoffsOpened: counter('baton_handoffs_opened_total', 'Handoffs to a specialist opened, by trigger', ['trigger']),
    deliveryFailures: counter(
      'baton_delivery_failures_total',
      'Messages to travelers that failed or were not delivered, by provider error code',
      ['channel', 'code'],
    ),
    aiAnswers: counter(
      'baton_ai_answers_total',
      'Traveler messages the AI was asked about, by outcome (reply, unsure, handoff, start_action, silent)',
      ['outcome'],
    ),
    externalApiSeconds,
    externalApiErrors,
  };

  const recordApiCall: MetricsRecorder['recordApiCall'] = (service, method, seconds, error) => {
    const failed = error !== undefined && error !== null;
    externalApiSeconds.observe({ service, method: label(method), outcome: failed ? 'error' : 'ok' }, seconds);
    if (failed) externalApiErrors.inc({ service, method: label(method), code: label(error, 'error') });
  };
  return {
    ...metrics,
    recordMessage: (direction, channel) => metrics.messages.inc({ direction, channel: label(channel) }),
    recordHandoff: (trigger) => metrics.handoffsOpened.inc({ trigger: label(trigger, 'other') }),
    recordDeliveryFailure: (channel, code) =>
      metrics.deliveryFailures.inc({ channel: label(channel), code: label(code) }),
    recordAiAnswer: (outcome) => metrics.aiAnswers.inc({ outcome }),
    recordApiCall,
    async timeApiCall(service, method, call, errorCode = defaultErrorCode) {
      const started = process.hrtime.bigint();
      try {
        const result = await call();
        recordApiCall(service, method, secondsSince(started));
        return result;
      } catch (error) {
        recordApiCall(service, method, secondsSince(started), errorCode(error));
        throw error;
      }
    },
  };
}
