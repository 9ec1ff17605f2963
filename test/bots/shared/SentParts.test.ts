import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { SentParts } from '../../../bots/shared/SentParts.ts';
import { deletePrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/testRedis.ts';

describe('SentParts: what a delivery already posted, shared through Redis', () => {
  const redis = new Redis(TEST_REDIS_URL);
  const prefix = uniquePrefix('parts');
  afterAll(async () => {
    redis.disconnect();
    await deletePrefix(prefix);
  });

  it('posts a part once; a second worker running the same delivery gets the id it was posted as', async () => {
    let posts = 0;
    const post = async () => `msg-${++posts}`;
    expect(await new SentParts(redis, prefix, 'wechat').once('d-1', 'file', post)).toBe('msg-1');
    expect(await new SentParts(redis, prefix, 'wechat').once('d-1', 'file', post)).toBe('msg-1');
    expect(posts).toBe(1);
    // Another part of the delivery, the same part of another delivery and another platform are posts of their own.
    await new SentParts(redis, prefix, 'wechat').once('d-1', 'text:0', post);
    await new SentParts(redis, prefix, 'wechat').once('d-2', 'file', post);
    await new SentParts(redis, prefix, 'dingtalk').once('d-1', 'file', post);
    expect(posts).toBe(4);
    expect(await redis.ttl(`${prefix}:wechat:sent:d-1:file`)).toBeGreaterThan(23 * 3600);
  });

  it('a part that failed is not recorded, so the next attempt posts it; one posted without an id is still recorded', async () => {
    const parts = new SentParts(redis, prefix, 'wechat');
    await expect(parts.once('d-3', 'file', () => Promise.reject(new Error('puppet busy')))).rejects.toThrow('puppet busy');
    let posts = 0;
    const post = async () => {
      posts++;
      return undefined;
    };
    expect(await parts.once('d-3', 'file', post)).toBeUndefined();
    expect(await parts.once('d-3', 'file', post)).toBeUndefined();
    expect(posts).toBe(1);
  });
});
