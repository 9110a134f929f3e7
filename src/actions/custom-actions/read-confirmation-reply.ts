import { isStopWord } from '../../ai/retrieval/normalize';
import type { TActionField } from '../../config/baton-config.schema';
import { answerWords, normalizeAnswer } from '../fields/normalize-answer';

/**
 * How a traveler answered the summary of a custom action, in English, French or Spanish:
 * - `change`: the reply names one field ("the dates", "no, the travel dates", "2"): ask it again;
 * - `yes`: a plain agreement naming no field;
 * - `restart`: "everything", "all of it": ask every field again;
 * - `no`: a disagreement naming no field: ask which detail to change;
 * - `unclear`: anything else: show the summary again.
 * A reply naming a field wins over "yes", so "yes but the dates are wrong" never submits.
 */
export type ConfirmationReply =
  | { kind: 'yes' }
  | { kind: 'no' }
  | { kind: 'restart' }
  | { kind: 'change'; fieldIndex: number }
  | { kind: 'unclear' };

const yesWords = new Set(
  'yes y yeah yep yup ok okay k correct right confirm confirmed sure good fine perfect great exactly oui ouais accord exact exactement parfait confirme confirmer bien bon si claro vale correcto perfecto confirmo exacto bueno'.split(
    ' ',
  ),
);
const noWords = new Set(
  'no n nope nah not wrong incorrect change mistake non pas faux incorrecte changer modifier erreur mal cambiar corregir error incorrecto equivocado'.split(
    ' ',
  ),
);
const everythingWords = new Set('all everything restart tout recommencer todo todos'.split(' '));

/** Words that may name a field: not "yes", "no", "the" or "change" ("confirm" must not pick "Confirmation number"). */
function isFieldWord(word: string): boolean {
  return (
    word.length >= 4 && !isStopWord(word) && !yesWords.has(word) && !noWords.has(word) && !everythingWords.has(word)
  );
}

/** "travelDates" → "travel dates". */
function nameWords(name: string): string {
  return normalizeAnswer(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' '));
}

function significantWords(field: TActionField): string[] {
  const phrases = [field.label ?? '', field.name].map((text, i) => (i === 1 ? nameWords(text) : normalizeAnswer(text)));
  return [...new Set(phrases.flatMap((phrase) => phrase.split(' ')).filter(isFieldWord))];
}

/** The one field the reply names: a whole label or name wins; else words shared with only one field. */
export function findNamedField(reply: string, fields: readonly TActionField[]): number | null {
  const said = ` ${normalizeAnswer(reply)} `;
  const whole = fields.flatMap((field, index) => {
    const phrases = [field.label ? normalizeAnswer(field.label) : '', nameWords(field.name)];
    return phrases.some((phrase) => phrase !== '' && said.includes(` ${phrase} `)) ? [index] : [];
  });
  if (whole.length === 1) return whole[0] ?? null;
  if (whole.length > 1) return null;
  const words = answerWords(reply).filter(isFieldWord);
  const resembles = (a: string, b: string) => a === b || a.startsWith(b) || b.startsWith(a);
  const partial = fields.flatMap((field, index) =>
    significantWords(field).some((known) => words.some((word) => resembles(word, known))) ? [index] : [],
  );
  return partial.length === 1 ? (partial[0] ?? null) : null;
}

export function readConfirmationReply(reply: string, fields: readonly TActionField[]): ConfirmationReply {
  const position = /^\s*(\d{1,2})\s*[.)]?\s*$/u.exec(reply);
  if (position) {
    const index = Number(position[1]) - 1;
    return index >= 0 && index < fields.length ? { kind: 'change', fieldIndex: index } : { kind: 'unclear' };
  }
  const named = findNamedField(reply, fields);
  if (named !== null) return { kind: 'change', fieldIndex: named };
  const words = answerWords(reply.replace(/['’]/g, ' '));
  const saysNo = words.some((word) => noWords.has(word));
  const saysYes = words.some((word) => yesWords.has(word)) || /^\s*👍/u.test(reply);
  if (words.some((word) => everythingWords.has(word)) && !(saysYes && !saysNo)) return { kind: 'restart' };
  if (saysNo) return { kind: 'no' };
  if (saysYes) return { kind: 'yes' };
  return { kind: 'unclear' };
}
