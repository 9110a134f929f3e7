import { decodeEntities } from './decode-entities';

/** Broadcasts (`<!here>`) and user-group pings (`<!subteam^…>`) mean nothing to a traveler. */
const BROADCAST = /^(?:here|channel|everyone|subteam\^)/;

export type SlackTokenMeaning =
  | { kind: 'text'; text: string }
  | { kind: 'link'; url: string; label: string }
  /** Nothing a traveler can read: the token goes, with the space it leaves. */
  | { kind: 'remove' };

/**
 * What the inside of a Slack `<…>` token (the part between the brackets)
 * reads as outside Slack: a mention, a channel, a special command or a link.
 */
export function interpretSlackToken(
  body: string,
  resolveMention?: (id: string) => string | undefined,
): SlackTokenMeaning {
  const bar = body.indexOf('|');
  const target = bar < 0 ? body : body.slice(0, bar);
  const label = bar < 0 ? '' : decodeEntities(body.slice(bar + 1), 'slack');
  if (target.startsWith('@')) {
    // Old payloads carry the name as `<@U123|name>`; a resolver knows better.
    const name = (resolveMention?.(target.slice(1)) ?? label).replace(/^@/, '').trim();
    return name ? { kind: 'text', text: `@${name}` } : { kind: 'remove' };
  }
  if (target.startsWith('#')) {
    return label ? { kind: 'text', text: `#${label.replace(/^#/, '')}` } : { kind: 'remove' };
  }
  if (target.startsWith('!')) {
    // `<!date^…|fallback>` and other commands carry their readable form as the label.
    return BROADCAST.test(target.slice(1)) || !label ? { kind: 'remove' } : { kind: 'text', text: label };
  }
  if (!target) return { kind: 'text', text: label };
  return { kind: 'link', url: decodeEntities(target, 'slack'), label };
}
