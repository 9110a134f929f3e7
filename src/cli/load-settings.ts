import type { TBatonConfig } from '../config/baton-config.schema';
import { type Env, loadEnv, resolveConfigPath } from '../config/env';
import { loadBatonConfig } from '../config/load-baton-config';

export interface Settings {
  env: Env;
  config: TBatonConfig;
  configPath: string;
}

/** Env and config file, validated once at boot; throws ConfigError listing every problem. */
export function loadSettings(source: Record<string, string | undefined> = process.env): Settings {
  const env = loadEnv(source);
  const configPath = resolveConfigPath(env);
  return { env, config: loadBatonConfig(configPath), configPath };
}
