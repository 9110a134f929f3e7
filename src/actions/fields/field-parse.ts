/**
 * What a custom-action field answer becomes. Values are JSON-serialisable: they are stored on
 * the conversation and sent to the booking-system webhook as they are.
 */

/** Dates are ISO calendar dates (YYYY-MM-DD), without a time or a time zone. */
export interface DateRangeValue {
  from: string;
  to: string;
}

/** text, pattern, date (YYYY-MM-DD), email, phone (E.164) and choice are strings; number a number. */
export type FieldValue = string | number | DateRangeValue;

/** `display` is what the traveler's confirmation and the handoff card show; `reason` is said to the traveler. */
export type FieldParse = { ok: true; value: FieldValue; display: string } | { ok: false; reason: string };

export interface FieldParseContext {
  /** The moment the answer arrived; "tomorrow" and "not in the past" are relative to it. */
  now: Date;
  /** IANA zone the traveler's "today" is taken in (the business time zone). */
  timeZone: string;
  /** The conversation's language (en, fr, es, pt-BR…): how dates and numbers are read, and reasons written. */
  language: string;
}
