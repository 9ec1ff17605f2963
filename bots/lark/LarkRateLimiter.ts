import type { Redis } from 'ioredis';

/**
 * Sliding-window limits shared by every worker process through Redis: a send takes a slot in its chat's
 * window AND the app's window, or none of them. The script answers 0 (go) or how many ms to wait.
 * Redis's own clock is used, so workers on different machines agree.
 */
const SCRIPT = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local lease = tonumber(ARGV[#ARGV - 1])
local wait = 0
for i = 1, #KEYS do
  local limit = tonumber(ARGV[(i - 1) * 2 + 1])
  local window = tonumber(ARGV[(i - 1) * 2 + 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', nowMs - window)
  if redis.call('ZCARD', KEYS[i]) >= limit then
    local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - nowMs
    -- With in-flight leases, the oldest slot may still be in flight (dated ahead): look again shortly, it settles soon.
    if lease > 0 and tonumber(oldest[2]) > nowMs and w > 250 then w = 250 end
    if w < 1 then w = 1 end
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
local member = ARGV[#ARGV]
for i = 1, #KEYS do
  local window = tonumber(ARGV[(i - 1) * 2 + 2])
  redis.call('ZADD', KEYS[i], nowMs + lease, member)
  redis.call('PEXPIRE', KEYS[i], window * 2 + lease)
end
return 0
`;

// When the call is over, its slots are re-dated to that moment: the window then counts from when Feishu had
// surely seen the request, so network latency cannot squeeze a sixth request into anyone's 1 s window.
const SETTLE = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], 'XX', nowMs, ARGV[1])
end
return 0
`;

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface LarkRateLimiterOptions {
  redis: Redis;
  prefix: string;
  /** Feishu: 5 messages a second per chat (shared by all bots in it). */
  perChat?: RateLimit;
  /** Feishu: 50 a second per app. */
  perApp?: RateLimit;
  /** Feishu: 1000 a minute per app. */
  perAppMinute?: RateLimit;
  sleep?: (ms: number) => Promise<void>;
  /** Key namespace: the same sliding windows serve other platforms (DingTalk uses 'dingtalk'). */
  namespace?: string;
  /**
   * When set, a slot taken by `run`/`acquire` counts as in flight (dated this far ahead) until it settles, so a
   * request that takes longer than a window to reach the platform still holds its slot. 0 (default): slots are dated
   * when taken, as before.
   */
  inFlightLeaseMs?: number;
}

// Windows carry a small guard: a slot granted at t and the sixth at t+1000 may reach Feishu's gateway
// in a different order of latency; 1.1 s keeps any real 1 s window at or under the limit.
const GUARD_MS = 100;

export class LarkRateLimiter {
  private readonly perChat: RateLimit;
  private readonly perApp: RateLimit;
  private readonly perAppMinute: RateLimit;
  private readonly sleep: (ms: number) => Promise<void>;
  private sequence = 0;

  constructor(private readonly options: LarkRateLimiterOptions) {
    this.perChat = options.perChat ?? { limit: 5, windowMs: 1000 + GUARD_MS };
    this.perApp = options.perApp ?? { limit: 50, windowMs: 1000 + GUARD_MS };
    this.perAppMinute = options.perAppMinute ?? { limit: 1000, windowMs: 60_000 + GUARD_MS };
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  private keys(chatId: string): [string, string, string] {
    const base = `${this.options.prefix}:${this.options.namespace ?? 'lark'}:rl`;
    return [`${base}:chat:${chatId}`, `${base}:app`, `${base}:app-minute`];
  }

  /** Milliseconds to wait, or 0 once a slot was taken (then `member` names the slot). */
  async tryTake(chatId: string, member = this.newMember()): Promise<number> {
    const result = await this.options.redis.eval(
      SCRIPT,
      3,
      ...this.keys(chatId),
      this.perChat.limit,
      this.perChat.windowMs,
      this.perApp.limit,
      this.perApp.windowMs,
      this.perAppMinute.limit,
      this.perAppMinute.windowMs,
      this.options.inFlightLeaseMs ?? 0,
      member,
    );
    return Number(result);
  }

  private newMember(): string {
    return `${process.pid}:${Date.now()}:${this.sequence++}:${Math.random().toString(36).slice(2, 8)}`;
  }

  /**
   * Waits (never drops) until the chat and the app both have room, then takes a slot. Call the returned
   * `settle` when the request is answered (success or not), so the slot counts from then.
   */
  async acquire(chatId: string): Promise<{ settle(): Promise<void> }> {
    const member = this.newMember();
    for (;;) {
      const wait = await this.tryTake(chatId, member);
      if (wait <= 0) break;
      // A little jitter so workers woken together do not race for the same slot.
      await this.sleep(wait + Math.floor(Math.random() * 15));
    }
    return {
      settle: async () => {
        await this.options.redis.eval(SETTLE, 3, ...this.keys(chatId), member).catch(() => undefined);
      },
    };
  }

  /** Runs one request inside the limits. */
  async run<T>(chatId: string, request: () => Promise<T>): Promise<T> {
    const slot = await this.acquire(chatId);
    try {
      return await request();
    } finally {
      await slot.settle();
    }
  }

  /** After a 429: nobody sends to this chat (or, without a chat, from this app) until the reset. */
  async pause(chatId: string | null, ms: number): Promise<void> {
    const key = chatId ? this.keys(chatId)[0] : this.keys('')[1];
    const limit = chatId ? this.perChat : this.perApp;
    // Fill the window with placeholders dated so that they expire when the reset is over.
    const time = await this.options.redis.time();
    const nowMs = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
    const score = nowMs + ms - limit.windowMs;
    const args: (string | number)[] = [];
    for (let i = 0; i < limit.limit; i++) args.push(score, `pause:${nowMs}:${i}`);
    await this.options.redis
      .multi()
      .zadd(key, ...args)
      .pexpire(key, Math.max(ms, limit.windowMs) * 2)
      .exec();
  }
}
