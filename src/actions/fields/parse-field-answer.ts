import type { TActionField } from '../../config/baton-config.schema';
import type { FieldParse, FieldParseContext } from './field-parse';
import { parseChoiceAnswer } from './parse-choice-answer';
import { parseEmailAnswer, parsePhoneAnswer } from './parse-contact-answer';
import { parseDateAnswer, parseDateRangeAnswer } from './parse-date-answer';
import { parseNumberAnswer } from './parse-number-answer';
import { parsePatternAnswer, parseTextAnswer } from './parse-text-answer';

export type { FieldParse, FieldParseContext, FieldValue } from './field-parse';
export { isSkipAnswer } from './is-skip-answer';

/**
 * A traveler's answer to one custom-action field, validated and normalised for its type. Pure:
 * "today" comes from `context.now` in `context.timeZone`. An invalid answer carries a short
 * reason in the traveler's language (en, fr, es; English otherwise), said before asking again.
 */
export function parseFieldAnswer(field: TActionField, answer: string, context: FieldParseContext): FieldParse {
  switch (field.type) {
    case 'text':
      return parseTextAnswer(answer, context);
    case 'pattern':
      // The config requires a pattern for this type; without one, any text would do.
      return field.pattern === undefined
        ? parseTextAnswer(answer, context)
        : parsePatternAnswer(answer, field.pattern, context);
    case 'date':
      return parseDateAnswer(answer, context);
    case 'dateRange':
      return parseDateRangeAnswer(answer, context);
    case 'email':
      return parseEmailAnswer(answer, context);
    case 'phone':
      return parsePhoneAnswer(answer, context);
    case 'number':
      return parseNumberAnswer(answer, context);
    case 'choice':
      return parseChoiceAnswer(answer, field.choices ?? [], context);
  }
}
