import fc from 'fast-check';
import { detectLanguage } from '../../../../src/ai/language/detect-language';
import { MORE_TRAVELER_MESSAGES, TABLE_CANDIDATES, TRAVELER_MESSAGES } from './traveler-messages';

// biome-ignore format: one row of Latin-script languages, one of the rest
const EVERY_LANGUAGE = [
  'en', 'fr', 'es', 'de', 'it', 'pt', 'nl', 'ca', 'pl', 'tr', 'sv', 'da', 'nb', 'id',
  'ru', 'uk', 'bg', 'zh', 'ar', 'fa', 'he', 'el', 'th', 'hi', 'ko', 'ja',
];

describe('detectLanguage', () => {
  it.each(TRAVELER_MESSAGES)('%j → %s', (text, expected) => {
    expect(detectLanguage(text, TABLE_CANDIDATES).language).toBe(expected);
  });

  it.each(MORE_TRAVELER_MESSAGES)('%j → %s (messages written after tuning)', (text, expected) => {
    expect(detectLanguage(text, TABLE_CANDIDATES).language).toBe(expected);
  });

  it.each([
    ['Waar is mijn koffer? Ik wacht al een uur', 'nl'],
    ['On és el meu equipatge? Porto una hora esperant', 'ca'],
    ['Gdzie jest mój bagaż? Czekam już godzinę', 'pl'],
    ['Bavulum nerede? Bir saattir bekliyorum', 'tr'],
    ['Var är mitt bagage? Jag har väntat en timme', 'sv'],
    ['Jeg har mistet kofferten min på flyplassen, hva gjør jeg nå?', 'nb'],
    ['Di mana bagasi saya? Saya sudah menunggu satu jam', 'id'],
    ['Где мой багаж? Я жду уже час', 'ru'],
    ['Де мій багаж? Я чекаю вже годину', 'uk'],
    ['Къде е багажът ми? Чакам вече един час', 'bg'],
    ['我的行李在哪里？我已经等了一个小时了', 'zh'],
    ['أين حقيبتي؟ أنا أنتظر منذ ساعة', 'ar'],
    ['چمدان من کجاست؟ یک ساعت است که منتظرم', 'fa'],
    ['איפה המזוודה שלי? אני מחכה כבר שעה', 'he'],
    ['Πού είναι οι αποσκευές μου; Περιμένω μία ώρα', 'el'],
    ['กระเป๋าของฉันอยู่ที่ไหน ฉันรอมาชั่วโมงแล้ว', 'th'],
    ['मेरा सामान कहाँ है? मैं एक घंटे से इंतज़ार कर रहा हूँ', 'hi'],
  ])('tells %j apart among every language it knows → %s', (text, expected) => {
    expect(detectLanguage(text, EVERY_LANGUAGE).language).toBe(expected);
  });

  it.each([
    // Danish and Norwegian Bokmål share nearly every word; one differs here (kuffert / koffert).
    ['Hvor er min kuffert? Jeg har ventet en time'],
    ['Hvor er kofferten min? Jeg har ventet i en time'],
    // Every word but "il" is also Portuguese or Catalan.
    ['quanto costa il taxi per l hotel'],
  ])('gives up rather than guesses on %j (known limit)', (text) => {
    expect(detectLanguage(text, EVERY_LANGUAGE).language).toBeUndefined();
  });

  describe('candidates', () => {
    it('answers only a candidate, never the nearest one', () => {
      expect(detectLanguage('¿Dónde está mi maleta? Llevo una hora esperando', ['en', 'pt']).language).toBeUndefined();
      expect(detectLanguage('Where is my luggage? We have been waiting for an hour', ['fr', 'es']).language).toBe(
        undefined,
      );
      expect(detectLanguage('공항에서 픽업 장소가 어디예요?', ['en']).language).toBeUndefined();
      expect(detectLanguage('Il mio volo è in ritardo di due ore', ['en', 'es', 'fr']).language).toBeUndefined();
    });

    it('matches on the base language and answers the candidate as spelled', () => {
      const portuguese = 'Minha mala não chegou, o que eu faço?';
      expect(detectLanguage(portuguese, ['en', 'pt-BR']).language).toBe('pt-BR');
      expect(detectLanguage(portuguese, ['pt-PT', 'pt-BR']).language).toBe('pt-PT');
      expect(detectLanguage('Mon vol a deux heures de retard', ['en', 'fr-CA']).language).toBe('fr-CA');
      expect(detectLanguage('Jeg har mistet kofferten min på flyplassen', ['en', 'no']).language).toBe('no');
      expect(detectLanguage('我的行李在哪里？我已经等了一个小时了', ['en', 'zh-Hant']).language).toBe('zh-Hant');
    });

    it('answers nothing without candidates', () => {
      expect(detectLanguage('Where is my luggage?', []).language).toBeUndefined();
    });
  });

  describe('options', () => {
    it('answers the fallback when no candidate is detected, with the confidence it found', () => {
      expect(detectLanguage('ok', ['en', 'fr'], { fallback: 'en' })).toEqual({ language: 'en', confidence: 0 });
      expect(detectLanguage('Where is my luggage?', ['fr'], { fallback: 'fr' }).language).toBe('fr');
      expect(detectLanguage('ou est mon bagage', ['en', 'fr'], { fallback: 'en' }).language).toBe('fr');
    });

    it('takes a stricter or looser minimum confidence', () => {
      const { confidence } = detectLanguage('ou est mon bagage', ['fr']);
      expect(confidence).toBeGreaterThan(0.5);
      expect(
        detectLanguage('ou est mon bagage', ['fr'], { minConfidence: confidence + 0.01 }).language,
      ).toBeUndefined();
      expect(detectLanguage('Merci', ['fr']).language).toBeUndefined();
      expect(detectLanguage('Merci', ['fr'], { minConfidence: 0.1 }).language).toBe('fr');
    });
  });

  it('is more confident the more a message says', () => {
    const confidence = (text: string) => detectLanguage(text, ['en']).confidence;
    expect(confidence('yes')).toBeLessThan(confidence('where is my driver'));
    expect(confidence('where is my driver')).toBeLessThan(
      confidence('where is my driver, we have been waiting at arrivals for an hour'),
    );
    expect(confidence('where is my driver, we have been waiting at arrivals for an hour')).toBeLessThanOrEqual(1);
  });

  it('ignores letter case and missing accents', () => {
    expect(detectLanguage('OÙ EST MON BAGAGE ?', TABLE_CANDIDATES).language).toBe('fr');
    expect(detectLanguage('WO IST MEIN GEPAECK', TABLE_CANDIDATES).language).toBe('de');
    expect(detectLanguage('nao chegou minha bagagem', TABLE_CANDIDATES).language).toBe('pt-BR');
  });

  it('answers a candidate or nothing, the same every time, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), (ascii, unicode) => {
        for (const text of [ascii, unicode]) {
          const first = detectLanguage(text, TABLE_CANDIDATES);
          expect(detectLanguage(text, TABLE_CANDIDATES)).toEqual(first);
          expect([undefined, ...TABLE_CANDIDATES]).toContain(first.language);
          expect(first.confidence).toBeGreaterThanOrEqual(0);
          expect(first.confidence).toBeLessThan(1);
        }
      }),
    );
  });

  it('finds no language in codes, numbers, dates and emoji', () => {
    // Every token holds a digit, as booking references, flight numbers and dates do.
    const token = fc.stringMatching(/^(?:[A-Za-z]{0,3}[0-9][A-Za-z0-9]{0,6}|[0-9/:.,#+-]{1,10})$/);
    const wordless = fc.array(token, { maxLength: 5 }).map((tokens) => tokens.join(' '));
    const emoji = fc.constantFrom('👍', '🙏', '😀', '✈️', '🧳', '❤️', ' ', '!');
    fc.assert(
      fc.property(fc.oneof(wordless, fc.string({ unit: emoji, maxLength: 10 })), (text) => {
        expect(detectLanguage(text, TABLE_CANDIDATES).language).toBeUndefined();
      }),
    );
  });

  it('takes well under 0.1 ms for a 200-character message', () => {
    const message =
      'Hi, my flight from Lisbon is delayed by two hours, can the driver wait for me? We are a family of four with two big suitcases and a stroller, thanks a lot!! See you soon at the arrivals hall.';
    const calls = 2000;
    const rounds = [0, 1, 2].map(() => {
      const start = process.hrtime.bigint();
      for (let call = 0; call < calls; call++) detectLanguage(message, TABLE_CANDIDATES);
      return Number(process.hrtime.bigint() - start) / 1e6 / calls;
    });
    // The best of three rounds, so a busy machine does not fail the test.
    expect(Math.min(...rounds)).toBeLessThan(0.1);
  });
});
