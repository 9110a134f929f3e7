import path from 'node:path';
import {
  type ActionRunState,
  type StepContext,
  type StepResult,
  startActionRun,
  stepActionRun,
} from '../../../../src/actions/custom-actions/step-action-run';
import type { TAction } from '../../../../src/config/baton-config.schema';
import { loadBatonConfig } from '../../../../src/config/load-baton-config';

const config = loadBatonConfig(path.resolve(__dirname, '../../../../baton.config.example.yml'));
const action = (id: string): TAction => {
  const found = config.actions.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`the example config has no action ${id}`);
  return found;
};
const bookingChange = action('booking_change');
const groupQuote = action('group_quote');

const start = new Date('2026-11-25T10:00:00Z');

function context(language = 'en', now = start): StepContext {
  return {
    now,
    timeZone: 'Europe/Paris',
    language,
    defaultLanguage: config.assistant.defaultLanguage,
    messages: { actionCancelled: config.messages.actionCancelled, actionTimedOut: config.messages.actionTimedOut },
    placeholders: { company: config.assistant.company, assistantName: config.assistant.name },
  };
}

/** Plays a conversation, one minute between messages; returns every step's result. */
function play(form: TAction, messages: string[], language = 'en') {
  const started = startActionRun(form, context(language));
  let state: ActionRunState = started.state;
  const results: StepResult[] = [];
  messages.forEach((message, i) => {
    const result = stepActionRun(form, state, message, context(language, new Date(start.getTime() + (i + 1) * 60_000)));
    results.push(result);
    state = result.state;
  });
  return { started, results, last: results.at(-1) as StepResult };
}

const prompts = {
  confirmation: 'What is your confirmation number? It has 6 letters or digits, like K7Q2ZB.',
  dates: 'Which dates would you like to travel instead? (for example: 12 to 19 June)',
  notes: 'Anything else the specialist should know? (or write skip)',
};

const bookingSummary = (notes: string) =>
  [
    'Please confirm:',
    'Confirmation number: K7Q2ZB',
    'New travel dates: 12 Jun 2027 – 19 Jun 2027',
    `Notes: ${notes}`,
    'Reply YES to confirm or tell me what to change.',
  ].join('\n');

