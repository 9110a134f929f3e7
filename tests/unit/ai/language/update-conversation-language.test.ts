import { updateConversationLanguage } from '../../../../src/ai/language/detect-language';

const CANDIDATES = ['en', 'fr', 'es', 'pt-BR'];
const update = (previous: string | undefined, text: string) =>
  updateConversationLanguage(previous, text, CANDIDATES, 'en');

describe('updateConversationLanguage', () => {
  it.each([
    ['ok', undefined],
    ['Bonjour', undefined],
    ['K7Q2ZB', undefined],
    ['ou est mon bagage', 'fr'],
    ['Where is my driver?', 'en'],
    ['Minha mala não chegou', 'pt-BR'],
  ])('an unknown language takes what a first message shows: %j → %s', (text, expected) => {
    expect(update(undefined, text)).toBe(expected);
  });

  it.each([
    ['fr', 'ok'],
    ['fr', 'Thanks'],
    ['fr', 'yes please'],
    ['en', 'Gracias!'],
    ['en', 'merci beaucoup'],
    ['en', 'Gracias, the driver found us'],
    ['en', 'Hotel Miramar, Avenida de la Playa 12, Benidorm'],
    ['en', 'Rua das Flores 23, Porto'],
    ['es', 'Hola, my flight is late'],
    ['pt-BR', 'ok obrigado'],
    ['fr', '12 juin 👍'],
  ])('a known language stays %s after %j', (previous, text) => {
    expect(update(previous, text)).toBe(previous);
  });

  it.each([
    ['fr', 'Where is the pickup point at the airport?', 'en'],
    ['en', 'Mi maleta no ha llegado todavía', 'es'],
    ['en', 'Mon vol a deux heures de retard, le chauffeur peut attendre ?', 'fr'],
    ['es', 'O motorista não está no aeroporto', 'pt-BR'],
  ])('a known language %s gives way to a clear sentence in another: %j → %s', (previous, text, expected) => {
    expect(update(previous, text)).toBe(expected);
  });

  it('answers the candidate as spelled, and treats a stale previous language as unknown', () => {
    expect(update('pt', 'ok')).toBe('pt-BR');
    expect(update('it', 'ok')).toBeUndefined();
    expect(update('it', 'Mon vol a deux heures de retard')).toBe('fr');
    expect(updateConversationLanguage('pt-PT', 'O motorista não está no aeroporto', ['pt-BR', 'pt-PT'], 'pt-BR')).toBe(
      'pt-PT',
    );
  });

  it('settles an unknown language on the default when the traveler plainly writes another one', () => {
    expect(update(undefined, 'Wo ist mein Koffer? Ich warte seit einer Stunde')).toBe('en');
    expect(updateConversationLanguage(undefined, '我的行李在哪里？我已经等了一个小时了', ['fr', 'en'], 'fr')).toBe(
      'fr',
    );
    expect(update(undefined, 'Danke')).toBeUndefined();
  });

  it('keeps a known language when the traveler writes one that is not a candidate', () => {
    expect(update('es', 'Wo ist mein Koffer? Ich warte seit einer Stunde')).toBe('es');
  });

  it('needs a long enough message to change a known language', () => {
    // Both are clearly French; the first is two letters short of a sentence.
    expect(update('en', 'où est ma clé')).toBe('en');
    expect(update('en', 'où est ma valise')).toBe('fr');
  });
});
