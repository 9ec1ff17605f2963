import type { Context, Hono } from 'hono';
import { isJsonContentType, NOT_JSON_CONTENT_TYPE } from '../shared/isJsonContentType.ts';
import type { Logger } from 'pino';
import { UnrecoverableError } from 'bullmq';
import type { ChatAdapter, Ingest, SendResult } from '../ChatAdapter.ts';
import type { ChatEvent, ImageRef } from '../../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { renderText } from '../../cards/render/renderText.ts';
import { isInfrastructureError } from '../../src/core/errors/isInfrastructureError.ts';
import type { RedisPacer } from '../pacing/RedisPacer.ts';
import { splitForChat } from '../shared/splitForChat.ts';
import { fetchImageFromUrl } from '../shared/fetchImageFromUrl.ts';
import { pictureFor } from '../shared/pictureFor.ts';
import { OneBotApiClient, type OutgoingSegment } from './OneBotApiClient.ts';
import { verifyOneBotSignature } from './verifyOneBotSignature.ts';
import { isAllowedAddress } from './isAllowedAddress.ts';
import { oneBotEnvelopeSchema, oneBotGroupIncreaseSchema, oneBotMessageEventSchema } from './oneBotEventSchema.ts';
import { normaliseOneBotGroupIncrease, normaliseOneBotMessage } from './normaliseOneBotEvent.ts';
import { bodyLimitByLength } from '../shared/bodyLimitByLength.ts';

export interface OneBotAdapterOptions {
  secret?: string;
  allowedAddress?: string;
  apiUrl?: string;
  accessToken?: string;
  timeoutMs: number;
  bodyLimitBytes: number;
  maxImageBytes: number;
  /** Picture downloads: allowed hosts, deadline, and (tests only) private addresses; QQ's CDN, 10 s, public only by default. */
  media?: { allowedHosts: readonly string[]; timeoutMs: number; allowPrivate: readonly string[] };
  pacer: Pick<RedisPacer, 'waitTurn'>;
  log: Logger;
}

const DEFAULT_MEDIA = { allowedHosts: ['qpic.cn', 'qq.com', 'qq.com.cn', 'qlogo.cn'], timeoutMs: 10_000, allowPrivate: [] } as const;

/** QQ text messages are cut below the clients' length limit, at line breaks. */
const MAX_TEXT = 1500;

function remoteAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } }; server?: { incoming?: { socket?: { remoteAddress?: string } } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? env?.server?.incoming?.socket?.remoteAddress;
}

/**
 * QQ work groups through OneBot v11 (NapCat, Lagrange…): events arrive by HTTP POST at /webhooks/onebot,
 * messages go out through the implementation's HTTP API.
 */
export class OneBotAdapter implements ChatAdapter {
  readonly platform = 'QQ' as const;
  private readonly api: OneBotApiClient | null;

  constructor(private readonly options: OneBotAdapterOptions) {
    this.api = options.apiUrl
      ? new OneBotApiClient({ baseUrl: options.apiUrl, timeoutMs: options.timeoutMs, ...(options.accessToken ? { accessToken: options.accessToken } : {}) })
      : null;
  }

