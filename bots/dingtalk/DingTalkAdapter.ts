import { TOPIC_CARD, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChatAdapter, Ingest, SendResult } from '../ChatAdapter.ts';
import type { ChatEvent, FileRef, ImageRef } from '../../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { UserError } from '../../src/core/errors/UserError.ts';
import { renderDingTalkMarkdown } from '../../cards/render/renderDingTalkMarkdown.ts';
import { renderDingTalkCard } from '../../cards/render/renderDingTalkCard.ts';
import { pictureFor } from '../shared/pictureFor.ts';
import { SentParts } from '../shared/SentParts.ts';
import { LarkRateLimiter } from '../lark/LarkRateLimiter.ts';
import { DingTalkApiClient } from './DingTalkApiClient.ts';
import { DingTalkStreamClient } from './DingTalkStreamClient.ts';
import { DingTalkCardStore } from './DingTalkCardStore.ts';
import { dingTalkTrackId } from './dingTalkTrackId.ts';
import { toDingTalkFailure, toJobError } from './dingTalkErrors.ts';
import { normaliseDingTalkMessage, P2P_CHAT_PREFIX } from './normaliseDingTalkMessage.ts';
import { cardCallbackSchema, cardPrivateDataSchema, robotMessageSchema, streamHeadersSchema } from './dingTalkSchemas.ts';
import { tooLargeError } from '../shared/tooLargeError.ts';

export interface DingTalkAdapterOptions {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  gatewayUrl: string;
  apiBase: string;
  oapiBase: string;
  cardTemplateId: string;
  timeoutMs: number;
  maxImageBytes: number;
  redis: Redis;
  prefix: string;
  log: Logger;
  limiter?: LarkRateLimiter;
  /** An enqueue that hangs longer than this (Redis stalled) is given up: the frame stays unacknowledged. */
  ingestTimeoutMs?: number;
  /** How many times a throttling answer is waited out inside one send before the job's own backoff takes over. */
  rateLimitRetries?: number;
}

/**
 * DingTalk's send limits as the adapter keeps them, shared by every worker through Redis: the OpenAPI allows an
 * enterprise internal app 20 calls a second per API (standard edition); per group, 20 messages a minute, the
 * documented limit of group robots. Windows carry the same small guard as Feishu's.
 */
export function dingTalkRateLimiter(redis: Redis, prefix: string): LarkRateLimiter {
  return new LarkRateLimiter({
    redis,
    prefix,
    namespace: 'dingtalk',
    perChat: { limit: 20, windowMs: 60_000 + 100 },
    perApp: { limit: 20, windowMs: 1000 + 100 },
    perAppMinute: { limit: 1200, windowMs: 60_000 + 100 },
    // A slot counts until its call is answered (at most the HTTP timeout), however long the call takes.
    inFlightLeaseMs: 30_000,
  });
}

/** media/upload takes files (type `file`) up to 20 MB; a larger one is not tried, the link in the text stays. */
const FILE_MAX_BYTES = 20 * 1024 * 1024;

/**
 * DingTalk (钉钉) groups through an enterprise internal app's robot in Stream mode: the official dingtalk-stream
 * SDK holds the connection (no public address needed), robot messages and card clicks are normalised, queued and
 * acknowledged; replies and pushes go out through the robot's group-message OpenAPI as markdown, as interactive
 * cards when the view has buttons, and pictures and exported files as media uploads.
 */
export class DingTalkAdapter implements ChatAdapter {
  readonly platform = 'DINGTALK' as const;
  readonly api: DingTalkApiClient;
  private readonly limiter: LarkRateLimiter;
  private readonly cards: DingTalkCardStore;
  private readonly sent: SentParts;
  private readonly log: Logger;
  private stream?: DingTalkStreamClient;

  constructor(private readonly options: DingTalkAdapterOptions) {
    this.log = options.log.child({ platform: 'DINGTALK' });
    this.api = new DingTalkApiClient({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      apiBase: options.apiBase.replace(/\/+$/, ''),
      oapiBase: options.oapiBase.replace(/\/+$/, ''),
      timeoutMs: options.timeoutMs,
    });
    this.limiter = options.limiter ?? dingTalkRateLimiter(options.redis, options.prefix);
    this.cards = new DingTalkCardStore(options.redis, options.prefix);
    this.sent = new SentParts(options.redis, options.prefix, 'dingtalk');
  }

  // ───────────── receiving ─────────────

