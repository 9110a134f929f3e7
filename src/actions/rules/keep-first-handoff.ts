import type { AutomationEffect } from './plan-automation';

/** Effects planned from several triggers in one turn: one handoff (the first) is enough. */
export function keepFirstHandoff(effects: readonly AutomationEffect[]): AutomationEffect[] {
  let seen = false;
  return effects.filter((effect) => {
    if (effect.kind !== 'handoff') return true;
    if (seen) return false;
    seen = true;
    return true;
  });
}
