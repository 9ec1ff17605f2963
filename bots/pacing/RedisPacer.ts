import type { Redis } from 'ioredis';

export interface PacerOptions {
  /** Minimum gap between two sends of one account, in milliseconds. */
  intervalMs: number;
  /** A random extra of up to this many milliseconds, so sends do not tick like a machine. */
  jitterMs: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

// Reserves the next free send slot of an account atomically: every worker process shares the same clock line,
// so two workers never send for the same account closer together than the interval.
const RESERVE = `
local now = tonumber(ARGV[1])
local gap = tonumber(ARGV[2])
local nextFree = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, nextFree)
redis.call('SET', KEYS[1], tostring(at + gap), 'PX', math.max(gap * 4, 60000))
return at - now
`;

/**
 * Paces outbound messages per account through Redis (shared across workers): waits until the account's
 * next slot, then returns. WeChat and QQ accounts get flagged when a bot sends in bursts.
 */
export class RedisPacer {
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly options: PacerOptions,
  ) {
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms)));
  }

  /** Waits for the account's next slot; returns how long it waited. */
  async waitTurn(account: string): Promise<number> {
    const gap = Math.max(0, Math.round(this.options.intervalMs + this.random() * this.options.jitterMs));
    if (gap === 0) return 0;
    const key = `${this.keyPrefix}:pace:${account}`;
    const wait = Number(await this.redis.eval(RESERVE, 1, key, String((this.options.now ?? Date.now)()), String(gap)));
    if (wait > 0) await this.sleep(wait);
    return wait;
  }
}
