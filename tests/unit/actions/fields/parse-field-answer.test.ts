import { type FieldValue, isSkipAnswer, parseFieldAnswer } from '../../../../src/actions/fields/parse-field-answer';
import type { TActionField } from '../../../../src/config/baton-config.schema';
import { ZActionFieldSchema } from '../../../../src/config/baton-config.schema';

/** A Wednesday: 11:00 in Paris. */
const now = new Date('2026-11-25T10:00:00Z');
const context = (language = 'en') => ({ now, timeZone: 'Europe/Paris', language });

function field(type: TActionField['type'], extra: Record<string, unknown> = {}): TActionField {
  return ZActionFieldSchema.parse({ name: 'answer', prompt: 'Your answer?', type, ...extra });
}

const destinations = field('choice', { choices: ['France', 'South Korea', 'United States'] });
const confirmation = field('pattern', { pattern: '^[A-Z0-9]{6}$' });
const range = (from: string, to: string) => ({ from, to });

describe('parseFieldAnswer: accepted answers', () => {
  const cases: Array<[string, TActionField, string, string, FieldValue, string]> = [
    // text
    ['text trimmed', field('text'), 'en', '  a window seat please  ', 'a window seat please', 'a window seat please'],
    // pattern
    ['pattern as typed', confirmation, 'en', 'K7Q2ZB', 'K7Q2ZB', 'K7Q2ZB'],
    ['pattern upper-cased, dash removed', confirmation, 'en', 'k7q-2zb', 'K7Q2ZB', 'K7Q2ZB'],
    ['pattern spaces removed, full stop dropped', confirmation, 'fr', 'k7q 2zb.', 'K7Q2ZB', 'K7Q2ZB'],
    ['pattern inside a sentence', confirmation, 'en', 'my code is k7q2zb thanks', 'K7Q2ZB', 'K7Q2ZB'],
    // date
    ['date: next Friday', field('date'), 'en', 'next Friday', '2026-12-04', '4 Dec 2026'],
    ['date: tomorrow', field('date'), 'en', 'tomorrow', '2026-11-26', '26 Nov 2026'],
    ['date: day and month, next one', field('date'), 'en', '12 June', '2027-06-12', '12 Jun 2027'],
    ['date: today is not the past', field('date'), 'en', '25 November', '2026-11-25', '25 Nov 2026'],
    ['date: yesterday’s day next year', field('date'), 'en', '24 Nov', '2027-11-24', '24 Nov 2027'],
    ['date: ISO', field('date'), 'en', '2027-06-12', '2027-06-12', '12 Jun 2027'],
    ['date: English reads month first', field('date'), 'en', '12/06/2027', '2027-12-06', '6 Dec 2027'],
    ['date: French reads day first', field('date'), 'fr', '12/06/2027', '2027-06-12', '12 juin 2027'],
    [
      'date: Korean without a chrono locale reads day first',
      field('date'),
      'ko',
      '12/06/2027',
      '2027-06-12',
      '2027년 6월 12일',
    ],
    ['date: French words', field('date'), 'fr', 'vendredi prochain', '2026-12-04', '4 déc. 2026'],
    ['date: English inside French', field('date'), 'fr', '12 June', '2027-06-12', '12 juin 2027'],
    ['date: Spanish day after tomorrow', field('date'), 'es', 'pasado mañana', '2026-11-27', '27 nov 2026'],
    ['date: English day after tomorrow', field('date'), 'en', 'the day after tomorrow', '2026-11-27', '27 Nov 2026'],
    ['date: Korean', field('date'), 'ko', '6월 12일', '2027-06-12', '2027년 6월 12일'],
    // dateRange
    [
      'range: 12 to 19 June',
      field('dateRange'),
      'en',
      '12 to 19 June',
      range('2027-06-12', '2027-06-19'),
      '12 Jun 2027 – 19 Jun 2027',
    ],
    [
      'range: from … until …',
      field('dateRange'),
      'en',
      'from June 12 until June 19',
      range('2027-06-12', '2027-06-19'),
      '12 Jun 2027 – 19 Jun 2027',
    ],
    [
      'range: du … au …',
      field('dateRange'),
      'fr',
      'du 12 au 19 juin',
      range('2027-06-12', '2027-06-19'),
      '12 juin 2027 – 19 juin 2027',
    ],
    [
      'range: del … al …',
      field('dateRange'),
      'es',
      'del 12 al 19 de junio',
      range('2027-06-12', '2027-06-19'),
      '12 jun 2027 – 19 jun 2027',
    ],
    [
      'range: weekdays',
      field('dateRange'),
      'en',
      'next Friday to Sunday',
      range('2026-12-04', '2026-12-06'),
      '4 Dec 2026 – 6 Dec 2026',
    ],
    [
      'range: French weekdays',
      field('dateRange'),
      'fr',
      'de vendredi prochain à dimanche',
      range('2026-12-04', '2026-12-06'),
      '4 déc. 2026 – 6 déc. 2026',
    ],
    [
      'range: across the new year',
      field('dateRange'),
      'en',
      'Dec 28 to Jan 3',
      range('2026-12-28', '2027-01-03'),
      '28 Dec 2026 – 3 Jan 2027',
    ],
    [
      'range: start takes the end’s year',
      field('dateRange'),
      'en',
      '28 Dec - 3 Jan 2028',
      range('2027-12-28', '2028-01-03'),
      '28 Dec 2027 – 3 Jan 2028',
    ],
    [
      'range: June 12-19',
      field('dateRange'),
      'en',
      'June 12-19',
      range('2027-06-12', '2027-06-19'),
      '12 Jun 2027 – 19 Jun 2027',
    ],
    [
      'range: two ISO dates',
      field('dateRange'),
      'en',
      '2027-06-12 to 2027-06-19',
      range('2027-06-12', '2027-06-19'),
      '12 Jun 2027 – 19 Jun 2027',
    ],
    [
      'range: two numeric dates, day first',
      field('dateRange'),
      'fr',
      '12/06/2027 - 19/06/2027',
      range('2027-06-12', '2027-06-19'),
      '12 juin 2027 – 19 juin 2027',
    ],
    [
      'range: between … and …',
      field('dateRange'),
      'en',
      'between 12 and 19 June',
      range('2027-06-12', '2027-06-19'),
      '12 Jun 2027 – 19 Jun 2027',
    ],
    [
      'range: entre … y …',
      field('dateRange'),
      'es',
      'entre el 12 y el 19 de junio',
      range('2027-06-12', '2027-06-19'),
      '12 jun 2027 – 19 jun 2027',
    ],
    [
      'range: one day',
      field('dateRange'),
      'en',
      '12 June to 12 June',
      range('2027-06-12', '2027-06-12'),
      '12 Jun 2027 – 12 Jun 2027',
    ],
    // email
    [
      'email: domain lower-cased',
      field('email'),
      'en',
      'Ana.Lopez@Example.COM',
      'Ana.Lopez@example.com',
      'Ana.Lopez@example.com',
    ],
    [
      'email: inside a sentence',
      field('email'),
      'en',
      'my email is ana@example.com.',
      'ana@example.com',
      'ana@example.com',
    ],
    // phone
    ['phone: spaces', field('phone'), 'en', '+33 6 12 34 56 78', '+33612345678', '+33612345678'],
    ['phone: 00, trunk prefix, dashes', field('phone'), 'fr', '0033 (0)6-12-34-56-78', '+33612345678', '+33612345678'],
    ['phone: parentheses', field('phone'), 'en', '+1 (415) 555-0100', '+14155550100', '+14155550100'],
    // number
    ['number: digits', field('number'), 'en', '12', 12, '12'],
    ['number: in a sentence', field('number'), 'en', 'we are 14 people', 14, '14'],
    ['number: English word', field('number'), 'en', 'Twelve', 12, '12'],
    ['number: French word with a dash', field('number'), 'fr', 'dix-sept', 17, '17'],
    ['number: French article ignored', field('number'), 'fr', 'un groupe de douze', 12, '12'],
    ['number: Spanish word', field('number'), 'es', 'quince', 15, '15'],
    ['number: English thousands', field('number'), 'en', '1,500', 1500, '1,500'],
    ['number: French decimal comma', field('number'), 'fr', '2,5', 2.5, '2,5'],
    ['number: French thousands space', field('number'), 'fr', '1 000', 1000, '1\u202f000'], // Intl groups with a narrow no-break space
    ['number: Spanish both separators', field('number'), 'es', '1.500,75', 1500.75, '1500,75'],
    // choice
    ['choice: any case', destinations, 'en', 'france', 'France', 'France'],
    ['choice: number in the list', destinations, 'en', '2', 'South Korea', 'South Korea'],
    ['choice: unambiguous start', destinations, 'en', 'unit', 'United States', 'United States'],
    ['choice: one of its words', destinations, 'en', 'Korea', 'South Korea', 'South Korea'],
    ['choice: in a sentence', destinations, 'en', 'I think France please', 'France', 'France'],
    [
      'choice: without accents',
      field('choice', { choices: ['Économie', 'Affaires'] }),
      'fr',
      'economie',
      'Économie',
      'Économie',
    ],
  ];

  it.each(cases)('%s', (_name, config, language, answer, value, display) => {
    expect(parseFieldAnswer(config, answer, context(language))).toEqual({ ok: true, value, display });
  });
});