describe('booking_change from the example config', () => {
  it('asks each field, confirms, and completes with typed values', () => {
    const { started, results, last } = play(bookingChange, [
      'k7q-2zb',
      '12 to 19 June',
      'Two children, one stroller',
      'yes',
    ]);
    expect(started.replies).toEqual([prompts.confirmation]);
    expect(started.state).toEqual({
      actionId: 'booking_change',
      fieldIndex: 0,
      answers: {},
      lastActivityAt: start.toISOString(),
      awaitingConfirmation: false,
    });
    expect(results.map((result) => result.replies)).toEqual([
      [prompts.dates],
      [prompts.notes],
      [bookingSummary('Two children, one stroller')],
      [],
    ]);
    expect(last).toMatchObject({
      status: 'completed',
      answers: {
        confirmationNumber: 'K7Q2ZB',
        travelDates: { from: '2027-06-12', to: '2027-06-19' },
        notes: 'Two children, one stroller',
      },
      displays: {
        confirmationNumber: 'K7Q2ZB',
        travelDates: '12 Jun 2027 – 19 Jun 2027',
        notes: 'Two children, one stroller',
      },
    });
    expect(last.state.lastActivityAt).toBe('2026-11-25T10:04:00.000Z');
  });

  it('stores a skipped optional field as null and leaves it out of the displays', () => {
    const { results, last } = play(bookingChange, ['K7Q2ZB', '12 to 19 June', 'skip', 'OK']);
    expect(results[2]?.replies).toEqual([bookingSummary('—')]);
    expect(last).toMatchObject({ status: 'completed', answers: { notes: null } });
    expect(last.status === 'completed' && 'notes' in last.displays).toBe(false);
  });

  it('says the invalidMessage then the prompt again, and stays on the field', () => {
    const { results } = play(bookingChange, ['K7Q2', 'K7Q2ZB']);
    expect(results[0]).toMatchObject({
      status: 'collecting',
      state: { fieldIndex: 0, awaitingConfirmation: false },
      replies: [
        `That doesn't look like a confirmation number: it has exactly 6 letters or digits.\n${prompts.confirmation}`,
      ],
    });
    expect(results[1]?.state.fieldIndex).toBe(1);
  });

  it('says the parser’s reason when the field has no invalidMessage', () => {
    const { results } = play(bookingChange, ['K7Q2ZB', '19 to 12 June']);
    expect(results[1]?.replies).toEqual([
      `The last day is before the first one. Please check the dates.\n${prompts.dates}`,
    ]);
  });

  it('does not skip a required field on "skip"', () => {
    const { last } = play(bookingChange, ['skip']);
    expect(last).toMatchObject({ status: 'collecting', state: { fieldIndex: 0 } });
  });

  it('cancels on the cancel word, as a whole word in any case, at any step', () => {
    const { last } = play(bookingChange, ['K7Q2ZB', 'Actually, CANCEL please']);
    expect(last.status).toBe('cancelled');
    expect(last.replies).toEqual(['OK, I have cancelled "Change a booking". Anything else I can help with?']);
    expect(play(bookingChange, ['K7Q2ZB', '12 to 19 June', 'no notes', 'cancel']).last.status).toBe('cancelled');
    // "cancellation" is not the word, and STOP is the SMS opt-out keyword, handled elsewhere.
    expect(play(bookingChange, ['K7Q2ZB', '12 to 19 June', 'the cancellation policy']).last.status).toBe('collecting');
    expect(play(bookingChange, ['stop']).last).toMatchObject({ status: 'collecting', state: { fieldIndex: 0 } });
  });

  it('uses the action’s own cancel word', () => {
    const form: TAction = { ...bookingChange, cancelWord: 'annuler' };
    expect(play(form, ['Annuler'], 'fr').last.status).toBe('cancelled');
    expect(play(form, ['cancel'], 'fr').last.status).toBe('collecting');
  });

  it('times out after timeoutMinutes without a message, and only after', () => {
    const { state } = startActionRun(bookingChange, context());
    const at = (minutes: number) => context('en', new Date(start.getTime() + minutes * 60_000));
    expect(stepActionRun(bookingChange, state, 'K7Q2ZB', at(30)).status).toBe('collecting');
    const late = stepActionRun(bookingChange, state, 'K7Q2ZB', at(31));
    expect(late).toEqual({
      status: 'timed_out',
      state,
      replies: ['I have stopped "Change a booking" as I did not hear back. Write again whenever you are ready.'],
    });
    // Each answer restarts the clock.
    const first = stepActionRun(bookingChange, state, 'K7Q2ZB', at(25));
    expect(stepActionRun(bookingChange, first.state, '12 to 19 June', at(50)).status).toBe('collecting');
  });

  it('a late "cancel" finds the action already timed out', () => {
    const { state } = startActionRun(bookingChange, context());
    expect(stepActionRun(bookingChange, state, 'cancel', context('en', new Date('2026-11-25T11:00:00Z'))).status).toBe(
      'timed_out',
    );
  });

  it('re-asks only the field the traveler names, then confirms again', () => {
    const { results, last } = play(bookingChange, [
      'K7Q2ZB',
      '12 to 19 June',
      'skip',
      'no, the dates are wrong',
      '14 to 21 June',
      'yes',
    ]);
    expect(results[3]).toMatchObject({
      status: 'collecting',
      state: { fieldIndex: 1, awaitingConfirmation: true },
      replies: [prompts.dates],
    });
    expect(results[4]?.replies[0]).toContain('New travel dates: 14 Jun 2027 – 21 Jun 2027');
    expect(results[4]?.state).toMatchObject({ fieldIndex: 3, awaitingConfirmation: true });
    expect(last).toMatchObject({
      status: 'completed',
      answers: { confirmationNumber: 'K7Q2ZB', travelDates: { from: '2027-06-14', to: '2027-06-21' }, notes: null },
    });
  });

  it('asks which detail on a plain "no", and accepts its number', () => {
    const { results, last } = play(bookingChange, ['K7Q2ZB', '12 to 19 June', 'skip', 'no', '1', 'ABC123', 'yes']);
    expect(results[3]?.replies).toEqual([
      'Which detail should I change? Reply with its number:\n1. Confirmation number\n2. New travel dates\n3. Notes',
    ]);
    expect(results[4]?.replies).toEqual([prompts.confirmation]);
    expect(last).toMatchObject({ status: 'completed', answers: { confirmationNumber: 'ABC123' } });
  });

  it('an invalid correction stays on that field', () => {
    const { results } = play(bookingChange, ['K7Q2ZB', '12 to 19 June', 'skip', 'confirmation number', 'nope']);
    expect(results[4]).toMatchObject({ status: 'collecting', state: { fieldIndex: 0, awaitingConfirmation: true } });
  });

  it('starts over on "everything", and shows the summary again on anything unclear', () => {
    const { results } = play(bookingChange, ['K7Q2ZB', '12 to 19 June', 'skip', 'hmm', 'no, everything']);
    expect(results[3]?.replies).toEqual([bookingSummary('—')]);
    expect(results[4]).toMatchObject({
      status: 'collecting',
      state: { fieldIndex: 0, awaitingConfirmation: false, answers: {} },
      replies: [prompts.confirmation],
    });
  });

  it('never completes on a "yes" that names a field', () => {
    const { last } = play(bookingChange, ['K7Q2ZB', '12 to 19 June', 'skip', 'yes but change the notes']);
    expect(last).toMatchObject({ status: 'collecting', state: { fieldIndex: 2 }, replies: [prompts.notes] });
  });

  it('runs in French: prompts, reasons, dates, skip word and confirmation', () => {
    const { started, results, last } = play(
      bookingChange,
      ['k7q2z', 'K7Q2ZB', 'du 12 au 19 juin', 'passer', 'oui'],
      'fr',
    );
    expect(started.replies).toEqual([
      'Quel est votre numéro de confirmation ? Il compte 6 lettres ou chiffres, par exemple K7Q2ZB.',
    ]);
    expect(results[0]?.replies[0]).toMatch(/^Ce n'est pas un numéro de confirmation : .*\nQuel est votre numéro/);
    expect(results[3]?.replies).toEqual([
      [
        'Merci de confirmer :',
        'Confirmation number: K7Q2ZB',
        'New travel dates: 12 juin 2027 – 19 juin 2027',
        'Notes: —',
        'Répondez OUI pour confirmer ou dites-moi ce qu’il faut changer.',
      ].join('\n'),
    ]);
    expect(last).toMatchObject({ status: 'completed', answers: { notes: null, travelDates: { from: '2027-06-12' } } });
  });

  it('answers "non" in French with the list of details', () => {
    const { last } = play(bookingChange, ['K7Q2ZB', 'du 12 au 19 juin', 'rien', 'non'], 'fr');
    expect(last.replies[0]).toMatch(
      /^Quel détail dois-je changer \? Répondez avec son numéro :\n1\. Confirmation number/,
    );
  });
});

describe('group_quote from the example config', () => {
  it('collects a number, a choice, dates and an email, in Spanish texts where it has none of its own', () => {
    const { results, last } = play(
      groupQuote,
      ['somos 14', 'corea', '3', 'del 12 al 19 de junio', 'grupos@Agencia.ES', 'sí'],
      'es',
    );
    // The example's prompts are English only: pickText falls back to them.
    expect(results.map((result) => result.replies[0]?.split('\n')[0])).toEqual([
      'Which destination: France, South Korea or United States?',
      'Por favor, elige France, South Korea o United States.', // "corea" is not how the choice is written
      'Which dates are you planning to travel?',
      'Which email address should we send the quote to?',
      'Por favor, confirma:',
      undefined,
    ]);
    expect(results[1]?.replies[0]).toBe(
      'Por favor, elige France, South Korea o United States.\nWhich destination: France, South Korea or United States?',
    );
    expect(last).toMatchObject({
      status: 'completed',
      answers: {
        groupSize: 14,
        destination: 'United States',
        travelDates: { from: '2027-06-12', to: '2027-06-19' },
        email: 'grupos@agencia.es',
      },
      displays: { groupSize: '14', destination: 'United States', travelDates: '12 jun 2027 – 19 jun 2027' },
    });
  });

  it('re-asks the number of travelers when named in the correction', () => {
    const { results, last } = play(groupQuote, [
      'twelve',
      'France',
      'next Friday to Sunday',
      'ana@example.com',
      'the travelers number is wrong',
      '15',
      'ok',
    ]);
    expect(results[3]?.replies[0]).toBe(
      [
        'Please confirm:',
        'Travelers: 12',
        'Destination: France',
        'Travel dates: 4 Dec 2026 – 6 Dec 2026',
        'Email: ana@example.com',
        'Reply YES to confirm or tell me what to change.',
      ].join('\n'),
    );
    expect(results[4]?.replies).toEqual(['How many travelers are in your group?']);
    expect(last).toMatchObject({ status: 'completed', answers: { groupSize: 15, destination: 'France' } });
  });

  it('refuses a run of another action', () => {
    const { state } = startActionRun(groupQuote, context());
    expect(() => stepActionRun(bookingChange, state, 'K7Q2ZB', context())).toThrow(/group_quote/);
  });
});
