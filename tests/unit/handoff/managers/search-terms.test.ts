import { escapeLike, phoneDigits } from '../../../../src/handoff/managers/search-terms';

describe('phoneDigits', () => {
  it.each([
    ['+1 555 222 0001', '15552220001'],
    ['5552220001', '5552220001'],
    ['+15552220001', '15552220001'],
    ['whatsapp:+15552220001', '15552220001'],
    ['WhatsApp:+1 (555) 222-0001', '15552220001'],
    ['(555) 222-0001', '5552220001'],
    ['555.222.0001', '5552220001'],
    ['  +44 7700 900123  ', '447700900123'],
    // National trunk prefix and international "00": stored numbers are E.164.
    ['07700 900123', '7700900123'],
    ['0044 7700 900123', '447700900123'],
    // The last four digits a masked number shows.
    ['0001', '0001'],
    ['222 0001', '2220001'],
  ])('%s → %s', (query, expected) => {
    expect(phoneDigits(query)).toBe(expected);
  });

  it.each([
    ['AB12CD', 'a confirmation number'],
    ['Ana Lima', 'a name'],
    ['Flight 1234', 'words with digits'],
    ['123', 'fewer than four digits'],
    ['+1 5', 'fewer than four digits after the country code'],
    ['', 'an empty query'],
    ['+()-', 'punctuation only'],
  ])('%s is not a phone number (%s)', (query) => {
    expect(phoneDigits(query)).toBeNull();
  });
});

describe('escapeLike', () => {
  it.each([
    ['Ana', 'Ana'],
    ['100%', '100\\%'],
    ['a_b', 'a\\_b'],
    ['back\\slash', 'back\\\\slash'],
  ])('%s → %s', (text, expected) => {
    expect(escapeLike(text)).toBe(expected);
  });
});
