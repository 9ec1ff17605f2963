import type { Redis } from 'ioredis';
import { z } from 'zod';

/** What a card click needs to know that DingTalk's callback does not say: the chat, and which command each button runs. */
export const storedCardSchema = z.object({ chatId: z.string().min(1), commands: z.record(z.string(), z.string()) });
export type StoredCard = z.infer<typeof storedCardSchema>;

const CARD_TTL_SECONDS = 60 * 24 * 3600;

/** Cards the bot sent, by outTrackId, in Redis (shared by every worker and the process holding the Stream connection). */
export class DingTalkCardStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(outTrackId: string): string {
    return `${this.prefix}:dingtalk:card:${outTrackId}`;
  }

  async save(outTrackId: string, card: StoredCard): Promise<void> {
    await this.redis.set(this.key(outTrackId), JSON.stringify(card), 'EX', CARD_TTL_SECONDS);
  }

  async find(outTrackId: string): Promise<StoredCard | null> {
    const raw = await this.redis.get(this.key(outTrackId));
    if (!raw) return null;
    const parsed = storedCardSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }
}
