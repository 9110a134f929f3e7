import type { FieldParse, FieldParseContext } from './field-parse';
import { fieldReason, listAlternatives } from './field-reasons';
import { normalizeAnswer } from './normalize-answer';

/**
 * One of the configured choices, stored with the configured spelling. Accepted, in this order
 * (any case, with or without accents): the choice itself; its number in the list ("2"); the
 * start of exactly one choice ("south"); one of its words ("korea"); a sentence naming exactly
 * one choice ("France please").
 */
export function parseChoiceAnswer(answer: string, choices: readonly string[], context: FieldParseContext): FieldParse {
  const { language } = context;
  const said = normalizeAnswer(answer);
  const options = choices.map((choice) => ({ choice, normalized: normalizeAnswer(choice) }));
  const pick = (choice: string): FieldParse => ({ ok: true, value: choice, display: choice });

  const exact = options.find((option) => option.normalized === said);
  if (exact) return pick(exact.choice);

  const position = /^\s*(\d{1,3})\s*[.)]?\s*$/u.exec(answer);
  const numbered = position && choices[Number(position[1]) - 1];
  if (numbered) return pick(numbered);

  if (said.length > 0) {
    const tests = [
      (option: string) => said.length >= 2 && option.startsWith(said),
      (option: string) => ` ${option} `.includes(` ${said} `),
      (option: string) => ` ${said} `.includes(` ${option} `),
    ];
    for (const test of tests) {
      const found = options.filter((option) => test(option.normalized));
      if (found.length === 1 && found[0]) return pick(found[0].choice);
      if (found.length > 1) {
        const names = found.map((option) => option.choice);
        return {
          ok: false,
          reason: fieldReason('choiceAmbiguous', language, { choices: listAlternatives(names, language) }),
        };
      }
    }
  }
  return {
    ok: false,
    reason: fieldReason('choiceUnknown', language, { choices: listAlternatives(choices, language) }),
  };
}