describe('parseFieldAnswer: refused answers, with the reason in the traveler’s language', () => {
  const cases: Array<[string, TActionField, string, string, string]> = [
    ['text empty', field('text'), 'en', '   ', 'I did not get an answer.'],
    [
      'text too long',
      field('text'),
      'es',
      'x'.repeat(501),
      'Es un poco largo: por favor, no superes los 500 caracteres.',
    ],
    ['pattern too short', confirmation, 'en', 'K7Q2', 'That does not look right, please check it.'],
    ['words are not joined into a code', confirmation, 'en', 'it is 12', 'That does not look right, please check it.'],
    [
      'date unreadable',
      field('date'),
      'en',
      'soon',
      'I could not read a date there. Please write it like 12 June 2027.',
    ],
    ['date yesterday', field('date'), 'en', 'yesterday', 'That date is in the past. Please give a date from today on.'],
    [
      'date past year',
      field('date'),
      'fr',
      '12 juin 2025',
      'Cette date est passée. Merci d’indiquer une date à partir d’aujourd’hui.',
    ],
    [
      'range one date',
      field('dateRange'),
      'en',
      '12 June',
      'I need both the first and the last day, like 12 to 19 June.',
    ],
    [
      'range unreadable',
      field('dateRange'),
      'fr',
      'bientôt',
      "Je n'ai pas compris les dates. Indiquez le premier et le dernier jour, par exemple du 12 au 19 juin.",
    ],
    [
      'range end before start',
      field('dateRange'),
      'en',
      '19 to 12 June',
      'The last day is before the first one. Please check the dates.',
    ],
    [
      'range end before start (months)',
      field('dateRange'),
      'es',
      'del 19 de junio al 12 de junio',
      'El último día es anterior al primero. Por favor, revisa las fechas.',
    ],
    [
      'range starting in the past',
      field('dateRange'),
      'en',
      '20 to 30 November',
      'Those dates start in the past. Please give dates from today on.',
    ],
    [
      'email without a dot',
      field('email'),
      'en',
      'ana@example',
      'That does not look like an email address (like name@example.com).',
    ],
    [
      'email in words',
      field('email'),
      'es',
      'ana at example.com',
      'Eso no parece una dirección de correo (como nombre@ejemplo.es).',
    ],
    [
      'phone without country code',
      field('phone'),
      'fr',
      '06 12 34 56 78',
      'Merci d’ajouter l’indicatif du pays, avec un + (par exemple +33 6 12 34 56 78).',
    ],
    [
      'phone too short',
      field('phone'),
      'en',
      '+33 612',
      'That does not look like a phone number. Please write it with the country code, like +33 6 12 34 56 78.',
    ],
    [
      'phone too long',
      field('phone'),
      'en',
      '+33 6 12 34 56 78 90 123',
      'That does not look like a phone number. Please write it with the country code, like +33 6 12 34 56 78.',
    ],
    [
      'phone with letters',
      field('phone'),
      'en',
      'call me',
      'That does not look like a phone number. Please write it with the country code, like +33 6 12 34 56 78.',
    ],
    ['number negative', field('number'), 'en', '-3', 'The number cannot be negative.'],
    ['number none', field('number'), 'fr', 'beaucoup', 'Merci de répondre par un nombre, par exemple 12.'],
    ['number several', field('number'), 'en', '10 or 12', 'Please answer with just one number.'],
    ['choice unknown', destinations, 'fr', 'Allemagne', 'Merci de choisir France, South Korea ou United States.'],
    ['choice out of range', destinations, 'en', '4', 'Please choose France, South Korea, or United States.'],
    [
      'choice ambiguous',
      field('choice', { choices: ['Paris', 'Parma'] }),
      'en',
      'par',
      'That could be Paris or Parma: please write it in full.',
    ],
    ['unknown language falls back to English', field('number'), 'ko', 'many', 'Please answer with a number, like 12.'],
  ];

  it.each(cases)('%s', (_name, config, language, answer, reason) => {
    expect(parseFieldAnswer(config, answer, context(language))).toEqual({ ok: false, reason });
  });
});

