import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from '../core/errors';
import { type TBatonConfig, ZBatonConfigSchema } from './baton-config.schema';
import { friendlyErrorMap, problemsFromIssues, problemWithLine } from './config-problems';

/**
 * Reads, parses and validates the YAML config. Problems come back together, one per line,
 * each pointing at the YAML path (`rules[2].when.regex: …`) and its line in the file.
 */
export function loadBatonConfig(path: string): TBatonConfig {
  let yamlText: string;
  try {
    yamlText = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new ConfigError(
      'config_invalid',
      [`${path}: ${reason}. Fix: set BATON_CONFIG to an existing file, or create it from baton.config.example.yml.`],
      `Config file ${path} cannot be read:`,
    );
  }
  return parseBatonConfig(yamlText, path);
}

/** Parses config text; `sourceName` (usually the path) names the file in the error. */
export function parseBatonConfig(yamlText: string, sourceName: string): TBatonConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, merge: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw configError(
      sourceName,
      doc.errors.map((error) => {
        // yaml's message repeats the position and quotes the source; keep the first sentence.
        const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
        const position = error.linePos?.[0];
        return position ? `line ${position.line}, column ${position.col}: ${message}.` : `${message}.`;
      }),
    );
  }
  const data = withoutNullValues(doc.toJS() ?? {});
  const parsed = ZBatonConfigSchema.safeParse(data, { error: friendlyErrorMap });
  if (!parsed.success) {
    throw configError(
      sourceName,
      problemsFromIssues(parsed.error.issues).map((problem) => problemWithLine(problem, doc, lineCounter)),
    );
  }
  return deepFreeze(parsed.data);
}

function configError(sourceName: string, problems: string[]): ConfigError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new ConfigError('config_invalid', problems, `Config file ${sourceName} has ${count}:`);
}

/**
 * `rules:` with every item commented out reads as null; treat a key without a value as
 * not written, so it gets its default instead of an "expected a list" error.
 */
function withoutNullValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullValues);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== null)
        .map(([key, inner]) => [key, withoutNullValues(inner)]),
    );
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
