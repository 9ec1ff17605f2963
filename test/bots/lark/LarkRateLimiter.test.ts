import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { LarkRateLimiter } from '../../../bots/lark/LarkRateLimiter.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';

describe('LarkRateLimiter on real Redis', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const prefixes: string[] = [];
  const limiter = (overrides: Partial<ConstructorParameters<typeof LarkRateLimiter>[0]> = {}) => {
    const prefix = uniquePrefix('larkrl');
    prefixes.push(prefix);
    return new LarkRateLimiter({ redis, prefix, perChat: { limit: 2, windowMs: 5000 }, perApp: { limit: 3, windowMs: 5000 }, ...overrides });
  };
  afterAll(async () => {
    for (const p of prefixes) await deletePrefix(p);
    redis.disconnect();
  });

  it('limits each chat and the whole app, and a refused take reserves nothing', async () => {
    const l = limiter();
    expect(await l.tryTake('c1')).toBe(0);
    expect(await l.tryTake('c1')).toBe(0);
    const wait = await l.tryTake('c1');
    expect(wait).toBeGreaterThan(4000);
    expect(wait).toBeLessThanOrEqual(5000);
    expect(await l.tryTake('c2')).toBe(0);
    // The app window is full (3), so another chat must wait too, and the refusal did not take a chat slot.
    expect(await l.tryTake('c3')).toBeGreaterThan(0);
    expect(await redis.zcard(`${prefixes.at(-1)}:lark:rl:chat:c3`)).toBe(0);
  });

  it('the per-minute app window counts too', async () => {
    const l = limiter({ perChat: { limit: 100, windowMs: 1000 }, perApp: { limit: 100, windowMs: 1000 }, perAppMinute: { limit: 2, windowMs: 60_000 } });
    expect(await l.tryTake('a')).toBe(0);
    expect(await l.tryTake('b')).toBe(0);
    expect(await l.tryTake('c')).toBeGreaterThan(50_000);
  });

  it('after a 429 the chat is paused until the reset', async () => {
    const l = limiter();
    await l.pause('c9', 3000);
    const wait = await l.tryTake('c9');
    expect(wait).toBeGreaterThan(2500);
    expect(wait).toBeLessThanOrEqual(3000);
    expect(await l.tryTake('other')).toBe(0);
  });

  it('acquire waits instead of dropping, using the injected sleep', async () => {
    const slept: number[] = [];
    const l = limiter({
      perChat: { limit: 1, windowMs: 5000 },
      sleep: async (ms) => {
        slept.push(ms);
        await redis.del(`${prefixes.at(-1)}:lark:rl:chat:x`);
      },
    });
    await (await l.acquire('x')).settle();
    await (await l.acquire('x')).settle();
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeGreaterThan(4000);
  });
  it('with an in-flight lease, a slot still in flight keeps counting after its window (DingTalk), without one it lapses', async () => {
    const tight = { perChat: { limit: 10, windowMs: 200 }, perApp: { limit: 1, windowMs: 200 }, perAppMinute: { limit: 100, windowMs: 60_000 } };
    const leased = limiter({ ...tight, inFlightLeaseMs: 10_000 });
    const plain = limiter(tight);
    const inFlight = await leased.acquire('a');
    await plain.acquire('a');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await leased.tryTake('b')).toBeGreaterThan(0);
    expect(await plain.tryTake('b')).toBe(0);
    // Settled, the slot counts from its answer and then lapses like any other.
    await inFlight.settle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await leased.tryTake('b')).toBe(0);
  });
});
