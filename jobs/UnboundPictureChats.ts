import type { Redis } from 'ioredis';
import type { ChatEvent } from '../src/engine/chat/ChatEvent.ts';

/** A day: a group bound some other way (the command line, a restore) is heard again by tomorrow at the latest. */
const MARK_SECONDS = 24 * 3600;

/**
 * The groups where pictures were seen to concern nobody (bound to no organisation), shared in Redis between the
 * web processes that ingest and the workers that learn it. Work groups post pictures all day; in such a group the
 * second and later ones stop at the edge instead of each costing a job and a dozen statements. Anything else the
 * group says to the bot (a command, /绑定群 above all, or the bot being added) clears the mark, so after binding the
 * next picture is heard.
 */
export class UnboundPictureChats {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(event: Pick<ChatEvent, 'platform' | 'chatId'>): string {
    return `${this.prefix}:unbound-pictures:${event.platform}:${event.chatId}`;
  }

  async isMarked(event: Pick<ChatEvent, 'platform' | 'chatId'>): Promise<boolean> {
    return (await this.redis.exists(this.key(event))) === 1;
  }

  async mark(event: Pick<ChatEvent, 'platform' | 'chatId'>): Promise<void> {
    await this.redis.set(this.key(event), '1', 'EX', MARK_SECONDS);
  }

  async clear(event: Pick<ChatEvent, 'platform' | 'chatId'>): Promise<void> {
    await this.redis.del(this.key(event));
  }
}
