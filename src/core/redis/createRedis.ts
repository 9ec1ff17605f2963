import { Redis, type RedisOptions } from 'ioredis';

/**
 * How long the web side waits for one Redis command. A frozen Redis (connection open, no answers) would
 * otherwise hold every request forever; after this the platform is told 503 and delivers again later.
 */
export const PRODUCER_COMMAND_TIMEOUT_MS = 5000;

/**
 * Workers need `maxRetriesPerRequest: null` (BullMQ blocks on Redis); producers on the webhook path want
 * the opposite: fail at once when Redis is away, so the platform is told 503 and delivers again later.
 */
export function createRedis(url: string, purpose: 'worker' | 'producer'): Redis {
  const options: RedisOptions =
    purpose === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: false }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, commandTimeout: PRODUCER_COMMAND_TIMEOUT_MS };
  const redis = new Redis(url, { ...options, lazyConnect: false, retryStrategy: (times) => Math.min(times * 200, 2000) });
  // Connection errors are reported by health checks and failed commands; unhandled they would crash.
  redis.on('error', () => undefined);
  return redis;
}

export class RedisUnavailableError extends Error {}

/** One ping with a short timeout, for start-up: a clear line instead of a stack trace. */
export async function checkRedis(url: string, timeoutMs = 2000): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await Promise.race([redis.connect().then(() => redis.ping()), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs))]);
  } catch (error) {
    const shown = url.replace(/\/\/[^@/]*@/, '//***@');
    throw new RedisUnavailableError(
      `无法连接 Redis：${shown}（${(error as Error).message}）。请先启动 Redis（例如 redis-server --daemonize yes，或 docker compose up redis），或用 REDIS_URL 指向可用的 Redis。`,
    );
  } finally {
    redis.disconnect();
  }
}

/** Resolves once the connection is ready (producers refuse commands before that). */
export async function waitUntilReady(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RedisUnavailableError('Redis did not become ready in time')), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
