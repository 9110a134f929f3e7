import { isDeepStrictEqual } from 'node:util';
import type { TAlertCheck, TExpectations, TTextCheck } from './flow-file.schema';
import { flowRegexFlags } from './flow-file.schema';
import type { CollectedDetail, FlowObservation, ObservedAlert } from './flow-observation';

/** One checked expectation: `message` reads as a line of the report (`state: expected "pending", got "bot"`). */
export interface ExpectationResult {
  /** The expectation's key (`state`, `collected.confirmationNumber`, …). */
  expectation: string;
  ok: boolean;
  expected: string;
  actual: string;
  message: string;
}

const maxShown = 240;

/** A value as the report shows it: strings quoted and cut, lists in brackets. */
export function show(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (typeof value === 'string') {
    const flat = value.replace(/\s+/g, ' ').trim();
    return JSON.stringify(flat.length > maxShown ? `${flat.slice(0, maxShown - 1)}…` : flat);
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (typeof item === 'string' ? item : show(item))).join(', ')}]`;
  return JSON.stringify(value);
}

/** Case and spacing do not count in `contains` (Slack and SMS reflow text). */
const normalize = (value: string) => value.replace(/\s+/g, ' ').trim().toLowerCase();

function result(expectation: string, ok: boolean, expected: string, actual: string, detail = ''): ExpectationResult {
  const message = ok
    ? `${expectation}: ${expected}`
    : `${expectation}: expected ${expected}, got ${actual}${detail ? ` (${detail})` : ''}`;
  return { expectation, ok, expected, actual, message };
}

/** The first way `actual` fails `check`, or undefined when it passes. */
function textMismatch(check: TTextCheck, actual: string): string | undefined {
  const haystack = normalize(actual);
  for (const needle of check.contains ?? []) {
    if (!haystack.includes(normalize(needle))) return `to contain ${show(needle)}`;
  }
  for (const needle of check.notContains ?? []) {
    if (haystack.includes(normalize(needle))) return `not to contain ${show(needle)}`;
  }
  if (check.matches !== undefined && !new RegExp(check.matches, flowRegexFlags).test(actual)) {
    return `to match /${check.matches}/`;
  }
  if (check.equals !== undefined && actual.trim() !== check.equals.trim()) return `to be ${show(check.equals)}`;
  return undefined;
}

function describeTextCheck(check: TTextCheck): string {
  const parts = [
    ...(check.contains ?? []).map((needle) => `to contain ${show(needle)}`),
    ...(check.notContains ?? []).map((needle) => `not to contain ${show(needle)}`),
    ...(check.matches !== undefined ? [`to match /${check.matches}/`] : []),
    ...(check.equals !== undefined ? [`to be ${show(check.equals)}`] : []),
  ];
  return parts.join(' and ');
}

function checkText(name: string, check: TTextCheck, actual: string | undefined, absent: string): ExpectationResult {
  if (actual === undefined) return result(name, false, describeTextCheck(check), absent);
  const mismatch = textMismatch(check, actual);
  return mismatch
    ? result(name, false, mismatch, show(actual))
    : result(name, true, describeTextCheck(check), show(actual));
}

function collectedMatches(expected: unknown, detail: CollectedDetail | undefined): boolean {
  if (detail === undefined) return false;
  if (typeof expected === 'string' || typeof expected === 'number') {
    const wanted = String(expected);
    return detail.display === wanted || (detail.value !== null && String(detail.value) === wanted);
  }
  return isDeepStrictEqual(expected, detail.value);
}

function alertMatches(check: TAlertCheck, alert: ObservedAlert): boolean {
  if (check.usergroup !== undefined && alert.usergroup !== check.usergroup) return false;
  if (check.users?.some((user) => !alert.users.includes(user))) return false;
  if (check.text !== undefined) {
    const said = normalize(`${alert.text ?? ''} ${alert.posted ?? ''}`);
    if (!said.includes(normalize(check.text))) return false;
  }
  return true;
}

function describeAlert(alert: Partial<ObservedAlert> | TAlertCheck): string {
  const who = [
    ...(alert.users ?? []).map((user) => `<@${user}>`),
    ...(alert.usergroup ? [`<!subteam^${alert.usergroup}>`] : []),
  ];
  const text = alert.text ? ` saying ${show(alert.text)}` : '';
  return `an alert${who.length ? ` mentioning ${who.join(' ')}` : ''}${text}`;
}

function checkAlerts(expect: NonNullable<TExpectations['alert']>, alerts: ObservedAlert[]): ExpectationResult[] {
  const actual = alerts.length ? alerts.map(describeAlert).join('; ') : 'no alert posted';
  if (expect === true) return [result('alert', alerts.length > 0, 'an alert posted', actual)];
  if (expect === false) return [result('alert', alerts.length === 0, 'no alert', actual)];
  const checks = Array.isArray(expect) ? expect : [expect];
  return checks.map((check) => {
    const ok = alerts.some((alert) => alertMatches(check, alert));
    return result('alert', ok, describeAlert(check), actual);
  });
}

function checkWebhook(
  expect: NonNullable<TExpectations['webhook']>,
  calls: FlowObservation['webhookCalls'],
): ExpectationResult[] {
  const relevant = calls.filter((call) => !expect.action || call.actionId === expect.action);
  const target = expect.action ? ` for ${expect.action}` : '';
  if (!expect.called) {
    return [result('webhook', relevant.length === 0, `no call${target}`, `${relevant.length} call(s)`)];
  }
  const last = relevant.at(-1);
  if (!last) {
    const others = calls.length
      ? `calls for ${[...new Set(calls.map((call) => call.actionId))].join(', ')} only`
      : 'no call';
    return [result('webhook', false, `a call${target}`, others)];
  }
  const fields = Object.entries(expect.fields ?? {});
  if (fields.length === 0) return [result('webhook', true, `a call${target}`, `${relevant.length} call(s)`)];
  return fields.map(([name, wanted]) => {
    const got = last.fields[name];
    return result(`webhook.fields.${name}`, isDeepStrictEqual(wanted, got), show(wanted), show(got));
  });
}

function checkTags(expected: string[], actual: string[]): ExpectationResult {
  const missing = expected.filter((tag) => !actual.includes(tag));
  const extra = actual.filter((tag) => !expected.includes(tag));
  const detail = [
    ...(missing.length ? [`missing: ${missing.join(', ')}`] : []),
    ...(extra.length ? [`unexpected: ${extra.join(', ')}`] : []),
  ].join('; ');
  return result('tags', detail === '', show([...expected].sort()), show([...actual].sort()), detail);
}

/**
 * Checks one step's expectations against what was observed, in the order of the schema (reply,
 * nothingSent, state, tags, handoff, routedTo, card, thread, collected, alert, webhook).
 * Text checks ignore case and spacing; `tags` is the exact set; `collected` compares with the
 * card's display or the stored value; alerts and webhook calls count since the flow started.
 */
export function evaluateExpectations(expect: TExpectations, observed: FlowObservation): ExpectationResult[] {
  const conversation = observed.conversation;
  const results: ExpectationResult[] = [];
  const noConversation = 'no conversation (the traveler has not written yet)';
  for (const key of Object.keys(expect) as Array<keyof TExpectations>) {
    switch (key) {
      case 'reply': {
        const check = expect.reply;
        if (!check) break;
        const said = observed.received.length ? observed.received.join('\n') : undefined;
        results.push(
          checkText('reply', check, said, 'nothing (no message reached the traveler since the previous step)'),
        );
        break;
      }
      case 'nothingSent': {
        const said = observed.received.length ? show(observed.received.join('\n')) : 'nothing';
        results.push(result('nothingSent', observed.received.length === 0, 'nothing sent to the traveler', said));
        break;
      }
      case 'state': {
        const actual = conversation ? show(conversation.state) : noConversation;
        results.push(result('state', conversation?.state === expect.state, show(expect.state), actual));
        break;
      }
      case 'tags':
        results.push(checkTags(expect.tags ?? [], conversation?.tags ?? []));
        break;
      case 'handoff': {
        const check = expect.handoff;
        if (!check) break;
        const open = conversation?.state === 'pending' || conversation?.state === 'human';
        const state = conversation ? `state ${show(conversation.state)}` : noConversation;
        if (!check.opened) {
          results.push(result('handoff', !open, 'no handoff open', `a handoff (${state})`));
          break;
        }
        if (!open) {
          results.push(result('handoff', false, 'a handoff open', `none (${state})`));
          break;
        }
        if (check.reason === undefined) {
          results.push(result('handoff', true, 'a handoff open', state));
          break;
        }
        const reason = conversation?.handoffReason ?? '';
        const ok = normalize(reason).includes(normalize(check.reason));
        results.push(result('handoff.reason', ok, `to contain ${show(check.reason)}`, show(reason)));
        break;
      }
      case 'routedTo': {
        const actual = observed.card ? show(observed.card.channel) : 'no handoff card';
        results.push(result('routedTo', observed.card?.channel === expect.routedTo, show(expect.routedTo), actual));
        break;
      }
      case 'card': {
        const check = expect.card;
        if (check === undefined) break;
        if (check === false) {
          results.push(
            result('card', !observed.card, 'no handoff card', observed.card ? show(observed.card.text) : ''),
          );
        } else {
          results.push(checkText('card', check, observed.card?.text, 'no handoff card'));
        }
        break;
      }
      case 'thread': {
        const check = expect.thread;
        if (!check) break;
        const posts = observed.thread?.posts.join('\n');
        results.push(checkText('thread', check, posts, observed.thread ? 'an empty thread' : 'no handoff thread'));
        break;
      }
      case 'collected':
        for (const [name, wanted] of Object.entries(expect.collected ?? {})) {
          const detail = conversation?.collected[name];
          const actual = detail ? show(detail.display ?? detail.value) : 'nothing';
          results.push(result(`collected.${name}`, collectedMatches(wanted, detail), show(wanted), actual));
        }
        break;
      case 'alert':
        if (expect.alert !== undefined) results.push(...checkAlerts(expect.alert, observed.alerts));
        break;
      case 'webhook':
        if (expect.webhook) results.push(...checkWebhook(expect.webhook, observed.webhookCalls));
        break;
    }
  }
  return results;
}
