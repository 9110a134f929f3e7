import type { FieldParse, FieldParseContext } from './field-parse';
import { fieldReason } from './field-reasons';

/** Email addresses and phone numbers. */

const localPart = /^[^\s@<>()[\],;:"]+$/u;
const domainLabel = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

function readEmail(candidate: string): string | null {
  const address = candidate
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^[<("'“]+|[>)"'”.,;:!?]+$/gu, '');
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if (at <= 0 || local.length > 64 || !localPart.test(local) || /^\.|\.\.|\.$/.test(local)) return null;
  const labels = domain.split('.');
  const tld = labels.at(-1) ?? '';
  if (labels.length < 2 || !labels.every((label) => domainLabel.test(label))) return null;
  if (!/^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u.test(tld)) return null;
  return `${local}@${domain}`;
}

/**
 * A practical check (something@domain.tld), not RFC 5322. The domain is lower-cased; the local
 * part is kept as written (some providers tell cases apart). "my email is ana@example.com" works:
 * the one word with an @ is taken.
 */
export function parseEmailAnswer(answer: string, context: FieldParseContext): FieldParse {
  const words = answer.trim().split(/\s+/u);
  const withAt = words.filter((word) => word.includes('@'));
  const email = readEmail(answer) ?? (withAt.length === 1 && withAt[0] ? readEmail(withAt[0]) : null);
  return email
    ? { ok: true, value: email, display: email }
    : { ok: false, reason: fieldReason('emailInvalid', context.language) };
}

/**
 * E.164 ("+33612345678"). The country code must be written (+ or 00): guessing it from the
 * channel or the language would reach the wrong person. Spaces, dashes, dots, parentheses and a
 * "(0)" trunk prefix ("+33 (0)6 …") are dropped.
 */
export function parsePhoneAnswer(answer: string, context: FieldParseContext): FieldParse {
  const text = answer
    .trim()
    .replace(/^tel:/i, '')
    .replace(/\(\s*0\s*\)/g, '');
  if (text === '' || /[^\d\s\-.()/+]/u.test(text)) {
    return { ok: false, reason: fieldReason('phoneInvalid', context.language) };
  }
  const compact = text.replace(/[\s\-.()/]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : null;
  if (digits === null) {
    const reason = /^\d{6,}$/.test(compact) ? 'phoneNeedsCountryCode' : 'phoneInvalid';
    return { ok: false, reason: fieldReason(reason, context.language) };
  }
  if (!/^[1-9]\d{7,14}$/.test(digits)) return { ok: false, reason: fieldReason('phoneInvalid', context.language) };
  return { ok: true, value: `+${digits}`, display: `+${digits}` };
}
