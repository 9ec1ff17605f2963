import { assertLarkId } from './larkIds.ts';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Hono } from 'hono';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChatAdapter, Ingest, ReplyWaiter, SendResult } from '../ChatAdapter.ts';
import type { FileRef, ImageRef } from '../../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { renderLarkCard } from '../../cards/render/renderLarkCard.ts';
import { mountLarkWebhook } from './larkWebhookRoute.ts';
import { normaliseLarkEvent, BOT_ADDED, CARD_ACTION, MESSAGE_RECEIVE } from './normaliseLarkEvent.ts';
import type { LarkEnvelope } from './larkEventSchemas.ts';
import { LarkRateLimiter } from './LarkRateLimiter.ts';
import { LarkCardResponder } from './LarkCardResponder.ts';
import { checkLarkResponse, PermanentLarkError, toJobError, toLarkFailure } from './larkErrors.ts';
import { larkUuid } from './larkUuid.ts';
import { larkSdkLogger } from './larkSdkLogger.ts';
import { envelopeFromDispatcher } from './envelopeFromDispatcher.ts';
import { tooLargeError } from '../shared/tooLargeError.ts';

export interface LarkAdapterOptions {
  appId: string;
  appSecret: string;
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
  /** Base URL: https://open.feishu.cn, https://open.larksuite.com, or a local fake in tests. */
  domain: string;
  mode: 'webhook' | 'ws';
  timestampToleranceSeconds: number;
  bodyLimitBytes: number;
  maxImageBytes: number;
  redis: Redis;
  prefix: string;
  /** Lets a card click answer with the card its command produced (closed with the adapter). */
  replies: ReplyWaiter;
  log: Logger;
  /** Tests: shorter card-callback wait, other limits. */
  cardWaitMs?: number;
  limiter?: LarkRateLimiter;
  /** Seconds without a pong before the long connection is dropped and re-established. */
  wsPingTimeoutSeconds?: number;
  /** Feishu gives up after 3 s: an enqueue that hangs longer (Redis stalled) answers 503 instead. */
  ingestTimeoutMs?: number;
  /** How many times a 429 is waited out inside one send before the job's own backoff takes over. */
  rateLimitRetries?: number;
}

const CHAT_TYPE_TTL_SECONDS = 90 * 24 * 3600;
// Feishu answers "message recalled / deleted" when replying to one; then the reply goes to the chat instead.
const REPLY_TARGET_GONE = new Set([230011, 231003]);

/** Feishu / Lark: webhook or long connection in, interactive cards out, within Feishu's send limits. */
export class LarkAdapter implements ChatAdapter {
  readonly platform = 'LARK' as const;
  readonly client: lark.Client;
  private readonly limiter: LarkRateLimiter;
  private readonly cards: LarkCardResponder;
  private readonly log: Logger;
  private ws?: lark.WSClient;
  private botOpenId: string | null = null;
  private botInfoAt = 0;
  private botInfo?: Promise<string | null>;

  constructor(private readonly options: LarkAdapterOptions) {
    this.log = options.log.child({ platform: 'LARK' });
    // The SDK's shared axios instance has no timeout: a hung Open API call would hold a worker forever.
    const http = lark.defaultHttpInstance as unknown as { defaults: { timeout?: number } };
    if (!http.defaults.timeout) http.defaults.timeout = 20_000;
    this.client = new lark.Client({
      appId: options.appId,
      appSecret: options.appSecret,
      domain: options.domain,
      loggerLevel: lark.LoggerLevel.warn,
      logger: larkSdkLogger(this.log),
    });
    this.limiter = options.limiter ?? new LarkRateLimiter({ redis: options.redis, prefix: options.prefix });
    this.cards = new LarkCardResponder({
      redis: options.redis,
      prefix: options.prefix,
      replies: options.replies,
      ...(options.cardWaitMs ? { waitMs: options.cardWaitMs } : {}),
    });
  }

