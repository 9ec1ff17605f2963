import { wechatLoginGuard } from './wechatLoginGuard.ts';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { UnrecoverableError, type Queue } from 'bullmq';
import { WechatyBuilder, ScanStatus, type Wechaty as WechatyInterface } from 'wechaty';
import type { Message, Room } from 'wechaty';
import { FileBox } from 'file-box';
import type { ChatAdapter, Ingest, SendResult } from '../ChatAdapter.ts';
import type { FileRef, ImageRef } from '../../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { UserError } from '../../src/core/errors/UserError.ts';
import { renderText } from '../../cards/render/renderText.ts';
import { SendNotReadyError } from '../SendNotReadyError.ts';
import type { RedisPacer } from '../pacing/RedisPacer.ts';
import { splitForChat } from '../shared/splitForChat.ts';
import { pictureFor } from '../shared/pictureFor.ts';
import type { SentParts } from '../shared/SentParts.ts';
import { normaliseWechatyMessage } from './normaliseWechatyMessage.ts';
import type { WechatLoginState } from './WechatLoginState.ts';
import type { SessionLease } from './SessionLease.ts';
import { wechatLoginPage } from './wechatLoginPage.ts';
import { routeWechatyLog } from './routeWechatyLog.ts';
import { tooLargeError } from '../shared/tooLargeError.ts';

export interface WechatyAdapterOptions {
  /** Puppet module name (`wechaty-puppet-service`, `wechaty-puppet-padlocal`, `wechaty-puppet-mock`…). */
  puppet: string;
  puppetToken?: string;
  /** WECHAT_LOGIN_TOKEN: the login QR code is shown only with ?token=<this>; without it, only to loopback clients. */
  loginToken?: string;
  /** The web-only role shows the login page but runs no bot: the worker process owns the WeChat session. */
  runBot: boolean;
  dataDir: string;
  maxImageBytes: number;
  loginState: WechatLoginState;
  pacer: Pick<RedisPacer, 'waitTurn'>;
  /** What each delivery already posted, so a retried job (after a logout half-way, or a crash) sends only the rest. */
  sent: Pick<SentParts, 'once'>;
  log: Logger;
  /** How long a delivery waits before trying again while the account is logged out. */
  loggedOutRetryMs?: number;
  /** Only the process holding this lease runs the bot; the others retry now and then, to take over. */
  lease?: SessionLease;
  /** The outbound queue: after a (re)login, postponed WeChat deliveries are sent at once instead of at their next try. */
  outbound?: Pick<Queue<OutboundMessage>, 'getDelayed'>;
}

/** WeChat messages are cut well below the client's limit, at line breaks, so each reads on one phone screen. */
const MAX_TEXT = 1200;
const RECENT_IMAGES = 300;
/** How often the lease is renewed by its holder, or tried by the processes standing by (lease lives 60 s). */
const LEASE_CHECK_MS = 20_000;

/**
 * WeChat groups through a wechaty puppet. The bot runs inside the service; its login QR code goes to the log and
 * to GET /wechat/login. While logged out, deliveries are postponed (not failed) until the account is back.
 */