  mountRoutes(app: Hono, ingest: Ingest): void {
    const log = this.options.log.child({ platform: 'QQ' });
    app.post(
      '/webhooks/onebot',
      bodyLimitByLength({ maxSize: this.options.bodyLimitBytes, onError: (c) => c.json({ error: '请求体太大' }, 413) }),
      async (c) => {
        if (!isJsonContentType(c.req.header('content-type'))) return c.json({ error: NOT_JSON_CONTENT_TYPE }, 415);
        const raw = Buffer.from(await c.req.arrayBuffer());
        if (this.options.secret) {
          if (!verifyOneBotSignature(this.options.secret, raw, c.req.header('x-signature'))) {
            log.warn({ remote: remoteAddress(c) }, 'OneBot report with a missing or wrong signature refused');
            return c.json({ error: '签名不正确' }, 401);
          }
          if (this.options.allowedAddress && !isAllowedAddress(remoteAddress(c), this.options.allowedAddress)) {
            return c.json({ error: '来源地址不在允许列表中' }, 403);
          }
        } else if (!isAllowedAddress(remoteAddress(c), this.options.allowedAddress)) {
          log.warn({ remote: remoteAddress(c) }, 'OneBot report from an address not allowed refused');
          return c.json({ error: '来源地址不在允许列表中（未设置 ONEBOT_SECRET 时只接受 ONEBOT_ALLOWED_ADDRESS）' }, 403);
        }
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return c.json({ error: '请求体不是有效的 JSON' }, 400);
        }
        const envelope = oneBotEnvelopeSchema.safeParse(body);
        if (!envelope.success) return c.json({ error: '不是 OneBot v11 上报（缺少 self_id 或 post_type）' }, 400);
        const event = this.normalise(body, envelope.data.post_type, log);
        if (!event) return c.body(null, 204);
        try {
          const { jobId } = await ingest(event);
          log.debug({ eventId: event.eventId, jobId }, 'OneBot event queued');
        } catch (error) {
          if (isInfrastructureError(error)) {
            log.warn({ err: error }, 'queue unavailable; OneBot report refused so it can be re-sent');
            return c.json({ error: '服务暂时不可用（消息队列无法连接），请稍后重试' }, 503);
          }
          throw error;
        }
        return c.body(null, 204);
      },
    );
  }

  private normalise(body: unknown, postType: string, log: Logger): ChatEvent | null {
    if (postType === 'meta_event') {
      log.debug({ meta: (body as { meta_event_type?: string }).meta_event_type }, 'OneBot meta event');
      return null;
    }
    if (postType === 'notice') {
      const joined = oneBotGroupIncreaseSchema.safeParse(body);
      if (joined.success && joined.data.user_id === joined.data.self_id) return normaliseOneBotGroupIncrease(joined.data);
      return null;
    }
    if (postType !== 'message') return null;
    const parsed = oneBotMessageEventSchema.safeParse(body);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'OneBot message report not understood; ignored');
      return null;
    }
    if (parsed.data.message_type !== 'group' || !parsed.data.group_id) return null;
    if (parsed.data.user_id === parsed.data.self_id) return null;
    return normaliseOneBotMessage(parsed.data);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (!this.api) throw new UnrecoverableError('ONEBOT_API_URL 未设置，无法向 QQ 群发送消息');
    if (!/^\d+$/.test(message.chatId)) throw new UnrecoverableError(`QQ group id must be digits, got ${message.chatId}`);
    const pieces = splitForChat(renderText(message.view), MAX_TEXT);
    const picture = await pictureFor(message, this.options.log);
    let lastId: string | undefined;
    for (const [index, piece] of pieces.entries()) {
      const segments: OutgoingSegment[] = [];
      if (index === 0 && message.replyToMessageId && /^-?\d+$/.test(message.replyToMessageId)) {
        segments.push({ type: 'reply', data: { id: message.replyToMessageId } });
      }
      segments.push({ type: 'text', data: { text: piece } });
      if (index === pieces.length - 1 && picture) segments.push({ type: 'image', data: { file: `base64://${picture}` } });
      await this.options.pacer.waitTurn(`qq:${this.options.apiUrl}`);
      lastId = await this.api.sendGroupMessage(message.chatId, segments);
    }
    return lastId ? { platformMessageId: lastId } : {};
  }

  async fetchImage(ref: ImageRef): Promise<ImageBytes> {
    if (ref.kind !== 'url') throw new Error(`QQ cannot fetch ${ref.kind} images`);
    const media = this.options.media ?? DEFAULT_MEDIA;
    return fetchImageFromUrl(ref.url, {
      maxBytes: this.options.maxImageBytes,
      timeoutMs: media.timeoutMs,
      allowedHosts: media.allowedHosts,
      allowPrivate: media.allowPrivate,
      ...(ref.fileName ? { fileName: ref.fileName } : {}),
    });
  }
}
