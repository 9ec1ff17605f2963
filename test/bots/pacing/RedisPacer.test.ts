import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RedisPacer } from '../../../bots/pacing/RedisPacer.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';

describe('RedisPacer', () => {
  const prefix = uniquePrefix('pace');
  let a: Redis;
  let b: Redis;
  beforeAll(() => {
    a = new Redis(TEST_REDIS_URL);
    b = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    a.disconnect();
    b.disconnect();
    await deletePrefix(prefix);
  });

  function pacer(redis: Redis, now: number, random = 0.5) {
    const slept: number[] = [];
    const p = new RedisPacer(redis, prefix, {
      intervalMs: 1500,
      jitterMs: 1000,
      random: () => random,
      now: () => now,
      sleep: async (ms) => void slept.push(ms),
    });
    return { p, slept };
  }

  it('spaces sends of one account across two workers by the interval plus jitter', async () => {
    const first = pacer(a, 10_000);
    const second = pacer(b, 10_000);
    const third = pacer(a, 10_400);
    expect(await first.p.waitTurn('wechat:bot-1')).toBe(0);
    expect(await second.p.waitTurn('wechat:bot-1')).toBe(2000);
    expect(second.slept).toEqual([2000]);
    // 400 ms later the next free slot is 10 000 + 2 × 2000.
    expect(await third.p.waitTurn('wechat:bot-1')).toBe(3600);
  });

  it('keeps accounts apart and sends at once after a quiet spell', async () => {
    expect(await pacer(a, 50_000).p.waitTurn('qq:one')).toBe(0);
    expect(await pacer(b, 50_000).p.waitTurn('qq:two')).toBe(0);
    expect(await pacer(a, 60_000).p.waitTurn('qq:one')).toBe(0);
  });

  it('does not wait at all when pacing is switched off', async () => {
    const off = new RedisPacer(a, prefix, { intervalMs: 0, jitterMs: 0 });
    expect(await off.waitTurn('any')).toBe(0);
    expect(await off.waitTurn('any')).toBe(0);
  });
});
