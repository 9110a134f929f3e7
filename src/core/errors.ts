/**
 * One error family for Baton. The code is stable (logs, tests and HTTP mapping
 * key on it); the message says what went wrong and how to fix it.
 */
export type BatonErrorCode =
  | 'config_invalid'
  | 'env_invalid'
  | 'payload_invalid'
  | 'signature_invalid'
  | 'not_found'
  | 'conflict'
  | 'state_transition_invalid'
  | 'channel_unavailable'
  | 'delivery_failed_permanent'
  | 'delivery_failed_transient'
  | 'dependency_unavailable';

export class BatonError extends Error {
  constructor(
    readonly code: BatonErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BatonError';
  }
}

/** A configuration problem found at boot: each line names the setting, the problem and the fix. */
export class ConfigError extends BatonError {
  constructor(
    code: 'config_invalid' | 'env_invalid',
    readonly problems: string[],
    heading: string,
  ) {
    super(code, `${heading}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const httpStatusByCode: Partial<Record<BatonErrorCode, number>> = {
  payload_invalid: 400,
  signature_invalid: 403,
  not_found: 404,
  conflict: 409,
  state_transition_invalid: 409,
  dependency_unavailable: 503,
};

export function httpStatusFor(error: unknown): number {
  return error instanceof BatonError ? (httpStatusByCode[error.code] ?? 500) : 500;
}