export class WechatyAdapter implements ChatAdapter {
  readonly platform = 'WECHAT' as const;
  bot: WechatyInterface | null = null;
  /** Image messages seen lately: some puppets forget a message's payload soon after delivering it. */
  private readonly recentImages = new Map<string, Message>();
  private readonly log: Logger;
  private leaseTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: WechatyAdapterOptions) {
    this.log = options.log.child({ platform: 'WECHAT' });
  }

  mountRoutes(app: Hono): void {
    // Whoever scans the QR code owns the bot's WeChat session: with WECHAT_LOGIN_TOKEN only with ?token=…,
    // without it only from this machine (docs/binding.md).
    app.use('/wechat/login/*', wechatLoginGuard(this.options.loginToken));
    app.use('/wechat/login', wechatLoginGuard(this.options.loginToken));
    app.get('/wechat/login', async (c) => c.html(await wechatLoginPage(await this.options.loginState.get())));
    app.get('/wechat/login/status', async (c) => {
      const state = await this.options.loginState.get();
      return c.json(state ?? { status: 'starting' });
    });
  }

  async connect(ingest: Ingest): Promise<void> {
    if (!this.options.runBot || this.bot || this.leaseTimer) return;
    const lease = this.options.lease;
    if (!lease) return this.startBot(ingest);
    const tryLease = async () => {
      try {
        if (this.bot) {
          if (!(await lease.renew())) {
            this.log.error('lost the WeChat session lease to another process; stopping the bot here');
            await this.stopBot();
          }
          return;
        }
        if (await lease.acquire()) await this.startBot(ingest);
      } catch (error) {
        this.log.warn({ err: error }, 'WeChat session lease check failed');
      }
    };
    await tryLease();
    if (!this.bot) this.log.info('another process runs the WeChat bot; this one stands by');
    this.leaseTimer = setInterval(() => void tryLease(), LEASE_CHECK_MS);
    this.leaseTimer.unref();
  }

  private async startBot(ingest: Ingest): Promise<void> {
    const { loginState } = this.options;
    routeWechatyLog(this.log);
    const bot = WechatyBuilder.build({
      name: join(this.options.dataDir, 'wechaty-session'),
      puppet: this.options.puppet as never,
      ...(this.options.puppetToken ? { puppetOptions: { token: this.options.puppetToken } } : {}),
    });
    this.bot = bot;
    await loginState.set({ status: 'starting' });
    bot.on('scan', (qrcode, status) => {
      if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
        // The QR content is a login URL, not a secret: it only lets the scanning phone log in as the bot.
        this.log.info({ qrcode, page: '/wechat/login', view: `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}` }, 'WeChat login: scan the QR code');
        void loginState.set({ status: 'scan', qrcode }).catch((error: unknown) => this.log.warn({ err: error }, 'could not store the login QR code'));
      } else {
        this.log.info({ status: ScanStatus[status] }, 'WeChat login: scan status');
      }
    });
    bot.on('login', (user) => {
      this.log.info({ user: user.name() }, 'WeChat logged in');
      void loginState.set({ status: 'logged_in', userName: user.name() }).catch(() => undefined);
      void this.resumeDeliveries();
    });
    bot.on('logout', (user, reason) => {
      this.log.warn({ user: user.name(), reason }, 'WeChat logged out; deliveries wait until it logs in again');
      void loginState.set({ status: 'logged_out', ...(reason ? { detail: String(reason) } : {}) }).catch(() => undefined);
    });
    bot.on('error', (error) => this.log.error({ err: error }, 'wechaty error'));
    bot.on('message', async (message) => {
      try {
        if (!bot.isLoggedIn) return;
        const event = await normaliseWechatyMessage(message, bot.currentUser);
        if (!event) return;
        if (event.images.length > 0 || event.files) this.remember(message);
        const { jobId } = await ingest(event);
        this.log.debug({ eventId: event.eventId, jobId }, 'WeChat message queued');
      } catch (error) {
        this.log.error({ err: error, messageId: message.id }, 'WeChat message could not be queued');
      }
    });
    bot.on('room-join', async (room, invitees) => {
      try {
        if (!bot.isLoggedIn || !invitees.some((c) => c.id === bot.currentUser.id)) return;
        const topic = await room.topic().catch(() => undefined);
        await ingest({
          platform: 'WECHAT',
          eventId: `join-${room.id}-${Date.now()}`,
          kind: 'bot_added',
          chatId: room.id,
          chatType: 'group',
          ...(topic ? { chatName: topic } : {}),
          sender: { platformUserId: bot.currentUser.id },
          text: '',
          mentionsBot: false,
          mentions: [],
          images: [],
          sentAt: new Date().toISOString(),
        });
      } catch (error) {
        this.log.error({ err: error }, 'WeChat room join could not be queued');
      }
    });
    try {
      await bot.start();
    } catch (error) {
      // A puppet service that cannot be reached must not keep the rest of the service down: log it, show it on
      // the login page, and let the lease check start the bot again later.
      this.log.error({ err: error, puppet: this.options.puppet }, 'WeChat bot could not start; will try again');
      await loginState.set({ status: 'error', detail: '微信机器人启动失败，稍后自动重试，详情见服务日志。' }).catch(() => undefined);
      await this.stopBot();
      await this.options.lease?.release().catch(() => undefined);
      return;
    }
    this.log.info({ puppet: this.options.puppet, page: '/wechat/login' }, 'WeChat bot started');
  }

  async disconnect(): Promise<void> {
    if (this.leaseTimer) clearInterval(this.leaseTimer);
    this.leaseTimer = null;
    const hadBot = Boolean(this.bot);
    await this.stopBot();
    if (hadBot) await this.options.lease?.release().catch(() => undefined);
  }

  private async stopBot(): Promise<void> {
    const bot = this.bot;
    this.bot = null;
    if (bot) await bot.stop().catch((error: unknown) => this.log.warn({ err: error }, 'error while stopping wechaty'));
  }

  /** Moves the WeChat deliveries postponed while logged out to the front, so they go out right after login. */
  private async resumeDeliveries(): Promise<void> {
    if (!this.options.outbound) return;
    try {
      let resumed = 0;
      for (const job of await this.options.outbound.getDelayed(0, 5000)) {
        if (job?.data?.platform !== 'WECHAT') continue;
        await job.promote().then(
          () => resumed++,
          () => undefined,
        );
      }
      if (resumed > 0) this.log.info({ resumed }, 'WeChat deliveries postponed while logged out are being sent');
    } catch (error) {
      this.log.warn({ err: error }, 'could not resume postponed WeChat deliveries; they go out at their next try');
    }
  }

  private remember(message: Message): void {
    this.recentImages.set(message.id, message);
    while (this.recentImages.size > RECENT_IMAGES) this.recentImages.delete(this.recentImages.keys().next().value!);
  }

  private notReady(why: string): SendNotReadyError {
    return new SendNotReadyError(why, this.options.loggedOutRetryMs ?? 30_000);
  }

  private async findRoom(chatId: string): Promise<Room> {
    const bot = this.bot!;
    const room = await bot.Room.find({ id: chatId });
    if (!room) throw new UnrecoverableError(`WeChat room ${chatId} not found (the bot may have left it)`);
    return room;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const bot = this.bot;
    if (!bot) throw this.notReady('微信机器人不在这个进程运行或尚未启动');
    if (!bot.isLoggedIn) throw this.notReady('微信未登录');
    const room = await this.findRoom(message.chatId);
    const pieces = splitForChat(renderText(message.view), MAX_TEXT);
    const account = `wechat:${bot.currentUser.id}`;
    const { sent } = this.options;
    let lastId: string | undefined;
    const say = async (something: string | FileBox): Promise<string | undefined> => {
      await this.options.pacer.waitTurn(account);
      if (!bot.isLoggedIn) throw this.notReady('微信在发送途中退出登录');
      const said = typeof something === 'string' ? await room.say(something) : await room.say(something);
      return said && typeof said === 'object' && 'id' in said ? String(said.id) : undefined;
    };
    for (const [index, piece] of pieces.entries()) {
      lastId = (await sent.once(message.deliveryId, `text:${index}`, () => say(piece))) ?? lastId;
    }
    const picture = await pictureFor(message, this.log);
    if (picture) {
      lastId = (await sent.once(message.deliveryId, 'picture', () => say(FileBox.fromBase64(picture, `${message.view.kind}.png`)))) ?? lastId;
    }
    if (message.file) {
      const { fileName, base64 } = message.file;
      try {
        await sent.once(message.deliveryId, 'file', () => say(FileBox.fromBase64(base64, fileName)));
      } catch (error) {
        // Logged out half-way: postponed like any delivery, and only the file goes out after the next login.
        if (error instanceof SendNotReadyError) throw error;
        if (!bot.isLoggedIn) throw this.notReady('微信在发送途中退出登录');
        // The text carries the download link; a puppet that cannot send this file must not make the delivery fail.
        this.log.warn({ err: error, deliveryId: message.deliveryId, fileName }, 'WeChat could not send the file; the text with its link was delivered');
      }
    }
    return lastId ? { platformMessageId: lastId } : {};
  }

  async fetchImage(ref: ImageRef): Promise<ImageBytes> {
    if (ref.kind !== 'wechaty') throw new Error(`WeChat cannot fetch ${ref.kind} images`);
    const fileBox = await this.fileBoxOf(ref.messageId, '这张图片在微信里已找不到（可能已过期），请重新发送。');
    const bytes = await fileBox.toBuffer();
    if (bytes.length > this.options.maxImageBytes) throw tooLargeError('picture', this.options.maxImageBytes);
    return { bytes, fileName: fileBox.name, ...(fileBox.mediaType && fileBox.mediaType.startsWith('image/') ? { mimeType: fileBox.mediaType } : {}) };
  }

  async fetchFile(ref: FileRef): Promise<ImageBytes> {
    if (ref.kind !== 'wechaty') throw new Error(`WeChat cannot fetch ${ref.kind} files`);
    const fileBox = await this.fileBoxOf(ref.messageId, '这个文件在微信里已找不到（可能已过期），请重新发送。');
    // A size the puppet knows is checked before the bytes are read.
    if (fileBox.size > this.options.maxImageBytes) throw tooLargeError('file', this.options.maxImageBytes, ref.fileName);
    const bytes = await fileBox.toBuffer();
    if (bytes.length > this.options.maxImageBytes) throw tooLargeError('file', this.options.maxImageBytes, ref.fileName);
    return { bytes, fileName: ref.fileName, ...(fileBox.mediaType && fileBox.mediaType !== 'application/octet-stream' ? { mimeType: fileBox.mediaType } : {}) };
  }

  private async fileBoxOf(messageId: string, gone: string) {
    const bot = this.bot;
    if (!bot) throw new Error('the WeChat bot does not run in this process');
    const message = this.recentImages.get(messageId) ?? (await bot.Message.find({ id: messageId }));
    if (!message) throw new UserError(gone);
    return message.toFileBox();
  }
}
