import { getPriority, setPriority } from 'node:os';
import type { Logger } from '../core/logger';

/**
 * Gives a worker-only process (`baton worker`) a lower CPU priority than the web. On a host
 * where both run, a backlog would otherwise let the worker (and its PostgreSQL statements)
 * take the cores the web needs to acknowledge webhooks at once; the backlog waits durably in
 * PostgreSQL and Redis. Not applied when the web runs in the same process (`baton start`).
 * Only ever lowers priority, so it needs no privileges; a refusal is logged and ignored.
 */
export function lowerWorkerPriority(niceness: number, logger: Logger): void {
  try {
    // Already as low (a `nice` or a container setting): never raise it back.
    if (getPriority() >= niceness) return;
    setPriority(0, niceness);
    logger.info({ niceness }, 'worker runs below the web’s CPU priority (WORKER_NICE)');
  } catch (error) {
    logger.warn({ err: error, niceness }, 'could not lower the worker’s CPU priority (WORKER_NICE); running as is');
  }
}
