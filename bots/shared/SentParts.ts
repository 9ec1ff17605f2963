import type { Redis } from 'ioredis';

/** Long enough to outlive every retry of an outbound job (BullMQ's backoff, a WeChat account logged out overnight). */
const PART_TTL_SECONDS = 24 * 3600;

/**
 * The parts of a delivery an adapter already posted (text pieces, picture, file), kept in Redis so every worker
 * sees them. A delivery that failed half-way, or whose job ran again after a crash before it was marked sent,
 * posts only what is still missing: the text is not repeated because the file failed, nor the file because the
 * job came round again.
 */
export class SentParts {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** The platform's own key space (`dingtalk`, `wechat`), so ids of two platforms never meet. */
    private readonly namespace: string,
  ) {}

  /** Runs `post` unless an earlier attempt of this delivery already posted `part`; answers the id it was posted as. */
  async once(deliveryId: string, part: string, post: () => Promise<string | undefined>): Promise<string | undefined> {
    const key = `${this.prefix}:${this.namespace}:sent:${deliveryId}:${part}`;
    const earlier = await this.redis.get(key);
    if (earlier !== null) return earlier || undefined;
    const id = await post();
    await this.redis.set(key, id ?? '', 'EX', PART_TTL_SECONDS);
    return id;
  }
}
