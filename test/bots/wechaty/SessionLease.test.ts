import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { SessionLease } from '../../../bots/wechaty/SessionLease.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';

describe('SessionLease', () => {
  const prefix = uniquePrefix('lease');
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await deletePrefix(prefix);
  });

  it('lets one process hold the WeChat session at a time', async () => {
    const key = `${prefix}:wechat:session-lease`;
    const first = new SessionLease(redis, key);
    const second = new SessionLease(redis, key);
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    expect(await second.renew()).toBe(false);
    await second.release();
    expect(await first.renew()).toBe(true);
    await first.release();
    expect(await second.acquire()).toBe(true);
    expect(await first.renew()).toBe(false);
  });
});
