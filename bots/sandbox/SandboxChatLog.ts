import type { Redis } from 'ioredis';

export interface SandboxLine {
  /** delivery id for bot messages, event id for people's messages */
  id: string;
  from: 'user' | 'bot';
  userName?: string;
  text: string;
  card?: Record<string, unknown>;
  imageBase64?: string;
  /** A file the bot sent (shown as a download link) or the name of a file a person sent. */
  file?: { fileName: string; base64: string };
  fileName?: string;
  at: string;
}

const KEEP_PER_CHAT = 300;

const APPEND_ONCE = `
if redis.call('SET', KEYS[1], '1', 'EX', 86400, 'NX') == false then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
if ARGV[3] == '1' then redis.call('SET', KEYS[3], ARGV[1], 'EX', 86400) end
return 1`;

/**
 * The sandbox "platform": what was said in each simulated group lives in Redis, so a web process and a
 * separate worker process see the same conversation.
 */
export class SandboxChatLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private chatKey(chatId: string) {
    return `${this.prefix}:sandbox:chat:${chatId}`;
  }

  private deliveryKey(id: string) {
    return `${this.prefix}:sandbox:delivery:${id}`;
  }

  private seenKey(chatId: string, id: string) {
    return `${this.prefix}:sandbox:seen:${chatId}:${id}`;
  }

  /**
   * Adds a line once: a message delivered twice (same id) or a delivery retried after it was shown appears
   * once, as in a real chat. Returns false when the line was already there.
   */
  async append(chatId: string, line: SandboxLine): Promise<boolean> {
    // One script, so a process killed half-way cannot leave the line marked as seen but never shown.
    const added = await this.redis.eval(
      APPEND_ONCE,
      3,
      this.seenKey(chatId, line.id),
      this.chatKey(chatId),
      this.deliveryKey(line.id),
      JSON.stringify(line),
      String(KEEP_PER_CHAT),
      line.from === 'bot' ? '1' : '0',
    );
    return added === 1;
  }

  async lines(chatId: string, after?: string): Promise<SandboxLine[]> {
    const all = (await this.redis.lrange(this.chatKey(chatId), 0, -1)).map((s) => JSON.parse(s) as SandboxLine);
    if (!after) return all;
    const index = all.findIndex((l) => l.id === after);
    return index >= 0 ? all.slice(index + 1) : all;
  }

  async deliveries(ids: string[]): Promise<SandboxLine[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(...ids.map((id) => this.deliveryKey(id)));
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as SandboxLine);
  }
}