describe('dates are relative to the traveler’s day in the business time zone', () => {
  // 23:30 UTC on the 25th is already 00:30 on the 26th in Paris.
  const lateNight = { now: new Date('2026-11-25T23:30:00Z'), timeZone: 'Europe/Paris', language: 'en' };

  it('reads tomorrow and refuses the UTC day as past', () => {
    expect(parseFieldAnswer(field('date'), 'tomorrow', lateNight)).toMatchObject({ ok: true, value: '2026-11-27' });
    expect(parseFieldAnswer(field('date'), '25 November 2026', lateNight)).toMatchObject({ ok: false });
    expect(parseFieldAnswer(field('date'), '25 November 2026', { ...lateNight, timeZone: 'UTC' })).toMatchObject({
      ok: true,
      value: '2026-11-25',
    });
  });
});

describe('isSkipAnswer', () => {
  it.each([
    ['skip', 'en', true],
    ['None.', 'en', true],
    ['-', 'fr', true],
    ['n/a', 'es', true],
    ['Passer', 'fr', true],
    ['aucun', 'fr', true],
    ['non merci', 'fr', true],
    ['Ninguno', 'es', true],
    ['nada', 'es', true],
    ['skip', 'es', true], // English words count in every language
    ['passer', 'en', false], // French ones only in French
    ['no pets, but a stroller', 'en', false],
    ['a late check-in', 'en', false],
  ])('%j in %s → %s', (text, language, expected) => {
    expect(isSkipAnswer(text, language)).toBe(expected);
  });
});
