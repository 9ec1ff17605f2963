/**
 * True for failures of the database or Redis connection (not of the work itself): such a job is retried with
 * backoff until the service is back, instead of answering the person with an apology, and a web request gets
 * a 503 ("try again") instead of a 500. A JobWaitTimeout (jobs/JobWaiter.ts) counts too: Redis slow or away.
 */
export function isInfrastructureError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; cause?: unknown; name?: unknown };
    if (e.name === 'JobWaitTimeout') return true;
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^(P1001|P1002|P1008|P1017|P2024|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|57P01|57P03|08\d{3})$/.test(code)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (
      /ECONNREFUSED|ECONNRESET|Connection terminated|connection closed|Can't reach database|Timed out fetching a new connection|terminating connection|the database system is (starting|shutting) up|Connection is closed|Stream isn't writeable|enableOfflineQueue|ETIMEDOUT|MaxRetriesPerRequest|Reached the max retries|Command timed out/i.test(
        message,
      )
    ) {
      return true;
    }
    current = e.cause;
  }
  return false;
}
