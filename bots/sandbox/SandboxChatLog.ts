import type { Redis } from 'ioredis';

export interface SandboxLine {
  /** delivery id for bot messages, event id for people's messages */
  id: string;
  from: 'user' | 'bot';
  userName?: string;
  text: string;
  card?: Record<string, unknown>;
  /** A picture in the line: the id of a sandbox upload (GET /sandbox/api/uploads/<id>), never the bytes. */
  image?: string;
  /** A file the bot sent (shown as a download link), by upload id, or the name of a file a person sent. */
  file?: { fileName: string; upload: string };
  fileName?: string;
  at: string;
}

/** Lines kept per simulated group; older ones drop off. */
export const KEEP_PER_CHAT = 300;
/** Lines one read returns at most. */
export const MAX_PAGE = 100;

const APPEND_ONCE = `
if redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[4]), 'NX') == false then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[4]))
if ARGV[3] == '1' then redis.call('SET', KEYS[3], ARGV[1], 'EX', tonumber(ARGV[4])) end
return 1`;

/**
 * The sandbox "platform": what was said in each simulated group lives in Redis, so a web process and a
 * separate worker process see the same conversation. Lines are small (pictures and files are references),
 * each group keeps at most KEEP_PER_CHAT of them, and everything expires `ttlSeconds` after the last line.
 */
export class SandboxChatLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds = 24 * 3600,
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
      String(this.ttlSeconds),
    );
    return added === 1;
  }

  /**
   * One page of a group's lines: after `after` (the page's poll) the next `limit` lines, from the oldest with
   * `fromStart`, otherwise the latest `limit`. `more` says whether lines were left out.
   */
  async page(chatId: string, options: { after?: string; fromStart?: boolean; limit?: number } = {}): Promise<{ messages: SandboxLine[]; more: boolean }> {
    const limit = Math.min(Math.max(1, options.limit ?? 50), MAX_PAGE);
    const all = (await this.redis.lrange(this.chatKey(chatId), -KEEP_PER_CHAT, -1)).map((s) => JSON.parse(s) as SandboxLine);
    if (options.fromStart && !options.after) return { messages: all.slice(0, limit), more: all.length > limit };
    if (options.after) {
      const index = all.findIndex((l) => l.id === options.after);
      const rest = index >= 0 ? all.slice(index + 1) : all;
      return { messages: rest.slice(0, limit), more: rest.length > limit };
    }
    return { messages: all.slice(-limit), more: all.length > limit };
  }

  async lines(chatId: string, after?: string): Promise<SandboxLine[]> {
    return (await this.page(chatId, { ...(after ? { after } : {}), limit: MAX_PAGE })).messages;
  }

  async deliveries(ids: string[]): Promise<SandboxLine[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(...ids.map((id) => this.deliveryKey(id)));
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as SandboxLine);
  }
}