  /** Opens the Stream connection; the SDK reconnects by itself when it drops. */
  async connect(ingest: Ingest): Promise<void> {
    const stream = new DingTalkStreamClient({
      clientId: this.options.clientId,
      clientSecret: this.options.clientSecret,
      gatewayUrl: this.options.gatewayUrl,
      timeoutMs: this.options.timeoutMs,
    });
    stream.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => void this.onFrame(frame, ingest));
    stream.registerCallbackListener(TOPIC_CARD, (frame: DWClientDownStream) => void this.onFrame(frame, ingest));
    this.stream = stream;
    await stream.connect();
    this.log.info({ connected: stream.connected }, 'dingtalk stream connection started');
  }

  async disconnect(): Promise<void> {
    this.stream?.disconnect();
    this.stream = undefined;
  }

  /** True while the SDK's socket is open. */
  get connected(): boolean {
    return this.stream?.connected ?? false;
  }

  /**
   * One CALLBACK frame → ingest, then the acknowledgement. A frame that cannot be queued (Redis down or stalled) is
   * left unacknowledged: DingTalk delivers a callback again when no answer came. Frames the bot has nothing to do
   * with are acknowledged at once, so DingTalk does not keep re-sending them.
   */
  async onFrame(frame: DWClientDownStream, ingest: Ingest): Promise<'acknowledged' | 'not acknowledged'> {
    const headers = streamHeadersSchema.safeParse(frame?.headers);
    if (!headers.success) {
      this.log.warn('stream frame without topic or messageId; ignored');
      return 'not acknowledged';
    }
    const { messageId, topic } = headers.data;
    const log = this.log.child({ streamMessageId: messageId, topic });
    const ack = (): 'acknowledged' | 'not acknowledged' => {
      try {
        this.stream?.socketCallBackResponse(messageId, {});
        return 'acknowledged';
      } catch (error) {
        // The socket is being replaced: DingTalk delivers the frame again on the new one (and the queue de-duplicates).
        log.warn({ err: error }, 'acknowledgement could not be sent');
        return 'not acknowledged';
      }
    };
    let data: unknown;
    try {
      data = JSON.parse(frame.data);
    } catch {
      log.warn('stream frame whose data is not JSON; acknowledged and ignored');
      return ack();
    }
    try {
      const event = topic === TOPIC_CARD ? await this.cardEvent(data, headers.data.time, messageId, log) : this.messageEvent(data, log);
      if (!event) return ack();
      const { jobId } = await withinIngestTime(ingest(event), this.options.ingestTimeoutMs ?? 5000);
      if (jobId) log.info({ jobId, kind: event.kind }, 'dingtalk event queued');
      else log.debug({ kind: event.kind }, 'dingtalk message is chatter, not for the bot: acknowledged, not queued');
      return ack();
    } catch (error) {
      log.warn({ err: error }, 'dingtalk event could not be queued; not acknowledged, so DingTalk delivers it again');
      return 'not acknowledged';
    }
  }

  private messageEvent(data: unknown, log: Logger): ChatEvent | null {
    const parsed = robotMessageSchema.safeParse(data);
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'robot message not understood; ignored');
      return null;
    }
    const normalised = normaliseDingTalkMessage(parsed.data);
    if (!normalised.ok) {
      log.info({ reason: normalised.reason }, 'dingtalk message ignored');
      return null;
    }
    return normalised.event;
  }

  /** A button click on one of the bot's cards → the command that button carries, as if typed by the clicker. */
  private async cardEvent(data: unknown, time: string | undefined, messageId: string, log: Logger): Promise<ChatEvent | null> {
    const parsed = cardCallbackSchema.safeParse(data);
    if (!parsed.success) {
      log.warn('card callback without outTrackId or userId; ignored');
      return null;
    }
    const callback = parsed.data;
    let actionId: string | undefined;
    let paramCommand: string | undefined;
    try {
      const value = cardPrivateDataSchema.safeParse(JSON.parse(callback.value ?? callback.content ?? '{}'));
      if (value.success) {
        actionId = value.data.cardPrivateData.actionIds[0];
        const command = value.data.cardPrivateData.params?.command;
        if (typeof command === 'string') paramCommand = command;
      }
    } catch {
      // handled below: no action id
    }
    // Redis being away throws here: the callback is not acknowledged and comes again.
    const card = await this.cards.find(callback.outTrackId);
    const command = (actionId ? card?.commands[actionId] : undefined) ?? paramCommand;
    if (!card || !command) {
      log.info({ outTrackId: callback.outTrackId, actionId }, 'card click on an unknown card or button; ignored');
      return null;
    }
    const at = Number(time);
    return {
      platform: 'DINGTALK',
      eventId: `card-${messageId}`,
      kind: 'card_action',
      chatId: card.chatId,
      chatType: card.chatId.startsWith(P2P_CHAT_PREFIX) ? 'p2p' : 'group',
      sender: { platformUserId: callback.userId },
      text: command.slice(0, 2000),
      mentionsBot: true,
      mentions: [],
      images: [],
      sentAt: new Date(Number.isFinite(at) ? at : 0).toISOString(),
      cardMessageId: callback.outTrackId,
    };
  }

  // ───────────── sending ─────────────

  async send(message: OutboundMessage): Promise<SendResult> {
    const log = this.log.child({ deliveryId: message.deliveryId, chatId: message.chatId });
    const hasButtons = (message.view.buttons ?? []).length > 0;
    let platformMessageId: string | undefined;
    if (message.updateMessageId) {
      // The answer to a click replaces the clicked card, like Feishu's patch.
      const card = renderDingTalkCard(message.view);
      await this.cards.save(message.updateMessageId, { chatId: message.chatId, commands: card.commands });
      await this.call(message.chatId, () =>
        this.api.call('PUT', '/v1.0/card/instances', { outTrackId: message.updateMessageId, cardData: { cardParamMap: card.cardParamMap } }),
      );
      platformMessageId = message.updateMessageId;
    } else if (hasButtons) {
      platformMessageId = await this.sent.once(message.deliveryId, 'card', () => this.sendCard(message));
    } else {
      const { title, text } = renderDingTalkMarkdown(message.view);
      platformMessageId = await this.sent.once(message.deliveryId, 'text', () => this.sendMessage(message.chatId, 'sampleMarkdown', { title, text }));
    }
    const picture = await pictureFor(message, log);
    if (picture) {
      await this.sent.once(message.deliveryId, 'picture', async () => {
        const mediaId = await this.call(message.chatId, () => this.api.uploadMedia(Buffer.from(picture, 'base64'), `${message.view.kind}.png`, 'image'));
        return this.sendMessage(message.chatId, 'sampleImageMsg', { photoURL: mediaId });
      });
    }
    await this.sendFile(message, log);
    return platformMessageId ? { platformMessageId } : {};
  }

  /**
   * An exported file after the text: uploaded as media (type `file`), then a `sampleFile` robot message. The text
   * already carries the download link, so a file that cannot be uploaded or sent is logged and left out rather
   * than failing the delivery (which would only retry what will fail again, e.g. a file over the size limit).
   */
  private async sendFile(message: OutboundMessage, log: Logger): Promise<void> {
    if (!message.file) return;
    const { fileName, base64 } = message.file;
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length > FILE_MAX_BYTES) {
      log.warn({ fileName, bytes: bytes.length }, 'file over the 20 MB media/upload limit; only its link was sent');
      return;
    }
    try {
      await this.sent.once(message.deliveryId, 'file', async () => {
        const mediaId = await this.call(message.chatId, () => this.api.uploadMedia(bytes, fileName, 'file'));
        return this.sendMessage(message.chatId, 'sampleFile', { mediaId, fileName, fileType: dingTalkFileType(fileName) });
      });
    } catch (error) {
      log.warn({ err: error, fileName }, 'the file could not be sent; the text with its link was delivered');
    }
  }

  /** A robot message to a group (groupMessages/send) or to one person (oToMessages/batchSend); answers processQueryKey. */
  private async sendMessage(chatId: string, msgKey: string, msgParam: Record<string, string>): Promise<string | undefined> {
    const common = { robotCode: this.options.robotCode, msgKey, msgParam: JSON.stringify(msgParam) };
    const answer = await this.call(chatId, () =>
      chatId.startsWith(P2P_CHAT_PREFIX)
        ? this.api.call<{ processQueryKey?: string }>('POST', '/v1.0/robot/oToMessages/batchSend', {
            ...common,
            userIds: [chatId.slice(P2P_CHAT_PREFIX.length)],
          })
        : this.api.call<{ processQueryKey?: string }>('POST', '/v1.0/robot/groupMessages/send', { ...common, openConversationId: chatId }),
    );
    return answer.processQueryKey;
  }

  /** An interactive card (create and deliver in one call), its clicks coming back over the Stream connection. */
  private async sendCard(message: OutboundMessage): Promise<string> {
    const outTrackId = dingTalkTrackId(message.deliveryId);
    const card = renderDingTalkCard(message.view);
    // Saved first: a click can come back before the send call has returned.
    await this.cards.save(outTrackId, { chatId: message.chatId, commands: card.commands });
    const p2p = message.chatId.startsWith(P2P_CHAT_PREFIX);
    const target = p2p
      ? {
          openSpaceId: `dtv1.card//IM_ROBOT.${message.chatId.slice(P2P_CHAT_PREFIX.length)}`,
          imRobotOpenSpaceModel: { supportForward: false },
          imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.options.robotCode },
        }
      : {
          openSpaceId: `dtv1.card//IM_GROUP.${message.chatId}`,
          imGroupOpenSpaceModel: { supportForward: false },
          imGroupOpenDeliverModel: { robotCode: this.options.robotCode },
        };
    const answer = await this.call(message.chatId, () =>
      this.api.call<{ success?: boolean; result?: { deliverResults?: { success?: boolean; errorMsg?: string }[] } }>(
        'POST',
        '/v1.0/card/instances/createAndDeliver',
        {
          cardTemplateId: this.options.cardTemplateId,
          outTrackId,
          callbackType: 'STREAM',
          cardData: { cardParamMap: card.cardParamMap },
          userIdType: 1,
          ...target,
        },
      ),
    );
    const failed = answer.result?.deliverResults?.find((r) => r.success === false);
    if (answer.success === false || failed) throw toJobError({ status: 200, msg: `卡片投放失败：${failed?.errorMsg ?? '未说明原因'}`, rateLimited: false });
    return outTrackId;
  }

  /**
   * One OpenAPI call inside the rate limits: waits for a slot (per chat and per app, shared through Redis), waits
   * out a throttling answer (Retry-After, else a growing pause), and turns the rest into job errors (transient →
   * BullMQ retries with backoff; permanent → UnrecoverableError).
   */
  private async call<T>(chatId: string, request: () => Promise<T>): Promise<T> {
    const retries = this.options.rateLimitRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      try {
        // The token first, outside the slot: a slot held while the token is fetched expires from the window, and the
        // requests waiting on the token would then reach DingTalk together with the next window's.
        await this.api.accessToken();
        return await this.limiter.run(chatId, request);
      } catch (error) {
        const failure = toDingTalkFailure(error);
        if (failure.rateLimited && attempt < retries) {
          const waitMs = failure.resetMs ?? 1000 * (attempt + 1);
          this.log.warn({ chatId, waitMs, code: failure.code, status: failure.status }, 'dingtalk throttled the call; waiting');
          // A per-app QPS answer holds the whole app back; otherwise the one group.
          await this.limiter.pause(failure.code && /App|Api/i.test(failure.code) ? null : chatId, waitMs);
          continue;
        }
        throw toJobError(failure);
      }
    }
  }

  async fetchImage(ref: ImageRef): Promise<ImageBytes> {
    if (ref.kind !== 'dingtalk') throw new Error(`DingTalk cannot fetch ${ref.kind} images`);
    return this.download(ref.downloadCode, ref.fileName ?? 'dingtalk-picture', 'picture');
  }

  async fetchFile(ref: FileRef): Promise<ImageBytes> {
    if (ref.kind !== 'dingtalk') throw new Error(`DingTalk cannot fetch ${ref.kind} files`);
    return this.download(ref.downloadCode, ref.fileName, 'file');
  }

  /** robot/messageFiles/download exchanges the downloadCode for a short-lived URL; the bytes come from there. */
  private async download(downloadCode: string, fileName: string, what: 'picture' | 'file'): Promise<ImageBytes> {
    let downloadUrl: string | undefined;
    try {
      ({ downloadUrl } = await this.api.call<{ downloadUrl?: string }>('POST', '/v1.0/robot/messageFiles/download', {
        downloadCode,
        robotCode: this.options.robotCode,
      }));
    } catch (error) {
      throw toJobError(toDingTalkFailure(error));
    }
    if (!downloadUrl) throw toJobError({ status: 200, msg: 'messageFiles/download 没有返回 downloadUrl', rateLimited: false });
    let got;
    try {
      got = await this.api.download(downloadUrl, this.options.maxImageBytes);
    } catch (error) {
      const failure = toDingTalkFailure(error);
      if (failure.status === 404 || failure.status === 410 || failure.status === 403) {
        throw new UserError(what === 'picture' ? '这张图片已过期，无法下载，请重新发送。' : '这个文件已过期，无法下载，请重新发送。');
      }
      throw toJobError(failure);
    }
    if (got.tooLarge) throw tooLargeError(what, this.options.maxImageBytes, what === 'file' ? fileName : undefined);
    return { bytes: got.bytes, fileName, ...(got.mimeType && got.mimeType !== 'application/octet-stream' ? { mimeType: got.mimeType } : {}) };
  }
}

/** sampleFile's fileType is the file's extension (xlsx, pdf…), the way DingTalk shows the file's icon. */
function dingTalkFileType(fileName: string): string {
  return /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? 'file';
}

/** The message matches isInfrastructureError (src/core/errors/isInfrastructureError.ts): a stalled Redis counts as unavailable. */
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
