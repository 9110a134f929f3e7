import { DISTINCTIVE_LETTERS } from './distinctive-letters';

export type AddEvidence = (language: string, weight: number) => void;

/**
 * Evidence carried by single letters: scripts that belong to one language (Hangul,
 * kana, Han, Arabic, Hebrew, Greek, Thai, Devanagari), a lean toward Russian for
 * Cyrillic (Ukrainian and Bulgarian show themselves by their own letters and words),
 * and the distinctive Latin and Cyrillic letters. A letter of a one-language script
 * weighs about a fifth of a common word, a Hangul or Han character (a syllable) half.
 */
export function addScriptEvidence(text: string, add: AddEvidence): void {
  let kana = 0;
  let han = 0;
  let arabic = 0;
  let arabicOnly = 0;
  let persian = 0;
  let urdu = 0;
  for (const char of text.toLowerCase()) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0xa1) continue;
    const letter = DISTINCTIVE_LETTERS.get(char);
    if (letter) for (const [language, weight] of letter) add(language, weight);

    if (isHangul(code)) add('ko', 0.5);
    else if (isKana(code)) kana++;
    else if (isHan(code)) han++;
    else if (inRange(code, 0x0400, 0x052f)) {
      add('ru', 0.1);
      add('uk', 0.05);
      add('bg', 0.05);
    } else if (isArabicLetter(code)) {
      arabic++;
      if ('ةيكى'.includes(char)) arabicOnly++;
      else if ('پچژگکی'.includes(char)) persian++;
      if ('ٹڈڑںےہ'.includes(char)) urdu++;
    } else if (inRange(code, 0x05d0, 0x05f2)) add('he', 0.2);
    else if (inRange(code, 0x0386, 0x03ff) || inRange(code, 0x1f00, 0x1fff)) add('el', 0.2);
    else if (inRange(code, 0x0e01, 0x0e4e)) add('th', 0.2);
    else if (inRange(code, 0x0900, 0x0963)) add('hi', 0.2);
  }
  // Kana only occurs in Japanese, so the Han characters around it are Japanese kanji.
  if (kana > 0) add('ja', kana * 0.4 + han * 0.5);
  else if (han > 0) add('zh', han * 0.5);
  if (arabic > 0) add(urdu > 0 ? 'ur' : persian > arabicOnly ? 'fa' : 'ar', arabic * 0.2);
}

function inRange(code: number, from: number, to: number): boolean {
  return code >= from && code <= to;
}

function isHangul(code: number): boolean {
  return inRange(code, 0xac00, 0xd7af) || inRange(code, 0x1100, 0x11ff) || inRange(code, 0x3130, 0x318f);
}

// Hiragana, katakana (with its phonetic extensions) and half-width katakana.
function isKana(code: number): boolean {
  return inRange(code, 0x3040, 0x30ff) || inRange(code, 0x31f0, 0x31ff) || inRange(code, 0xff66, 0xff9f);
}

function isHan(code: number): boolean {
  return (
    inRange(code, 0x4e00, 0x9fff) ||
    inRange(code, 0x3400, 0x4dbf) ||
    inRange(code, 0xf900, 0xfaff) ||
    inRange(code, 0x20000, 0x2fa1f)
  );
}

// Letters only: the Arabic block also holds vowel marks, digits and punctuation (، ؟).
function isArabicLetter(code: number): boolean {
  return (
    (inRange(code, 0x0620, 0x06d3) && !inRange(code, 0x064b, 0x066d)) ||
    inRange(code, 0x0750, 0x077f) ||
    inRange(code, 0xfb50, 0xfdff) ||
    inRange(code, 0xfe70, 0xfefc)
  );
}
