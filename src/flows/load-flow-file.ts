import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { TBatonConfig } from '../config/baton-config.schema';
import {
  type ConfigProblem,
  closestMatch,
  friendlyErrorMap,
  problemsFromIssues,
  problemWithLine,
} from '../config/config-problems';
import { type TFlow, ZFlowSchema } from './flow-file.schema';
import { FlowFileError } from './flow-file-error';

/** What a flow may name from the config it runs against. */
export type FlowConfigView = Pick<TBatonConfig, 'tags' | 'actions'>;

/** Reads and validates a flow file; throws `FlowFileError` listing every problem with its line. */
export function loadFlowFile(path: string, config: FlowConfigView): TFlow {
  let yamlText: string;
  try {
    yamlText = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error);
    throw new FlowFileError(path, [`${reason}.`]);
  }
  return parseFlowFile(yamlText, path, config);
}

/**
 * Parses flow text (`sourceName` names it in errors). Besides the schema, names the flow uses
 * are checked against the config it runs with — tags, custom actions and their fields — so a
 * typo is reported before anything runs, not as a puzzling failed expectation.
 */
export function parseFlowFile(yamlText: string, sourceName: string, config: FlowConfigView): TFlow {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new FlowFileError(
      sourceName,
      doc.errors.map((error) => {
        const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.message;
        const position = error.linePos?.[0];
        return position ? `line ${position.line}, column ${position.col}: ${message}.` : `${message}.`;
      }),
    );
  }
  const parsed = ZFlowSchema.safeParse(doc.toJS() ?? {}, { error: friendlyErrorMap });
  const problems = parsed.success ? checkNames(parsed.data, config) : problemsFromIssues(parsed.error.issues);
  if (problems.length > 0 || !parsed.success) {
    throw new FlowFileError(
      sourceName,
      problems.map((problem) => problemWithLine(problem, doc, lineCounter)),
    );
  }
  return parsed.data;
}

function checkNames(flow: TFlow, config: FlowConfigView): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const tagNames = config.tags.map((tag) => tag.name);
  const actionIds = config.actions.map((action) => action.id);
  const fieldNames = [...new Set(config.actions.flatMap((action) => action.fields.map((field) => field.name)))];
  const unknown = (what: string, name: string, known: string[], where: string) => {
    const guess = closestMatch(name, known);
    const hint = guess
      ? `; did you mean ${JSON.stringify(guess)}?`
      : known.length
        ? ` (${where}: ${known.join(', ')}).`
        : '.';
    return `${what} ${JSON.stringify(name)} is not in the config${hint} Fix: correct the name, or add it to the config.`;
  };
  flow.steps.forEach((step, index) => {
    const at = ['steps', index];
    if (step.kind === 'specialist' && step.action.do === 'tag') {
      for (const tag of step.action.tags) {
        if (!tagNames.includes(tag))
          problems.push({ path: [...at, 'specialist', 'tag'], message: unknown('tag', tag, tagNames, 'tags') });
      }
    }
    if (step.kind === 'specialist' && step.action.do === 'askFor') {
      const wanted = step.action.action;
      if (!config.actions.some((action) => action.id === wanted || action.title === wanted))
        problems.push({
          path: [...at, 'specialist', 'askFor'],
          message: unknown('action', wanted, actionIds, 'actions'),
        });
    }
    const expect = step.expect;
    if (!expect) return;
    for (const tag of expect.tags ?? []) {
      if (!tagNames.includes(tag))
        problems.push({ path: [...at, 'expect', 'tags'], message: unknown('tag', tag, tagNames, 'tags') });
    }
    for (const field of Object.keys(expect.collected ?? {})) {
      if (!fieldNames.includes(field))
        problems.push({
          path: [...at, 'expect', 'collected', field],
          message: unknown('field', field, fieldNames, 'fields of the actions'),
        });
    }
    const hook = expect.webhook?.called ? expect.webhook.action : undefined;
    if (hook !== undefined) {
      const action = config.actions.find((candidate) => candidate.id === hook);
      if (!action)
        problems.push({
          path: [...at, 'expect', 'webhook', 'action'],
          message: unknown('action', hook, actionIds, 'actions'),
        });
      else if (!action.webhook)
        problems.push({
          path: [...at, 'expect', 'webhook', 'action'],
          message: `action ${JSON.stringify(hook)} has no webhook in the config, so it is never called. Fix: add actions[].webhook, or drop this expectation.`,
        });
    }
  });
  return problems;
}
