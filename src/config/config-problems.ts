import { type Document, isMap, isNode, isPair, isScalar, type LineCounter } from 'yaml';
import type { z } from 'zod';

/**
 * Turning zod issues into the one-line problems an operator reads: `path: problem. Fix: …`.
 * Shared by the env loader and the YAML config loader so both speak the same way.
 */

export type ProblemPath = ReadonlyArray<PropertyKey>;

export interface ConfigProblem {
  /** Where the problem is, as keys from the document root. */
  path: ProblemPath;
  message: string;
  /** For an unknown key: the key itself, so its own line can be found in the file. */
  key?: string;
}

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** `['rules', 2, 'when', 'regex']` → `rules[2].when.regex`; odd keys are quoted. */
export function formatPath(path: ProblemPath): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

/** How a value looks in a message: short, quoted, never huge. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

const expectedNames: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
};

/**
 * Parse-level error map: plain-language messages for the generic issues. Schema-level
 * messages (set where a field has a specific rule and fix) take precedence over these.
 */
export const friendlyErrorMap: z.core.$ZodErrorMap = (issue: RawIssue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required.';
      return `expected ${expectedNames[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return issue.minimum === 1 ? 'must not be empty.' : `must be at least ${issue.minimum} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}.`;
      return `must be at least ${issue.minimum}, got ${describeValue(issue.input)}.`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${issue.maximum} items.`;
      return `must be at most ${issue.maximum}, got ${describeValue(issue.input)}.`;
    case 'invalid_value':
      return `${describeValue(issue.input)} is not allowed. Fix: use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'invalid_union':
      return `${describeValue(issue.input)} does not have any of the accepted forms.`;
    case 'unrecognized_keys':
      return issue.keys
        .map((key) => `unknown key ${JSON.stringify(key)}. Fix: remove it or check its spelling.`)
        .join('\n');
    default:
      return undefined;
  }
};

/**
 * Schema-level error for strict objects: one line per unknown key, in the order of
 * `issue.keys`, each suggesting the closest allowed key (typos are the usual cause).
 */
export function unknownKeysError(allowed: readonly string[]): z.core.$ZodErrorMap {
  return (issue: RawIssue) => {
    if (issue.code !== 'unrecognized_keys') return undefined;
    return issue.keys
      .map((key) => {
        const guess = closestMatch(key, allowed);
        const hint = guess ? `did you mean ${JSON.stringify(guess)}?` : `allowed keys: ${allowed.join(', ')}.`;
        return `unknown key ${JSON.stringify(key)}; ${hint} Fix: rename or remove it.`;
      })
      .join('\n');
  };
}

/** The allowed word closest to `word`, if it is close enough to be a likely typo. */
export function closestMatch(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const candidate of allowed) {
    const other = candidate.toLowerCase();
    // "monday" for "mon", "keyword" for "keywords": a prefix is a likely slip too.
    if (Math.min(lower.length, other.length) >= 3 && (lower.startsWith(other) || other.startsWith(lower)))
      return candidate;
    const distance = editDistance(lower, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Flatten zod issues into problems. A failed union reports the branch the value was
 * evidently meant for (the one that did not fail on the value's type), so a mistake
 * inside a `{ en: …, es: … }` map is reported there rather than as "invalid input".
 */
export function problemsFromIssues(issues: readonly Issue[], prefix: ProblemPath = []): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const plausible = issue.errors.filter(
        (branch) => !branch.every((inner) => inner.path.length === 0 && inner.code === 'invalid_type'),
      );
      const [only] = plausible;
      if (plausible.length === 1 && only) {
        problems.push(...problemsFromIssues(only, path));
        continue;
      }
    }
    if (issue.code === 'invalid_key') {
      problems.push({ path, message: issue.issues[0]?.message ?? issue.message });
      continue;
    }
    const lines = issue.message.split('\n');
    lines.forEach((message, index) => {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[index] : undefined;
      problems.push(key === undefined ? { path, message } : { path, message, key });
    });
  }
  return problems;
}

/** `path: message (line N)`, the line being that of the deepest node of the path found in the file. */
export function problemWithLine(problem: ConfigProblem, doc: Document, lineCounter: LineCounter): string {
  const line = `${formatPath(problem.path)}: ${problem.message}`;
  const offset = sourceOffset(problem, doc);
  return offset === undefined ? line : `${line} (line ${lineCounter.linePos(offset).line})`;
}

function sourceOffset(problem: ConfigProblem, doc: Document): number | undefined {
  for (let length = problem.path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(problem.path.slice(0, length), true);
    if (!isNode(node)) continue;
    if (problem.key !== undefined && length === problem.path.length && isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === problem.key);
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
    if (node.range) return node.range[0];
  }
  return undefined;
}
