import OpenAI from 'openai';
import { KnowledgeResponder } from '../../../../src/ai/kb-responder';
import type { AssistantSettings } from '../../../../src/ai/llm/build-answer-prompt';
import { LlmResponder, type LlmResponderOptions } from '../../../../src/ai/llm-responder';
import { KnowledgeIndex } from '../../../../src/ai/retrieval/knowledge-index';
import type { ResponderInput } from '../../../../src/core/responder';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../../support/fake-openai-server';
import { fixtureChunks } from '../../../unit/ai/retrieval/fixture-chunks';

const index = new KnowledgeIndex([
  ...fixtureChunks,
  {
    id: 'fr-navette-1',
    documentPath: 'fr/navette.md',
    title: 'Navette',
    headingPath: "Navette de l'aéroport",
    text: "La navette de l'aéroport part toutes les 20 minutes, de 6 h à minuit. Le billet coûte 8 euros.",
  },
]);
const source = { get: async () => index };
const unsureText = "I'm not sure — let me check with a colleague.";
const assistant: AssistantSettings = {
  name: 'Marina',
  company: 'Azul Travel',
  defaultLanguage: 'en',
  languages: ['en', 'fr'],
  instructions: undefined,
};
const shuttle = 'How often does the shuttle bus leave the airport?';
const shuttleSentence =
  'The shuttle bus leaves the arrivals hall of Porto Azul airport every 20 minutes between 6am and midnight.';
const actions = [
  { id: 'booking_change', title: 'Change a booking', description: 'The traveler wants to change dates or travelers.' },
  { id: 'callback', title: 'Request a call back' },
];

function input(text: string, extra: Partial<ResponderInput> = {}): ResponderInput {
  return { conversationId: 'conv-1', channel: 'simulator', message: { id: 'm1', text }, ...extra };
}

