import path from 'node:path';
import { type AutomationSettings, automationSettingsFrom } from '../../../src/actions/automation-settings';
import { loadBatonConfig } from '../../../src/config/load-baton-config';
import type { Responder, ResponderDecision, ResponderInput } from '../../../src/core/responder';
import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';

/**
 * The shipped example config, end to end on the simulator: rules, handoff triggers, custom
 * actions and business hours, with the AI replaced by a responder that echoes and is unsure
 * about casinos.
 */
const exampleConfig = loadBatonConfig(path.resolve(__dirname, '../../../baton.config.example.yml'));

class EchoUnlessCasino implements Responder {
  async respond(input: ResponderInput): Promise<ResponderDecision> {
    if (/casino/i.test(input.message.text)) return { kind: 'unsure', text: 'Not sure about that one.' };
    // What an LLM does by function calling when the traveler wants to move their trip.
    if (/postpone/i.test(input.message.text)) return { kind: 'start_action', actionId: 'booking_change' };
    return { kind: 'reply', text: `echo: ${input.message.text}` };
  }
}

// Wednesday 25 November 2026, 10:00 in Paris: within the example's business hours.
const openTime = new Date('2026-11-25T09:00:00Z');
let now = openTime;

let baton: TestBaton;
let automation: AutomationSettings;

beforeAll(async () => {
  automation = automationSettingsFrom(exampleConfig, {}, () => now);
  baton = await startTestBaton({ responder: new EchoUnlessCasino(), workerOptions: { automation } });
});
afterAll(() => baton.close());
beforeEach(() => {
  now = openTime;
});

async function send(from: string, text: string) {
  const response = await baton.post('/simulator/messages', { from, text });
  expect(response.status).toBe(202);
}

/** Sends and waits for the reply (the phone's message count grows by one). */
async function exchange(from: string, text: string): Promise<string> {
  const before = (await phoneOf(baton, from)).length;
  await send(from, text);
  const messages = await eventually(async () => {
    const all = await phoneOf(baton, from);
    return all.length > before ? all : null;
  });
  return messages.at(-1)?.text ?? '';
}

async function conversationOf(address: string) {
  return baton.runtime.db.conversation.findFirstOrThrow({
    where: { contact: { address } },
    include: { tags: { include: { tag: true } }, alerts: true, actionRuns: true },
  });
}

