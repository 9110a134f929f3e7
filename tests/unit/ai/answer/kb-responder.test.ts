import { KnowledgeResponder } from '../../../../src/ai/kb-responder';
import { KnowledgeIndex } from '../../../../src/ai/retrieval/knowledge-index';
import type { ResponderInput } from '../../../../src/core/responder';
import { fixtureChunks } from '../retrieval/fixture-chunks';

const index = new KnowledgeIndex(fixtureChunks);
const source = { get: async () => index };
const unsureText = "I'm not sure — let me check with a colleague.";

function input(text: string, channel: ResponderInput['channel'] = 'simulator'): ResponderInput {
  return { conversationId: 'c1', channel, message: { id: 'm1', text } };
}

describe('KnowledgeResponder', () => {
  it('replies with the answer when confident', async () => {
    const responder = new KnowledgeResponder({ index: source, unsureText });
    await expect(responder.respond(input('How often does the shuttle bus leave the airport?'))).resolves.toEqual({
      kind: 'reply',
      text: 'The shuttle bus leaves the arrivals hall of Porto Azul airport every 20 minutes between 6am and midnight.',
    });
  });

  it('keeps the reply within the channel limit', async () => {
    const responder = new KnowledgeResponder({
      index: source,
      unsureText,
      limits: { simulator: 4096, twilio_sms: 50, twilio_whatsapp: 4096, whatsapp_web: 4096 },
    });
    const decision = await responder.respond(input('How often does the shuttle bus leave the airport?', 'twilio_sms'));
    expect(decision.kind).toBe('reply');
    expect(decision.kind === 'reply' && decision.text.length).toBeLessThanOrEqual(50);
  });

  it('declares itself unsure with the unsure text', async () => {
    const responder = new KnowledgeResponder({ index: source, unsureText });
    await expect(responder.respond(input('Is there a casino in town?'))).resolves.toEqual({
      kind: 'unsure',
      text: unsureText,
    });
  });

  it('exposes the full answer with sources', async () => {
    const responder = new KnowledgeResponder({ index: source, unsureText });
    const answer = await responder.answer(input('Which number do I dial for an ambulance?'));
    expect(answer.confident).toBe(true);
    expect(answer.sources[0]?.document).toBe('emergencies.md');
  });
});
