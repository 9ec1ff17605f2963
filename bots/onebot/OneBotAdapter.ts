import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import { isJsonContentType, NOT_JSON_CONTENT_TYPE } from '../shared/isJsonContentType.ts';
import type { Logger } from 'pino';
import { UnrecoverableError } from 'bullmq';
import type { ChatAdapter, Ingest, SendResult } from '../ChatAdapter.ts';
import type { ChatEvent, FileRef, ImageRef } from '../../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { renderText } from '../../cards/render/renderText.ts';
import { isInfrastructureError } from '../../src/core/errors/isInfrastructureError.ts';
import type { RedisPacer } from '../pacing/RedisPacer.ts';
import { splitForChat } from '../shared/splitForChat.ts';
import { fetchImageFromUrl } from '../shared/fetchImageFromUrl.ts';
import { pictureFor } from '../shared/pictureFor.ts';
import { remoteAddress } from '../shared/remoteAddress.ts';
import { OneBotApiClient, type OutgoingSegment } from './OneBotApiClient.ts';
import { verifyOneBotSignature } from './verifyOneBotSignature.ts';
import { isAllowedAddress } from './isAllowedAddress.ts';
import { fetchOneBotFile } from './fetchOneBotFile.ts';
import { oneBotEnvelopeSchema, oneBotGroupIncreaseSchema, oneBotGroupUploadSchema, oneBotMessageEventSchema } from './oneBotEventSchema.ts';
import { normaliseOneBotGroupIncrease, normaliseOneBotGroupUpload, normaliseOneBotMessage } from './normaliseOneBotEvent.ts';
import { bodyLimitByLength } from '../shared/bodyLimitByLength.ts';

export interface OneBotAdapterOptions {
  secret?: string;
  allowedAddress?: string;
  apiUrl?: string;
  accessToken?: string;
  timeoutMs: number;
  bodyLimitBytes: number;
  maxImageBytes: number;
  /**
   * Downloads: hosts pictures may come from, hosts group-file addresses (given by the implementation's file API) may
   * name, deadline, and (tests only) private addresses; by default QQ's CDN, any public host, 10 s, public only.
   */
  media?: { allowedHosts: readonly string[]; fileHosts: readonly string[]; timeoutMs: number; allowPrivate: readonly string[] };
  pacer: Pick<RedisPacer, 'waitTurn'>;
  /** Remembers which group-file reports and which outgoing files were handled, shared by every process. */
  redis: Pick<Redis, 'set' | 'del'>;
  prefix: string;
  log: Logger;
}

const DEFAULT_MEDIA = { allowedHosts: ['qpic.cn', 'qq.com', 'qq.com.cn', 'qlogo.cn'], fileHosts: ['*'], timeoutMs: 10_000, allowPrivate: [] } as const;

/** QQ text messages are cut below the clients' length limit, at line breaks. */
const MAX_TEXT = 1500;

// NapCat and LLOneBot report one upload twice, as a message with a `file` segment and as a group_upload notice,
// a moment apart; the second report within this window is dropped.
const UPLOAD_TWIN_SECONDS = 10;
// Longer than an outbound job keeps being retried (about half an hour), so a retry never uploads the file again.
const FILE_SENT_SECONDS = 7 * 24 * 3600;
// NapCat answers upload_group_file only once the file is on QQ's servers.
const UPLOAD_TIMEOUT_MS = 60_000;

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
        const twin = this.uploadTwinKey(envelope.data.self_id, event);
        try {
          if (twin && (await this.options.redis.set(twin, '1', 'EX', UPLOAD_TWIN_SECONDS, 'NX')) !== 'OK') {
            log.debug({ eventId: event.eventId }, 'the other report of this group file was queued already; acknowledged');
            return c.body(null, 204);
          }
          const { jobId } = await ingest(event);
          log.debug({ eventId: event.eventId, jobId }, 'OneBot event queued');
        } catch (error) {
          // Not queued: the other report of the same upload, if it comes, may be.
          if (twin) await this.options.redis.del(twin).catch(() => undefined);
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
      if ((body as { notice_type?: unknown }).notice_type !== 'group_upload') return null;
      const upload = oneBotGroupUploadSchema.safeParse(body);
      if (!upload.success) {
        log.warn(
          { issues: upload.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
          'OneBot group_upload notice not understood; ignored',
        );
        return null;
      }
      // The bot's own uploads (an exported workbook) come back as notices too.
      return upload.data.user_id === upload.data.self_id ? null : normaliseOneBotGroupUpload(upload.data);
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
    await this.sendFile(message, this.api);
    return lastId ? { platformMessageId: lastId } : {};
  }

  /** Same group, same sender, same file name: the key both reports of one upload share. */
  private uploadTwinKey(selfId: string, event: ChatEvent): string | null {
    const file = event.files?.find((f) => f.kind === 'onebot');
    if (!file) return null;
    const key = createHash('sha256').update(`${event.chatId}\n${event.sender.platformUserId}\n${file.fileName}`).digest('hex').slice(0, 32);
    return `${this.options.prefix}:qq:upload:${selfId}:${key}`;
  }

  /**
   * An exported file goes into the group's files after the text (upload_group_file). NapCat and LLOneBot take it as
   * base64; go-cqhttp takes only a path on its own machine and refuses. A refusal is logged and the delivery stands:
   * the text already carries the download link. QQ has no idempotency key, so the upload is claimed in Redis first
   * and a retried job (whose text goes out again) never posts the file a second time.
   */
  private async sendFile(message: OutboundMessage, api: OneBotApiClient): Promise<void> {
    const file = message.file;
    if (!file) return;
    const log = this.options.log.child({ platform: 'QQ', deliveryId: message.deliveryId, fileName: file.fileName });
    try {
      const claimed = await this.options.redis.set(`${this.options.prefix}:qq:file-sent:${message.deliveryId}`, '1', 'EX', FILE_SENT_SECONDS, 'NX');
      if (claimed !== 'OK') {
        log.info('the file of this delivery was handed to QQ before; not again');
        return;
      }
      await this.options.pacer.waitTurn(`qq:${this.options.apiUrl}`);
      await api.call('upload_group_file', { group_id: Number(message.chatId), file: `base64://${file.base64}`, name: file.fileName }, UPLOAD_TIMEOUT_MS);
      log.info('file uploaded to the QQ group');
    } catch (error) {
      log.warn({ err: error }, 'QQ did not take the file (go-cqhttp takes only a local path); the message keeps its download link');
    }
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

  async fetchFile(ref: FileRef): Promise<ImageBytes> {
    if (ref.kind !== 'onebot') throw new Error(`QQ cannot fetch ${ref.kind} files`);
    if (!this.api) throw new UnrecoverableError('ONEBOT_API_URL 未设置，无法从 QQ 取文件');
    const media = this.options.media ?? DEFAULT_MEDIA;
    return fetchOneBotFile(this.api, ref, {
      maxBytes: this.options.maxImageBytes,
      timeoutMs: media.timeoutMs,
      allowedHosts: media.fileHosts,
      allowPrivate: media.allowPrivate,
      log: this.options.log.child({ platform: 'QQ', groupId: ref.groupId }),
    });
  }
}
