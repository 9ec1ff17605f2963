import type { Redis } from 'ioredis';
import type { ChatEvent } from '../src/engine/chat/ChatEvent.ts';

/** A day: a group bound some other way (the command line, a restore) is heard again by tomorrow at the latest. */
const MARK_SECONDS = 24 * 3600;

/**
 * The groups where pictures were seen to concern nobody (bound to no organisation), shared in Redis between the
 * web processes that ingest and the workers that learn it. Work groups post pictures all day; in such a group a
 * member's second and later pictures stop at the edge instead of each costing a job and a dozen statements.
 * The mark is per sender (a hash per chat), because one member's pictures may be awaited there (a 简报 window
 * opened by /简报 附件) while another's are not. Anything else said to the bot in the group (a command, /绑定群
 * above all, or the bot being added) clears the whole chat, so after binding everyone's next picture is heard.
 */
export class UnboundPictureChats {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(event: Pick<ChatEvent, 'platform' | 'chatId'>): string {
    return `${this.prefix}:unbound-pictures:${event.platform}:${event.chatId}`;
  }

  async isMarked(event: Pick<ChatEvent, 'platform' | 'chatId' | 'sender'>): Promise<boolean> {
    return (await this.redis.hexists(this.key(event), event.sender.platformUserId)) === 1;
  }

  async mark(event: Pick<ChatEvent, 'platform' | 'chatId' | 'sender'>): Promise<void> {
    await this.redis.multi().hset(this.key(event), event.sender.platformUserId, '1').expire(this.key(event), MARK_SECONDS).exec();
  }

  async clear(event: Pick<ChatEvent, 'platform' | 'chatId'>): Promise<void> {
    await this.redis.del(this.key(event));
  }
}