describe('automation rules on the example config', () => {
  it('tags "lost luggage" urgent, records the alert, and still lets the AI answer', async () => {
    const reply = await exchange('luggage', 'Hello, I lost my luggage at the airport');
    expect(reply).toBe('echo: Hello, I lost my luggage at the airport');
    const conversation = await conversationOf('luggage');
    expect(conversation.tags.map((t) => [t.tag.name, t.appliedBy])).toEqual([['urgent', 'rule:lost-luggage']]);
    expect(conversation.tags[0]?.tag.emoji).toBe(':rotating_light:');
    expect(conversation.alerts).toEqual([
      expect.objectContaining({
        ruleId: 'lost-luggage',
        usergroup: 'S07SUPPORT01',
        text: 'Lost luggage reported: please take this one.',
        postedAt: null,
      }),
    ]);
    expect(conversation.state).toBe('bot');

    // Said again: no second tag, one more alert (each report alerts).
    await exchange('luggage', 'Still no news about my lost luggage');
    const again = await conversationOf('luggage');
    expect(again.tags).toHaveLength(1);
    const events = await baton.runtime.db.conversationEvent.count({
      where: { conversationId: again.id, type: 'tag_added' },
    });
    expect(events).toBe(1);
  });

  it('matches the French keywords too', async () => {
    await exchange('valise', "Bonjour, j'ai perdu ma valise à l'aéroport");
    const conversation = await conversationOf('valise');
    expect(conversation.tags.map((t) => t.tag.name)).toEqual(['urgent']);
    expect(conversation.language).toBe('fr');
  });

  it('hands off on a keyword, with the reason and the notice', async () => {
    const reply = await exchange('refund', 'I want a refund for the tour');
    expect(reply).toContain("I'm connecting you to one of our travel specialists");
    const conversation = await conversationOf('refund');
    expect(conversation.state).toBe('pending');
    expect(conversation.handoffReason).toBe('keyword "refund"');
  });

  it('keeps applying tags and alerts while a specialist has the conversation, without the AI', async () => {
    await exchange('waiting', 'I want a refund');
    await send('waiting', 'and they lost my luggage too');
    const conversation = await eventually(async () => {
      const found = await conversationOf('waiting');
      return found.tags.length > 0 && found;
    });
    expect(conversation.tags.map((t) => t.tag.name)).toEqual(['urgent']);
    expect(conversation.alerts).toHaveLength(1);
    expect(conversation.state).toBe('pending');
    // Only the handoff notice reached the traveler: no AI answer during the handoff.
    expect((await phoneOf(baton, 'waiting')).map((m) => m.text)).toHaveLength(1);
  });

  it('hands off when the traveler asks for a person', async () => {
    await exchange('person', 'Can I speak to someone please?');
    const conversation = await conversationOf('person');
    expect(conversation.state).toBe('pending');
    expect(conversation.handoffReason).toBe('traveler asked for a person');
  });

  it('cascades a rule tag into a tag-triggered handoff', async () => {
    const reply = await exchange('emergency', 'There was an accident on the road');
    const conversation = await conversationOf('emergency');
    expect(conversation.tags.map((t) => t.tag.name).sort()).toEqual(['local emergency', 'urgent']);
    expect(conversation.state).toBe('pending');
    expect(conversation.handoffReason).toBe('tag "local emergency" applied');
    expect(reply).toContain('connecting you');
    expect(conversation.alerts.map((a) => a.ruleId)).toEqual(['local-emergency']);
  });

  it('hands off after the AI is unsure twice, replacing the unsure text with the notice', async () => {
    expect(await exchange('unsure', 'Is there a casino in Doria Bay?')).toBe(
      'I\'m not sure about that one. Would you like me to connect you with a specialist? Just write "agent".',
    );
    expect((await conversationOf('unsure')).state).toBe('bot');
    const second = await exchange('unsure', 'And a casino near the hotel?');
    expect(second).not.toContain('not sure');
    expect(second).toContain('connecting you');
    const conversation = await conversationOf('unsure');
    expect(conversation.state).toBe('pending');
    expect(conversation.handoffReason).toBe('AI unsure 2 times');
    expect(conversation.unsureCount).toBe(2);
  });

  it('says "not sure" in the traveler\'s language', async () => {
    expect(await exchange('unsure-fr', "Est-ce qu'il y a un casino près de la plage ?")).toBe(
      'Je ne suis pas sûre de la réponse. Voulez-vous parler à un spécialiste ? Écrivez simplement « agent ».',
    );
  });

  it('tells the traveler when specialists are back outside business hours, and still hands off', async () => {
    now = new Date('2026-11-29T12:00:00Z'); // Sunday: closed
    const reply = await exchange('sunday', 'I need an agent');
    expect(reply).toContain('Our specialists are away right now. They will reply here tomorrow at 08:00.');
    expect((await conversationOf('sunday')).state).toBe('pending');
  });
});