  // ───────────── receiving ─────────────

  mountRoutes(app: Hono, ingest: Ingest): void {
    // Over the long connection Feishu needs no webhook; without keys to check one, none is offered.
    if (this.options.mode === 'ws' && !this.options.encryptKey && !this.options.verificationToken) return;
    mountLarkWebhook(app, {
      encryptKey: this.options.encryptKey,
      verificationToken: this.options.verificationToken,
      toleranceSeconds: this.options.timestampToleranceSeconds,
      bodyLimitBytes: this.options.bodyLimitBytes,
      log: this.log,
      onEvent: (envelope, log) => this.handleEnvelope(envelope, ingest, log),
    });
  }

  /** Long-connection mode: the SDK's WSClient delivers the same envelopes to the same handler. */
  async connect(ingest: Ingest): Promise<void> {
    void this.resolveBotOpenId();
    if (this.options.mode !== 'ws') return;
    if (!/^cli_[0-9a-fA-F]{16}$/.test(this.options.appId)) {
      throw new Error('LARK_MODE=ws 需要真实的 LARK_APP_ID（形如 cli_ 加 16 位十六进制）');
    }
    const handle = (data: Record<string, unknown>) => this.handleEnvelope(envelopeFromDispatcher(data), ingest, this.log);
    const dispatcher = new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.warn, logger: larkSdkLogger(this.log) }).register({
      [MESSAGE_RECEIVE]: handle,
      [BOT_ADDED]: handle,
      // Card callbacks arrive over the long connection too (SDK ≥ 1.36); the handler's answer goes back as the callback answer.
      [CARD_ACTION]: handle,
    } as never);
    this.ws = new lark.WSClient({
      appId: this.options.appId,
      appSecret: this.options.appSecret,
      domain: this.options.domain,
      loggerLevel: lark.LoggerLevel.warn,
      logger: larkSdkLogger(this.log),
      autoReconnect: true,
      handshakeTimeoutMs: 15_000,
      // A half-open socket stays silent: no pong within this many seconds after a ping → terminate and reconnect.
      wsConfig: { pingTimeout: this.options.wsPingTimeoutSeconds ?? 30 },
      onReady: () => this.log.info('lark long connection ready'),
      onReconnecting: () => this.log.warn('lark long connection lost; reconnecting'),
      onReconnected: () => this.log.info('lark long connection re-established'),
      onError: (error: Error) => this.log.error({ err: error }, 'lark long connection gave up'),
    } as ConstructorParameters<typeof lark.WSClient>[0]);
    await this.ws.start({ eventDispatcher: dispatcher });
  }

  async disconnect(): Promise<void> {
    this.ws?.close({ force: true });
    await this.cards.close();
  }

  /** One authenticated v2 envelope (webhook or long connection) → ingest; card clicks answer with a card. */
  async handleEnvelope(envelope: LarkEnvelope, ingest: Ingest, log: Logger): Promise<Record<string, unknown>> {
    const type = envelope.header.event_type;
    if (type !== MESSAGE_RECEIVE && type !== BOT_ADDED && type !== CARD_ACTION) {
      log.debug('event type not handled; acknowledged');
      return {};
    }
    // Known after start; if bot/v3/info is slow, the webhook does not wait more than a second for it.
    const botOpenId =
      type === MESSAGE_RECEIVE && !this.botOpenId
        ? await Promise.race([this.resolveBotOpenId(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000).unref())])
        : this.botOpenId;
    let cardChatType: 'group' | 'p2p' | undefined;
    if (type === CARD_ACTION) {
      const chatId = (envelope.event.context as { open_chat_id?: string } | undefined)?.open_chat_id;
      if (chatId) cardChatType = (await this.options.redis.get(this.chatTypeKey(chatId))) === 'p2p' ? 'p2p' : undefined;
    }
    const normalised = normaliseLarkEvent(envelope, { botOpenId, chatTypeOf: () => cardChatType });
    if (!normalised.ok) {
      log.info({ reason: normalised.reason }, 'lark event ignored');
      return type === CARD_ACTION ? { toast: { type: 'warning', content: '这个按钮没有可执行的操作' } } : {};
    }
    const event = normalised.event;
    if (event.kind === 'message' && event.chatType === 'p2p') {
      await this.options.redis.set(this.chatTypeKey(event.chatId), 'p2p', 'EX', CHAT_TYPE_TTL_SECONDS);
    }
    const boundedIngest: Ingest = (e) => withinIngestTime(ingest(e), this.options.ingestTimeoutMs ?? 2500);
    if (event.kind === 'card_action') return this.cards.respond(event, boundedIngest, log);
    const { jobId } = await boundedIngest(event);
    if (jobId) log.info({ jobId, kind: event.kind }, 'lark event queued');
    else log.debug({ kind: event.kind }, 'lark message is chatter, not for the bot: acknowledged, not queued');
    return {};
  }

  private chatTypeKey(chatId: string): string {
    return `${this.options.prefix}:lark:chat-type:${chatId}`;
  }

  /** The bot's own open_id (bot/v3/info), asked once at start and again at most every minute while unknown. */
  async resolveBotOpenId(): Promise<string | null> {
    if (this.botOpenId) return this.botOpenId;
    if (this.botInfo) return this.botInfo;
    if (Date.now() - this.botInfoAt < 60_000 && this.botInfoAt > 0) return null;
    this.botInfoAt = Date.now();
    this.botInfo = this.client
      .request<{ code?: number; msg?: string; bot?: { open_id?: string; app_name?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' })
      .then((response) => {
        checkLarkResponse(response);
        this.botOpenId = response.bot?.open_id ?? null;
        this.log.info({ botOpenId: this.botOpenId, appName: response.bot?.app_name }, 'lark bot identity known');
        return this.botOpenId;
      })
      .catch((error: unknown) => {
        this.log.warn({ msg: toLarkFailure(error).msg }, 'could not read the bot identity (bot/v3/info); @bot is recognised once it is known');
        return null;
      })
      .finally(() => {
        this.botInfo = undefined;
      });
    return this.botInfo;
  }

  // ───────────── sending ─────────────

  /** The view's own picture (poster, charts) as base64; a card without it still says everything. */
  private async viewPicture(message: OutboundMessage): Promise<string | undefined> {
    if (!message.view.picture) return undefined;
    try {
      // The canvas and charts load on the first picture, not with the adapter.
      const { renderPicture } = await import('../../cards/render/renderPicture.ts');
      return renderPicture(message.view)?.toString('base64');
    } catch (error) {
      this.log.warn({ err: error, kind: message.view.kind }, 'could not render the picture; sending the card without it');
      return undefined;
    }
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const log = this.log.child({ deliveryId: message.deliveryId, chatId: message.chatId });
    const card = renderLarkCard(message.view);
    const picture = message.imageBase64 ?? (await this.viewPicture(message));
    if (picture) {
      // Boards and digests may come with a picture: uploaded first, then shown inside the card.
      const imageKey = await this.uploadImage(picture);
      (card.body as { elements: Record<string, unknown>[] }).elements.push({
        tag: 'img',
        img_key: imageKey,
        alt: { tag: 'plain_text', content: message.view.title },
        scale_type: 'fit_horizontal',
      });
    }
    const content = JSON.stringify(card);
    if (message.updateMessageId) assertLarkId('message', message.updateMessageId);
    if (message.replyToMessageId) assertLarkId('message', message.replyToMessageId);
    if (message.updateMessageId) {
      const answered = await this.options.redis.get(LarkCardResponder.answeredKey(this.options.prefix, message.deliveryId));
      if (answered) {
        log.debug('card already replaced by the callback answer; no patch needed');
        return { platformMessageId: message.updateMessageId };
      }
      await this.call(message.chatId, () =>
        this.client.im.message.patch({ path: { message_id: assertLarkId('message', message.updateMessageId!) }, data: { content } }),
      );
      return { platformMessageId: message.updateMessageId };
    }
    const uuid = larkUuid(message.deliveryId);
    if (message.replyToMessageId) {
      try {
        const replied = await this.call(message.chatId, () =>
          this.client.im.message.reply({
            path: { message_id: assertLarkId('message', message.replyToMessageId!) },
            data: { content, msg_type: 'interactive', uuid },
          }),
        );
        await this.sendFile(message);
        return { ...(replied.data?.message_id ? { platformMessageId: replied.data.message_id } : {}) };
      } catch (error) {
        const failure = toLarkFailure(error);
        if (failure.code === undefined || !REPLY_TARGET_GONE.has(failure.code)) throw error;
        log.info({ code: failure.code }, 'message to reply to is gone; sending to the chat instead');
      }
    }
    const created = await this.call(message.chatId, () =>
      this.client.im.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: message.chatId, msg_type: 'interactive', content, uuid },
      }),
    );
    await this.sendFile(message);
    return { ...(created.data?.message_id ? { platformMessageId: created.data.message_id } : {}) };
  }

  /**
   * An exported workbook goes into the chat as a file message after its card (im.file.create, then msg_type file).
   * Its own uuid keeps a retried job from posting it twice, so a passing failure is retried with the job; one that
   * will not pass (a file Feishu refuses) is logged and left out, as on the other platforms: the card is there
   * with its link, and the delivery counts as sent.
   */
  private async sendFile(message: OutboundMessage): Promise<void> {
    try {
      await this.postFile(message);
    } catch (error) {
      if (!(error instanceof PermanentLarkError)) throw error;
      this.log.warn({ chatId: message.chatId, deliveryId: message.deliveryId, err: error }, 'lark refused the file; the card with its link stands');
    }
  }

  private async postFile(message: OutboundMessage): Promise<void> {
    if (!message.file) return;
    const { fileName, base64 } = message.file;
    let uploaded: { file_key?: string } | null;
    try {
      uploaded = await this.client.im.file.create({ data: { file_type: larkFileType(fileName), file_name: fileName, file: Buffer.from(base64, 'base64') } });
    } catch (error) {
      throw toJobError(toLarkFailure(error));
    }
    if (!uploaded?.file_key) throw toJobError({ msg: '上传文件没有返回 file_key', rateLimited: false });
    const fileKey = uploaded.file_key;
    await this.call(message.chatId, () =>
      this.client.im.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: message.chatId, msg_type: 'file', content: JSON.stringify({ file_key: fileKey }), uuid: larkUuid(`${message.deliveryId}:file`) },
      }),
    );
  }

  private async uploadImage(base64: string): Promise<string> {
    let uploaded: { image_key?: string } | null;
    try {
      uploaded = await this.client.im.image.create({ data: { image_type: 'message', image: Buffer.from(base64, 'base64') } });
    } catch (error) {
      throw toJobError(toLarkFailure(error));
    }
    if (!uploaded?.image_key) throw toJobError({ msg: '上传图片没有返回 image_key', rateLimited: false });
    return uploaded.image_key;
  }

  /**
   * One Open API call inside the rate limits: waits for a slot (per chat and per app, shared through Redis),
   * waits out a 429 for as long as `x-ogw-ratelimit-reset` says, and turns the rest into job errors
   * (transient → BullMQ retries with backoff; permanent → UnrecoverableError).
   */
  private async call<T extends { code?: number; msg?: string }>(chatId: string, request: () => Promise<T>): Promise<T> {
    const retries = this.options.rateLimitRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        return checkLarkResponse(await this.limiter.run(chatId, request));
      } catch (error) {
        const failure = toLarkFailure(error);
        if (failure.rateLimited && attempt < retries) {
          const waitMs = failure.resetMs ?? 1000 * (attempt + 1);
          this.log.warn({ chatId, waitMs, code: failure.code, status: failure.status }, 'lark rate limit hit; waiting for the reset');
          await this.limiter.pause(chatId, waitMs);
          continue;
        }
        throw toJobError(failure);
      }
    }
  }

  async fetchImage(ref: ImageRef): Promise<ImageBytes> {
    if (ref.kind !== 'lark') throw new Error(`lark adapter cannot fetch ${ref.kind} images`);
    const got = await this.download(ref.messageId, ref.fileKey, 'image');
    if (got.tooLarge) throw toJobError({ msg: `图片超过 ${this.options.maxImageBytes} 字节`, rateLimited: false, status: 413 });
    const mimeType = got.mimeType ?? 'image/jpeg';
    const extension = mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'jpg';
    return { bytes: got.bytes, fileName: `${ref.fileKey}.${extension}`, mimeType };
  }

  async fetchFile(ref: FileRef): Promise<ImageBytes> {
    if (ref.kind !== 'lark') throw new Error(`lark adapter cannot fetch ${ref.kind} files`);
    const got = await this.download(ref.messageId, ref.fileKey, 'file');
    // Too large is the sender's to fix, so it is an answer in the chat rather than a failed job.
    if (got.tooLarge) throw tooLargeError('file', this.options.maxImageBytes, ref.fileName);
    return { bytes: got.bytes, fileName: ref.fileName, ...(got.mimeType && got.mimeType !== 'application/octet-stream' ? { mimeType: got.mimeType } : {}) };
  }

  /** im.messageResource.get streams the bytes; reading stops at the size limit instead of buffering a huge file. */
  private async download(messageId: string, fileKey: string, type: 'image' | 'file'): Promise<{ bytes: Buffer; mimeType?: string; tooLarge?: true }> {
    const path = { message_id: assertLarkId('message', messageId), file_key: assertLarkId('fileKey', fileKey) };
    let resource;
    try {
      resource = await this.client.im.messageResource.get({ path, params: { type } });
    } catch (error) {
      throw toJobError(await readStreamFailure(error));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = resource.getReadableStream() as AsyncIterable<Buffer> & { destroy?: () => void };
    for await (const chunk of stream) {
      size += chunk.length;
      if (size > this.options.maxImageBytes) {
        stream.destroy?.();
        return { bytes: Buffer.alloc(0), tooLarge: true };
      }
      chunks.push(chunk);
    }
    const contentType = (resource.headers as Record<string, unknown> | undefined)?.['content-type'];
    return { bytes: Buffer.concat(chunks), ...(contentType ? { mimeType: String(contentType).split(';')[0]! } : {}) };
  }
}

/** Feishu's upload types; a workbook is `xls` whatever its extension, anything else unknown is `stream`. */
function larkFileType(fileName: string): 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream' {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (extension === 'pdf') return 'pdf';
  if (extension === 'doc' || extension === 'docx') return 'doc';
  if (extension === 'xls' || extension === 'xlsx' || extension === 'csv') return 'xls';
  if (extension === 'ppt' || extension === 'pptx') return 'ppt';
  return 'stream';
}

/** The message matches isInfrastructureError (src/core/errors/isInfrastructureError.ts), so the route answers 503. */
async function withinIngestTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`enqueue ETIMEDOUT after ${ms} ms (Redis unavailable?)`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failed download answers with a JSON error body inside a stream (responseType: 'stream'): read it. */
async function readStreamFailure(error: unknown) {
  const response = (error as { response?: { data?: unknown } }).response;
  const data = response?.data as AsyncIterable<Buffer> | undefined;
  if (data && typeof (data as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of data) chunks.push(Buffer.from(chunk));
      response!.data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response!.data = {};
    }
  }
  return toLarkFailure(error);
}
