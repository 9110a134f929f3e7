import OpenAI from 'openai';
import { summarizeExtractively } from '../../../../src/ai/summary/extractive-summary';
import { type SummaryMessage, summarizeConversation } from '../../../../src/ai/summary/summarize-conversation';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../../support/fake-openai-server';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 10, minute));
const messages: SummaryMessage[] = [
  { author: 'traveler', text: 'I need to change my flight to Lisbon on 12 May. Booking ABC123.', at: at(0) },
  { author: 'ai', text: "I'm not sure about that one. Would you like a specialist?", at: at(1) },
  { author: 'traveler', text: 'Yes please, and can the hotel give us a late checkout?', at: at(2) },
];

describe('summarizeConversation with an LLM (fake OpenAI server)', () => {
  let fake: FakeOpenAiServer;
  let llm: { client: OpenAI; model: string };

  beforeAll(async () => {
    fake = await startFakeOpenAiServer();
    llm = { client: new OpenAI({ apiKey: 'x', baseURL: fake.url, maxRetries: 2 }), model: 'gpt-summary' };
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  it("returns the model's summary, sending the whole transcript in order", async () => {
    const summary =
      'The traveler wants to move their Lisbon flight (booking ABC123) to 12 May and asks for a late hotel checkout. The AI could not answer. Both requests are open.';
    fake.queueChat(`  ${summary}\n`);
    await expect(summarizeConversation(messages, { llm })).resolves.toBe(summary);
    const [request] = fake.chatRequests();
    expect(request?.body.model).toBe('gpt-summary');
    expect(request?.body.messages[0].content).toContain('2 or 3 plain sentences');
    expect(request?.body.messages[0].content).toContain('at most 400 characters');
    expect(request?.body.messages[1].content).toBe(
      [
        'Transcript (oldest first):',
        'Traveler: I need to change my flight to Lisbon on 12 May. Booking ABC123.',
        "AI assistant: I'm not sure about that one. Would you like a specialist?",
        'Traveler: Yes please, and can the hotel give us a late checkout?',
      ].join('\n'),
    );
  });

  it('trims a long summary to the limit', async () => {
    fake.queueChat('First sentence of the summary. Second sentence that goes on and on and on.');
    await expect(summarizeConversation(messages, { llm, maxLength: 40 })).resolves.toBe(
      'First sentence of the summary.',
    );
  });

  it('falls back to the extractive summary on a server error, without retrying', async () => {
    fake.queueError({ status: 500, retryAfterMs: 0 });
    const warnings: object[] = [];
    const summary = await summarizeConversation(messages, {
      llm,
      logger: { warn: (details) => warnings.push(details) },
    });
    expect(summary).toBe(summarizeExtractively(messages, 400));
    expect(fake.chatRequests()).toHaveLength(1);
    expect(warnings).toEqual([expect.objectContaining({ reason: 'server_error', status: 500 })]);
  });

  it('falls back to the extractive summary when the model hangs past the timeout', async () => {
    fake.queueHang();
    const started = Date.now();
    await expect(summarizeConversation(messages, { llm, timeoutMs: 100 })).resolves.toBe(
      summarizeExtractively(messages, 400),
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('falls back to the extractive summary on an empty reply', async () => {
    fake.queueChat('   ');
    await expect(summarizeConversation(messages, { llm, maxLength: 200 })).resolves.toBe(
      summarizeExtractively(messages, 200),
    );
  });

  it('is extractive without an LLM, or when the traveler has not written', async () => {
    await expect(summarizeConversation(messages)).resolves.toBe(summarizeExtractively(messages, 400));
    await expect(summarizeConversation([], { llm })).resolves.toBe('No messages yet.');
    expect(fake.chatRequests()).toHaveLength(0);
  });
});
