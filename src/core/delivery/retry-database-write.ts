/**
 * Waits between tries of a write that must not be lost: about 8 s in all, so a connection
 * reset or a short failover is ridden out well inside the 30 s outbox lease.
 */
export const DATABASE_WRITE_RETRY_DELAYS_MS: readonly number[] = [100, 250, 500, 1000, 2000, 4000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `write`, and again after each delay while it throws; throws the last error once the
 * delays are used up. Only for writes that are safe to repeat (idempotent or conditional).
 */
export async function retryDatabaseWrite<T>(
  write: () => Promise<T>,
  delaysMs: readonly number[] = DATABASE_WRITE_RETRY_DELAYS_MS,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
  for (const delay of delaysMs) {
    try {
      return await write();
    } catch {
      await wait(delay);
    }
  }
  return write();
}