describe('the booking_change custom action', () => {
  it('collects, validates, confirms, stores the details, tags and hands off', async () => {
    const first = await exchange('booker', 'Hi, I need to change my booking');
    expect(first).toContain('What is your confirmation number?');

    const invalid = await exchange('booker', 'it is 12');
    expect(invalid).toContain("That doesn't look like a confirmation number");
    expect(invalid).toContain('What is your confirmation number?');

    expect(await exchange('booker', 'k7q2zb')).toContain('Which dates would you like to travel instead?');
    expect(await exchange('booker', '12 to 19 June')).toContain('Anything else the specialist should know?');
    const summary = await exchange('booker', 'skip');
    expect(summary).toContain('K7Q2ZB');
    const done = await exchange('booker', 'yes');
    expect(done).toContain('Thank you! A specialist will check availability for your new dates.');
    expect(done).toContain('connecting you');

    const conversation = await conversationOf('booker');
    expect(conversation.state).toBe('pending');
    expect(conversation.handoffReason).toBe('action "booking_change" completed');
    expect(conversation.tags.map((t) => [t.tag.name, t.appliedBy])).toEqual([
      ['itinerary change', 'action:booking_change'],
    ]);
    expect(conversation.collected).toMatchObject({
      confirmationNumber: { label: 'Confirmation number', value: 'K7Q2ZB', display: 'K7Q2ZB' },
      travelDates: { label: 'New travel dates', value: { from: '2027-06-12', to: '2027-06-19' } },
    });
    expect(conversation.actionRuns).toEqual([
      expect.objectContaining({ actionId: 'booking_change', status: 'completed', startedBy: 'rule:change-booking' }),
    ]);
  });

  it('runs group_quote from the group rule: number, choice, date range and email fields', async () => {
    const first = await exchange('group', 'Hello, we are a group of 14 people looking for a tour');
    expect(first).toBe('How many travelers are in your group?');
    expect(await exchange('group', 'fourteen')).toBe('Which destination: France, South Korea or United States?');
    expect(await exchange('group', 'korea')).toBe('Which dates are you planning to travel?');
    expect(await exchange('group', 'from 3 May to 10 May')).toBe('Which email address should we send the quote to?');
    const invalid = await exchange('group', 'lee at example');
    expect(invalid).toContain('Which email address should we send the quote to?');
    expect(await exchange('group', 'Lee@Example.COM')).toContain('Please confirm');
    const done = await exchange('group', 'yes');
    expect(done).toContain('Thanks! Our group team will prepare a quote and reply here.');
    const conversation = await conversationOf('group');
    expect(conversation.state).toBe('pending');
    expect(conversation.slackChannelId).toBe('C07GROUPS01');
    expect(conversation.tags.map((t) => t.tag.name)).toEqual(['group booking']);
    expect(conversation.collected).toMatchObject({
      groupSize: { value: 14 },
      destination: { value: 'South Korea' },
      travelDates: { value: { from: '2027-05-03', to: '2027-05-10' } },
      email: { value: 'Lee@example.com' },
    });
  });

  it('starts an action the AI chose (function calling), recorded as started by the AI', async () => {
    expect(await exchange('ai-form', 'Could we postpone the trip?')).toContain('What is your confirmation number?');
    const conversation = await conversationOf('ai-form');
    expect(conversation.actionRuns).toEqual([
      expect.objectContaining({ actionId: 'booking_change', status: 'collecting', startedBy: 'ai:assistant' }),
    ]);
  });

  it('stops on the cancel word and goes back to the AI', async () => {
    await exchange('canceller', 'I would like to reschedule');
    const cancelled = await exchange('canceller', 'cancel');
    expect(cancelled).toBe('OK, I have cancelled "Change a booking". Anything else I can help with?');
    expect(await exchange('canceller', 'What time is breakfast?')).toBe('echo: What time is breakfast?');
    const conversation = await conversationOf('canceller');
    expect(conversation.actionRuns[0]?.status).toBe('cancelled');
    expect(conversation.state).toBe('bot');
  });

  it('hands off at once when the traveler asks for a person in the middle of the form', async () => {
    await exchange('impatient', 'change my dates please');
    const reply = await exchange('impatient', 'just let me talk to a person');
    expect(reply).toContain('connecting you');
    const conversation = await conversationOf('impatient');
    expect(conversation.actionRuns[0]?.status).toBe('cancelled');
    expect(conversation.state).toBe('pending');
  });

  it('closes a form the traveler stopped answering, and says so', async () => {
    await exchange('sleepy', 'change my reservation');
    now = new Date(openTime.getTime() + 31 * 60_000);
    const before = (await phoneOf(baton, 'sleepy')).length;
    await baton.worker?.sweepNow();
    const messages = await eventually(async () => {
      const all = await phoneOf(baton, 'sleepy');
      return all.length > before ? all : null;
    });
    expect(messages.at(-1)?.text).toBe(
      'I have stopped "Change a booking" as I did not hear back. Write again whenever you are ready.',
    );
    expect((await conversationOf('sleepy')).actionRuns[0]?.status).toBe('timed_out');
    // The next message is a message, not an answer to the old question.
    expect(await exchange('sleepy', 'K7Q2ZB')).toBe('echo: K7Q2ZB');
  });
});
