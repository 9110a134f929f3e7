import type OpenAI from 'openai';
import type { TAction } from '../../config/baton-config.schema';
import { type MetricsRecorder, noMetrics } from '../../core/metrics';
import type { ResponderInput } from '../../core/responder';
import { bestPassage, type KnowledgeAnswer } from '../answer/local-answerer';
import { trimText } from '../answer/trim-text';
import type { RetrievalResult } from '../retrieval/knowledge-index';
import { actionTools, chosenAction } from './action-tools';
import { matchConfiguredLanguage } from './answer-language';
import { type AssistantSettings, buildAnswerPrompt } from './build-answer-prompt';
import { describeLlmFailure } from './describe-llm-failure';
import { parseAnswerOutput, stripCitationMarkers } from './parse-answer-output';

export interface LlmAnswerRequest {
  client: OpenAI;
  model: string;
  question: string;
  history?: ResponderInput['history'];
  /** Retrieved chunks, best first; the first five become the numbered sources. */
  results: readonly RetrievalResult[];
  assistant: AssistantSettings;
  /** The conversation's language when known. */
  language?: string;
  /** Longest answer in characters (SMS/WhatsApp limit). */
  maxLength: number;
  /** Offered to the model as functions; calling one starts the action. */
  actions?: readonly Pick<TAction, 'id' | 'title' | 'description'>[];
  /** Per-request overrides of the client's timeout and retries. */
  timeoutMs?: number;
  maxRetries?: number;
  /** Not sent unless set: some models (reasoning ones) reject any value but their default. */
  temperature?: number;
  /** Times the chat completion call, its error by `describeLlmFailure`'s reason (absent: nothing recorded). */
  metrics?: MetricsRecorder;
}

export interface LlmAnswer extends KnowledgeAnswer {
  /** The language of the answer: one of the configured languages. */
  language: string;
  /** False when the model's reply could not be read; the answer then counts as unsure. */
  wellFormed: boolean;
  /** The configured action the model chose to start instead of answering. */
  actionId?: string;
}

const maxSources = 5;
const excerptLength = 200;

/**
 * Asks a chat model to answer from the retrieved chunks only, citing them by number, in the
 * traveler's language and within the length limit. Confident only when the model answered,
 * did not say it was unsure, and cited at least one source it was given. The citations stay
 * in `sources` (for the handoff card and `kb ask`), never in the traveler's text.
 * Throws the SDK's errors (timeout, connection, HTTP status after its retries).
 */
export async function answerWithLlm(request: LlmAnswerRequest): Promise<LlmAnswer> {
  const sources = request.results.slice(0, maxSources);
  const { assistant } = request;
  const askedLanguage = matchConfiguredLanguage(request.language, assistant.languages) ?? assistant.defaultLanguage;
  const actions = request.actions ?? [];
  const tools = actionTools(actions);
  const unsure = (wellFormed: boolean, language = askedLanguage): LlmAnswer => ({
    answer: null,
    confident: false,
    sources: describeSources(request.question, sources),
    language,
    wellFormed,
  });
  // Nothing to ground an answer on, and no action to offer: the model has nothing to add.
  if (sources.length === 0 && tools.length === 0) return unsure(true);

  const body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages: buildAnswerPrompt({
      question: request.question,
      history: request.history,
      sources,
      assistant,
      language: request.language,
      maxLength: request.maxLength,
      hasTools: tools.length > 0,
    }),
    response_format: { type: 'json_object' },
    ...(tools.length > 0 && { tools, tool_choice: 'auto' as const }),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
  };
  const perRequest = {
    ...(request.timeoutMs !== undefined && { timeout: request.timeoutMs }),
    ...(request.maxRetries !== undefined && { maxRetries: request.maxRetries }),
  };
  const completion = await (request.metrics ?? noMetrics).timeApiCall(
    'openai',
    'chat.completions',
    () => request.client.chat.completions.create(body, perRequest),
    (error) => describeLlmFailure(error).reason,
  );
  const message = completion.choices[0]?.message;
  if (!message) return unsure(false);

  const action = chosenAction(message, actions);
  if (action === 'unknown') return unsure(false);
  if (action) return { ...unsure(true), actionId: action.actionId };

  const output = parseAnswerOutput(message.content);
  if (!output) return unsure(false);
  const language = matchConfiguredLanguage(output.language, assistant.languages) ?? askedLanguage;
  const cited = [...new Set(output.sources)].filter((n) => n >= 1 && n <= sources.length);
  const text = output.answer === null ? '' : trimText(stripCitationMarkers(output.answer), request.maxLength);
  if (output.unsure || text === '' || cited.length === 0) return unsure(true, language);
  const citedResults = cited.map((n) => sources[n - 1]).filter((source) => source !== undefined);
  return {
    answer: text,
    confident: true,
    sources: describeSources(request.question, citedResults),
    language,
    wellFormed: true,
  };
}

/** One entry per document, in the given order, like the local answerer's. */
function describeSources(question: string, results: readonly RetrievalResult[]): KnowledgeAnswer['sources'] {
  const seen = new Set<string>();
  const sources: KnowledgeAnswer['sources'] = [];
  for (const result of results) {
    if (seen.has(result.documentPath)) continue;
    seen.add(result.documentPath);
    sources.push({
      document: result.documentPath,
      score: Math.round(result.score * 1000) / 1000,
      excerpt: trimText(bestPassage(question, result.text), excerptLength),
    });
  }
  return sources;
}
