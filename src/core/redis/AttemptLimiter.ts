import type { Redis } from 'ioredis';

/**
 * Counts attempts in a window, atomically: a try first takes a slot (INCR, with the expiry set in the same
 * script), and is refused when that slot is over the limit. Forty tries at once take forty slots, so at most
 * `max` of them are ever evaluated. A try that succeeded gives its slot back (`release`), so the limit counts
 * failures.
 */
export interface AttemptLimiter {
  take(key: string, max: number, windowSeconds: number): Promise<{ allowed: boolean; count: number }>;
  release(key: string): Promise<void>;
}

const TAKE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1])) end
return n`;

const RELEASE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return n`;

export class RedisAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(key: string) {
    return `${this.prefix}:limit:${key}`;
  }

  async take(key: string, max: number, windowSeconds: number) {
    const count = Number(await this.redis.eval(TAKE, 1, this.key(key), String(windowSeconds)));
    return { allowed: count <= max, count };
  }

  async release(key: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(key));
  }
}

/** One process only (tests that call the chat engine directly); the service always uses RedisAttemptLimiter. */
export class MemoryAttemptLimiter implements AttemptLimiter {
  private readonly counts = new Map<string, { n: number; until: number }>();

  async take(key: string, max: number, windowSeconds: number) {
    const now = Date.now();
    const entry = this.counts.get(key);
    const current = entry && entry.until > now ? entry : { n: 0, until: now + windowSeconds * 1000 };
    current.n++;
    this.counts.set(key, current);
    return { allowed: current.n <= max, count: current.n };
  }

  async release(key: string): Promise<void> {
    const entry = this.counts.get(key);
    if (entry && entry.n > 0) entry.n--;
  }
}
