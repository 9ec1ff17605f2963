import type { Redis } from 'ioredis';

export interface WechatLogin {
  status: 'starting' | 'scan' | 'logged_in' | 'logged_out' | 'error';
  /** The login QR code content (a URL) while waiting for a scan. */
  qrcode?: string;
  userName?: string;
  detail?: string;
  at: string;
}

/**
 * Where the WeChat session stands, kept in Redis so the web process can show the login QR code even when the
 * bot runs in a worker process.
 */
export class WechatLoginState {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private get key() {
    return `${this.prefix}:wechat:login`;
  }

  async set(state: Omit<WechatLogin, 'at'>): Promise<void> {
    await this.redis.set(this.key, JSON.stringify({ ...state, at: new Date().toISOString() }), 'EX', 7 * 24 * 3600);
  }

  async get(): Promise<WechatLogin | null> {
    const raw = await this.redis.get(this.key);
    return raw ? (JSON.parse(raw) as WechatLogin) : null;
  }
}