describe('LlmResponder through a fake OpenAI server', () => {
  let fake: FakeOpenAiServer;
  let warnings: Array<{ details: Record<string, unknown>; message: string }>;
  const local = new KnowledgeResponder({ index: source, unsureText });

  function responder(overrides: Partial<LlmResponderOptions> = {}): LlmResponder {
    return new LlmResponder({
      client: new OpenAI({ apiKey: 'sk-test', baseURL: fake.url, timeout: 2000, maxRetries: 2 }),
      model: 'gpt-test',
      index: source,
      fallback: local,
      unsureText,
      assistant,
      logger: { warn: (details, message) => warnings.push({ details: details as Record<string, unknown>, message }) },
      ...overrides,
    });
  }

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
  });
  beforeEach(() => {
    warnings = [];
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  describe('answering', () => {
    it('replies with the grounded answer and keeps its cited source', async () => {
      const llm = responder();
      await expect(llm.respond(input(shuttle))).resolves.toEqual({ kind: 'reply', text: shuttleSentence });
      const answer = await llm.answer(input(shuttle));
      expect(answer).toMatchObject({ answer: shuttleSentence, confident: true, language: 'en' });
      expect(answer.sources).toEqual([
        { document: 'transfers.md', score: expect.any(Number), excerpt: expect.stringContaining('every 20 minutes') },
      ]);
      expect(warnings).toEqual([]);
    });

    it('sends the model, JSON mode and the numbered sources, and no tools when no action is configured', async () => {
      await responder().respond(input(shuttle));
      const [request] = fake.chatRequests();
      expect(request?.body.model).toBe('gpt-test');
      expect(request?.body.response_format).toEqual({ type: 'json_object' });
      expect(request?.body).not.toHaveProperty('tools');
      expect(request?.body).not.toHaveProperty('temperature');
      const [system, user] = request?.body.messages ?? [];
      expect(system.role).toBe('system');
      expect(system.content).toContain('You are Marina, the travel assistant of Azul Travel');
      expect(user.content).toContain(`[1] transfers.md › Airport transfers > Shuttle bus\n${fixtureChunks[0]?.text}`);
      expect(user.content).toMatch(/\n\n\[2\] /);
      expect(user.content).not.toMatch(/\[6\] /);
      expect(user.content.endsWith(`Traveler's question:\n${shuttle}`)).toBe(true);
      expect(request?.headers.authorization).toBe('Bearer sk-test');
    });

    it('includes the recent history in the prompt', async () => {
      const history = [
        { author: 'traveler' as const, text: 'We land at 11pm on Friday.' },
        { author: 'ai' as const, text: 'Noted, anything else?' },
      ];
      await responder().respond(input(shuttle, { history }));
      expect(fake.chatRequests()[0]?.body.messages[1].content).toMatch(
        /^Conversation so far \(oldest first\):\nTraveler: We land at 11pm on Friday\.\nAssistant: Noted, anything else\?\n\nSources:/,
      );
    });

    it('is unsure when the model says so, with the unsure text', async () => {
      fake.queueChat(JSON.stringify({ answer: null, unsure: true, sources: [], language: 'en' }));
      await expect(responder().respond(input(shuttle))).resolves.toEqual({ kind: 'unsure', text: unsureText });
      expect(warnings).toEqual([]);
    });

    it('is unsure when the answer cites no source it was given', async () => {
      fake.queueChat(JSON.stringify({ answer: 'Every hour.', unsure: false, sources: [9], language: 'en' }));
      const answer = await responder().answer(input(shuttle));
      expect(answer).toMatchObject({ answer: null, confident: false });
      // Unsure answers list what retrieval found, for the specialist.
      expect(answer.sources.length).toBeGreaterThan(1);
    });

    it('replies in French to a French question, without source markers', async () => {
      fake.queueChat(
        '```json\n{"answer": "La navette part toutes les 20 minutes [1].", "unsure": false, "sources": [1], "language": "fr"}\n```',
      );
      const llm = responder();
      const question = "Quand part la navette de l'aéroport ?";
      await expect(llm.respond(input(question))).resolves.toEqual({
        kind: 'reply',
        text: 'La navette part toutes les 20 minutes.',
      });
      const system: string = fake.chatRequests()[0]?.body.messages[0].content;
      expect(system).toContain(
        'Answer in the language of the traveler\'s question when it is one of English (en), French (fr); otherwise in English (language code "en").',
      );
      fake.queueChat('{"answer": "La navette part toutes les 20 minutes.", "sources": [1], "language": "fr"}');
      await expect(llm.answer(input(question))).resolves.toMatchObject({ language: 'fr', confident: true });
    });

    it('asks for the conversation language when it is known', async () => {
      const answer = await responder().answer(input("Quand part la navette de l'aéroport ?", { language: 'fr' }));
      expect(fake.chatRequests()[0]?.body.messages[0].content).toContain('Answer in French (language code "fr").');
      expect(answer).toMatchObject({
        confident: true,
        language: 'fr',
        sources: [expect.objectContaining({ document: 'fr/navette.md' })],
      });
    });

    it('keeps the reply within the channel limit, on a sentence boundary', async () => {
      fake.queueChat(
        JSON.stringify({
          answer: 'The shuttle leaves every 20 minutes. It stops at the central station and the seafront hotels.',
          unsure: false,
          sources: [1],
        }),
      );
      const llm = responder({ limits: { simulator: 4096, twilio_sms: 60, twilio_whatsapp: 4096, whatsapp_web: 4096 } });
      await expect(llm.respond(input(shuttle, { channel: 'twilio_sms' }))).resolves.toEqual({
        kind: 'reply',
        text: 'The shuttle leaves every 20 minutes.',
      });
      expect(fake.chatRequests()[0]?.body.messages[0].content).toContain('at most 60 characters');
    });

    it('does not call the model when nothing was retrieved and no action is offered', async () => {
      await expect(responder().respond(input('zzzz qqqq'))).resolves.toEqual({ kind: 'unsure', text: unsureText });
      expect(fake.chatRequests()).toHaveLength(0);
    });
  });

  describe('actions', () => {
    it('lists each action as a function and starts the one the model calls', async () => {
      fake.queueChat({ toolCall: { name: 'booking_change' } });
      const decision = await responder({ actions }).respond(input('I need to change the dates of my trip'));
      expect(decision).toEqual({ kind: 'start_action', actionId: 'booking_change' });
      const body = fake.chatRequests()[0]?.body;
      expect(body.tool_choice).toBe('auto');
      expect(body.tools).toEqual([
        {
          type: 'function',
          function: {
            name: 'booking_change',
            description: 'The traveler wants to change dates or travelers.',
            parameters: { type: 'object', properties: {}, additionalProperties: false },
          },
        },
        {
          type: 'function',
          function: {
            name: 'callback',
            description: 'Request a call back',
            parameters: { type: 'object', properties: {}, additionalProperties: false },
          },
        },
      ]);
    });

    it('still asks the model when nothing was retrieved, since it may pick an action', async () => {
      fake.queueChat({ toolCall: { name: 'callback' } });
      await expect(responder({ actions }).respond(input('zzzz qqqq'))).resolves.toEqual({
        kind: 'start_action',
        actionId: 'callback',
      });
      expect(fake.chatRequests()[0]?.body.messages[1].content).toContain('Sources:\n(none found)');
    });

    it('falls back when the model calls a function that was not offered', async () => {
      fake.queueChat({ toolCall: { name: 'delete_everything' } });
      await expect(responder({ actions }).respond(input(shuttle))).resolves.toEqual(
        await local.respond(input(shuttle)),
      );
      expect(warnings[0]?.details.reason).toBe('unreadable_output');
    });
  });

  describe('failures', () => {
    it('retries a 500 and answers with the model', async () => {
      fake.queueError({ status: 500, retryAfterMs: 0 });
      await expect(responder().respond(input(shuttle))).resolves.toEqual({ kind: 'reply', text: shuttleSentence });
      expect(fake.chatRequests().map((request) => request.status)).toEqual([500, 200]);
      expect(warnings).toEqual([]);
    });

    it('honours retry-after on a 429', async () => {
      fake.queueError({ status: 429, retryAfterSeconds: 0.05 });
      const started = Date.now();
      await expect(responder().respond(input(shuttle))).resolves.toEqual({ kind: 'reply', text: shuttleSentence });
      expect(Date.now() - started).toBeGreaterThanOrEqual(45);
      expect(fake.chatRequests().map((request) => request.status)).toEqual([429, 200]);
    });

    it('gives up after the bounded retries and lets the local answerer decide', async () => {
      fake.queueError({ status: 503, retryAfterMs: 0, times: 3 });
      const decision = await responder().respond(input(shuttle, { conversationId: 'conv-503' }));
      expect(decision).toEqual(await local.respond(input(shuttle)));
      expect(fake.chatRequests()).toHaveLength(3);
      expect(warnings).toEqual([
        {
          details: {
            conversationId: 'conv-503',
            model: 'gpt-test',
            reason: 'server_error',
            status: 503,
            fix: expect.any(String),
          },
          message: 'LLM answer failed; the local knowledge base answered instead',
        },
      ]);
    });

    it('falls back to the local answerer when the model hangs past the timeout', async () => {
      fake.queueHang({ times: 2 });
      const started = Date.now();
      const decision = await responder({ timeoutMs: 150, maxRetries: 1 }).respond(input(shuttle));
      expect(decision).toEqual({ kind: 'reply', text: shuttleSentence });
      expect(decision).toEqual(await local.respond(input(shuttle)));
      expect(fake.chatRequests().map((request) => request.status)).toEqual(['hung', 'hung']);
      expect(Date.now() - started).toBeLessThan(1900);
      expect(warnings).toHaveLength(1);
      // The traveler's words never reach the log.
      expect(JSON.stringify(warnings)).not.toContain('shuttle');
    });

    it('falls back when the connection is refused', async () => {
      const closed = await startFakeOpenAiServer();
      const url = closed.url;
      await closed.close();
      const llm = responder({ client: new OpenAI({ apiKey: 'x', baseURL: url, maxRetries: 0 }) });
      await expect(llm.respond(input('Is there a casino in town?'))).resolves.toEqual({
        kind: 'unsure',
        text: unsureText,
      });
      expect(warnings[0]?.details.reason).toBe('connection');
    });

    it('falls back when the reply is not the JSON asked for', async () => {
      fake.queueChat('Sure! The bus leaves quite often, I think.');
      await expect(responder().respond(input(shuttle))).resolves.toEqual(await local.respond(input(shuttle)));
      expect(warnings[0]?.details.reason).toBe('unreadable_output');
    });

    it('answer() gives the local answer with its sources when the model fails', async () => {
      fake.queueError({ status: 400 });
      await expect(responder().answer(input(shuttle))).resolves.toEqual(await local.answer(input(shuttle)));
      expect(warnings[0]?.details).toMatchObject({ reason: 'bad_request', status: 400 });
    });
  });
});
