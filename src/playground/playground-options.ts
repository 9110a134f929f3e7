import path from 'node:path';
import type { AutomationSettings } from '../actions/automation-settings';
import { packageRoot } from '../config/env';
import type { ChannelTextLimits } from '../core/outbound/outbound-text-policy';

/** What the web process needs to serve the playground (`startWeb`'s `playground` option). */
export interface PlaygroundOptions {
  /** The config's tags, custom actions and rules: tags and actions applied from the playground feed them. */
  automation: AutomationSettings;
  limits: ChannelTextLimits;
  /** The built front-end (`npm run build:playground`); default `<package>/dist/playground-ui`. */
  assetsDir?: string;
  /** How often open event streams look for changes; default 400 ms. */
  pollIntervalMs?: number;
}

/** Claims, replies and tags made from the playground are made by this specialist. */
export const PLAYGROUND_SPECIALIST_ID = 'playground';

export function defaultPlaygroundAssetsDir(): string {
  return path.join(packageRoot(), 'dist', 'playground-ui');
}
