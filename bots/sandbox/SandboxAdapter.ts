import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { isJsonContentType, NOT_JSON_CONTENT_TYPE } from '../shared/isJsonContentType.ts';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { ChatAdapter, Ingest, ReplyWaiter, SendResult } from '../ChatAdapter.ts';
import type { FileRef, ImageRef } from '../../src/engine/chat/ChatEvent.ts';
import { UserError } from '../../src/core/errors/UserError.ts';
import { RedisAttemptLimiter } from '../../src/core/redis/AttemptLimiter.ts';
import { SandboxStorageFull, SandboxUploads, uploadContentType } from './SandboxUploads.ts';
import { remoteAddress } from '../shared/remoteAddress.ts';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { renderText } from '../../cards/render/renderText.ts';
import { renderLarkCard } from '../../cards/render/renderLarkCard.ts';
import { SandboxChatLog, type SandboxLine } from './SandboxChatLog.ts';
import { sandboxPage } from './sandboxPage.ts';
import type { SandboxDirectory, SandboxGroup, SandboxPersona } from './SandboxDirectory.ts';
import { bodyLimitByLength } from '../shared/bodyLimitByLength.ts';

export interface SandboxAdapterOptions {
  redis: Redis;
  prefix: string;
  directory: SandboxDirectory;
  /** Needed by the web side to wait until a message has gone all the way through (closed with the adapter). */
  replies?: ReplyWaiter;
  /** PHOTO_MAX_BYTES: the largest picture the sandbox takes. */
  maxImageBytes: number;
  replyTimeoutMs?: number;
  /** Where pictures and files of the conversation are kept (DATA_DIR); Redis holds only their ids. */
  dataDir: string;
  /** Requests per client address per minute to /sandbox/api (SANDBOX_RATE_PER_MINUTE). */
  ratePerMinute?: number;
  /** How long the conversation (and its uploads) is kept (SANDBOX_LOG_TTL_HOURS). */
  logTtlHours?: number;
  /** At most this much on disk for uploads. */
  maxUploadBytes?: number;
}

const MAX_FILE_BASE64 = 14_000_000;
/** How long the persona and group lists are trusted for a message before they are read again. */
const DIRECTORY_TTL_MS = 5000;

const messageSchema = z
  .object({
    group: z.string().min(1).max(100),
    user: z.string().min(1).max(100),
    text: z.string().max(20_000).optional(),
    imageBase64: z.string().optional(),
    /** A non-image file (roster .xlsx/.csv); needs fileName. */
    fileBase64: z.string().max(MAX_FILE_BASE64).optional(),
    fileName: z.string().max(200).optional(),
    /** Lets a caller deliver the same message twice (a platform re-delivery). */
    messageId: z.string().min(1).max(100).optional(),
  })
  .refine((m) => (m.text && m.text.trim()) || m.imageBase64 || m.fileBase64, { message: 'text, imageBase64 or fileBase64 is required' })
  .refine((m) => !m.fileBase64 || m.fileName, { message: 'fileName is required with fileBase64' });

const BASE64 = /^[A-Za-z0-9+/]+=*$/;
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/**
 * The built-in platform: simulated groups in a browser page and a JSON API, no credentials needed. It plays the
 * demo organisation only (the chat engine shows it nothing else), is rate-limited per client address, keeps
 * pictures and files on disk (Redis holds ids), and forgets its conversation after SANDBOX_LOG_TTL_HOURS.
 */
export class SandboxAdapter implements ChatAdapter {
  readonly platform = 'SANDBOX' as const;
  readonly log: SandboxChatLog;
  readonly uploads: SandboxUploads;
  private readonly rate: RedisAttemptLimiter;

  constructor(private readonly options: SandboxAdapterOptions) {
    const ttlHours = options.logTtlHours ?? 24;
    this.log = new SandboxChatLog(options.redis, options.prefix, ttlHours * 3600);
    this.uploads = new SandboxUploads(options.dataDir, { ttlMs: ttlHours * 3600_000, maxTotalBytes: options.maxUploadBytes ?? 512 * 1024 * 1024 });
    this.rate = new RedisAttemptLimiter(options.redis, options.prefix);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    let image: string | undefined;
    let file: SandboxLine['file'];
    let note = '';
    let picture: Buffer | undefined;
    try {
      if (message.imageBase64) picture = Buffer.from(message.imageBase64, 'base64');
      else if (message.view.picture) {
        // The canvas and charts load with the first picture, not with the sandbox.
        const { renderPicture } = await import('../../cards/render/renderPicture.ts');
        picture = renderPicture(message.view) ?? undefined;
      }
    } catch {
      // The text says everything; a picture that cannot be drawn is left out.
    }
    try {
      if (picture) image = await this.uploads.save(picture);
      if (message.file) file = { fileName: message.file.fileName, upload: await this.uploads.save(Buffer.from(message.file.base64, 'base64')) };
    } catch (error) {
      if (!(error instanceof SandboxStorageFull)) throw error;
      note = '\n（沙盒存储已满，附件没有保存）';
    }
    await this.log.append(message.chatId, {
      id: message.deliveryId,
      from: 'bot',
      text: renderText(message.view) + note,
      card: renderLarkCard(message.view),
      ...(image ? { image } : {}),
      ...(file ? { file } : {}),
      at: new Date().toISOString(),
    });
    return { platformMessageId: message.deliveryId };
  }

  async fetchImage(ref: ImageRef): Promise<ImageBytes> {
    if (ref.kind === 'inline') return { bytes: Buffer.from(ref.base64, 'base64'), ...(ref.fileName ? { fileName: ref.fileName } : {}) };
    if (ref.kind !== 'sandbox') throw new Error(`sandbox cannot fetch ${ref.kind} images`);
    const bytes = await this.uploads.read(ref.uploadId);
    if (!bytes) throw new UserError('这张图片已过期（沙盒只保留一段时间），请重新发送。');
    return { bytes, ...(ref.fileName ? { fileName: ref.fileName } : {}) };
  }

  async fetchFile(ref: FileRef): Promise<ImageBytes> {
    if (ref.kind !== 'sandbox') throw new Error(`sandbox cannot fetch ${ref.kind} files`);
    const bytes = await this.uploads.read(ref.uploadId);
    if (!bytes) throw new UserError('这个文件已过期（沙盒只保留一段时间），请重新发送。');
    return { bytes, fileName: ref.fileName };
  }

  async disconnect(): Promise<void> {
    await this.options.replies?.close();
  }

  mountRoutes(app: Hono, ingest: Ingest): void {
    const perMinute = this.options.ratePerMinute ?? 120;
    app.use('/sandbox/api/*', async (c, next) => {
      const client = remoteAddress(c) ?? 'unknown';
      const minute = Math.floor(Date.now() / 60_000);
      const { allowed } = await this.rate.take(`sandbox:${client}:${minute}`, perMinute, 120);
      if (!allowed) {
        c.header('retry-after', '60');
        return c.json({ error: `请求太频繁：沙盒每个地址每分钟最多 ${perMinute} 次，请稍后再试` }, 429);
      }
      await next();
      return undefined;
    });
    app.get('/sandbox', (c) => c.html(sandboxPage()));
    app.get('/sandbox/api/personas', async (c) => c.json({ personas: await this.options.directory.personas() }));
    app.get('/sandbox/api/groups', async (c) => c.json({ groups: await this.options.directory.groups() }));
    app.get('/sandbox/api/groups/:group/messages', async (c) => {
      const groups = await this.options.directory.groups();
      if (!groups.some((g) => g.id === c.req.param('group'))) return c.json({ error: `没有这个群：${c.req.param('group').slice(0, 100)}` }, 404);
      const after = c.req.query('after');
      const limit = Number(c.req.query('limit') ?? 50);
      return c.json(
        await this.log.page(c.req.param('group'), {
          ...(after ? { after } : {}),
          fromStart: c.req.query('from') === 'start',
          limit: Number.isFinite(limit) ? limit : 50,
        }),
      );
    });
    app.get('/sandbox/api/uploads/:id', async (c) => {
      const bytes = await this.uploads.read(c.req.param('id'));
      if (!bytes) return c.json({ error: '文件不存在或已过期' }, 404);
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': uploadContentType(bytes),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, max-age=3600',
      });
    });
    // A little over the largest body the schema below can accept (a file, or a picture of PHOTO_MAX_BYTES, as base64,
    // plus the text), so a bigger one is refused before it is read into memory.
    const maxBody = Math.max(MAX_FILE_BASE64, Math.ceil((this.options.maxImageBytes * 4) / 3)) + 256 * 1024;
    app.post(
      '/sandbox/api/messages',
      bodyLimitByLength({ maxSize: maxBody, onError: (c) => c.json({ error: `请求体太大（图片最大 ${mb(this.options.maxImageBytes)} MB）` }, 413) }),
      async (c) => {
        if (!isJsonContentType(c.req.header('content-type'))) return c.json({ error: NOT_JSON_CONTENT_TYPE }, 415);
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          return c.json({ error: '请求体不是有效的 JSON' }, 400);
        }
        const parsed = messageSchema.safeParse(body);
        if (!parsed.success) {
          return c.json({ error: '请求格式不对', issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`) }, 400);
        }
        const input = parsed.data;
        if (input.imageBase64) {
          if (!BASE64.test(input.imageBase64)) return c.json({ error: '图片数据不是有效的 base64' }, 400);
          const bytes = Math.floor((input.imageBase64.replace(/=+$/, '').length * 3) / 4);
          if (bytes > this.options.maxImageBytes) {
            return c.json({ error: `图片太大（${mb(bytes)} MB），沙盒最多接收 ${mb(this.options.maxImageBytes)} MB 的图片` }, 413);
          }
        }
        if (input.fileBase64 && !BASE64.test(input.fileBase64)) return c.json({ error: '文件数据不是有效的 base64' }, 400);
        const { persona, group, personas } = await this.lookUp(input.user, input.group);
        if (!persona) return c.json({ error: `没有这个身份：${input.user}` }, 404);
        if (!group) return c.json({ error: `没有这个群：${input.group}` }, 404);
        // The bytes go to disk; the job and the chat log carry only the upload id.
        let imageId: string | undefined;
        let fileId: string | undefined;
        try {
          if (input.fileBase64) fileId = await this.uploads.save(Buffer.from(input.fileBase64, 'base64'));
          else if (input.imageBase64) imageId = await this.uploads.save(Buffer.from(input.imageBase64, 'base64'));
        } catch (error) {
          if (error instanceof SandboxStorageFull) return c.json({ error: '沙盒存储已满，请稍后再试' }, 507);
          throw error;
        }
        const eventId = input.messageId ?? randomUUID();
        const text = input.text ?? '';
        const mentions = [...text.matchAll(/@([^\s@]+)/gu)]
          .map((m) => personas.find((p) => p.name === m[1]))
          .filter((p): p is SandboxPersona => Boolean(p))
          .map((p) => ({ platformUserId: p.id, name: p.name }));
        const mentionsBot = /@支部助手/u.test(text);
        const cleanText = text.replace(/@支部助手\s*/gu, '').trim();
        await this.log.append(group.id, {
          id: eventId,
          from: 'user',
          userName: persona.name,
          text,
          ...(imageId ? { image: imageId } : {}),
          ...(fileId && input.fileName ? { fileName: input.fileName } : {}),
          at: new Date().toISOString(),
        });
        const images: ImageRef[] = imageId ? [{ kind: 'sandbox', uploadId: imageId, ...(input.fileName ? { fileName: input.fileName } : {}) }] : [];
        const { jobId } = await ingest({
          platform: 'SANDBOX',
          eventId,
          kind: 'message',
          chatId: group.id,
          chatType: 'group',
          chatName: group.name,
          messageId: eventId,
          sender: { platformUserId: persona.id, displayName: persona.name },
          text: cleanText,
          mentionsBot,
          mentions,
          images,
          ...(fileId && input.fileName ? { files: [{ kind: 'sandbox' as const, uploadId: fileId, fileName: input.fileName }] } : {}),
          sentAt: new Date().toISOString(),
        });
        // Chatter the bot does not take up has no job to wait for, and no answer.
        const replies = jobId === null ? [] : await this.waitForReplies(jobId);
        const answered = [];
        for (const r of replies) {
          const bytes = r.file ? await this.uploads.read(r.file.upload) : null;
          answered.push({
            text: r.text,
            ...(r.card ? { card: r.card } : {}),
            ...(r.file && bytes ? { file: { fileName: r.file.fileName, base64: bytes.toString('base64'), url: `/sandbox/api/uploads/${r.file.upload}` } } : {}),
          });
        }
        return c.json({ eventId, replies: answered });
      },
    );
  }

  private directorySeen: { at: number; personas: SandboxPersona[]; groups: SandboxGroup[] } | null = null;

  /**
   * The persona and group a message names. The lists are read again at most every few seconds (a busy sandbox
   * would otherwise pay six statements a message for them), and at once when a name is not in them yet.
   */
  private async lookUp(
    user: string,
    groupId: string,
  ): Promise<{ persona: SandboxPersona | undefined; group: SandboxGroup | undefined; personas: SandboxPersona[] }> {
    const find = (seen: { personas: SandboxPersona[]; groups: SandboxGroup[] }) => ({
      personas: seen.personas,
      persona: seen.personas.find((p) => p.id === user),
      group: seen.groups.find((g) => g.id === groupId),
    });
    const fresh = this.directorySeen && Date.now() - this.directorySeen.at < DIRECTORY_TTL_MS ? find(this.directorySeen) : null;
    if (fresh?.persona && fresh.group) return fresh;
    const [personas, groups] = await Promise.all([this.options.directory.personas(), this.options.directory.groups()]);
    this.directorySeen = { at: Date.now(), personas, groups };
    return find(this.directorySeen);
  }

  /** Waits until the message has gone through the worker and every reply through the outbound queue. */
  private async waitForReplies(jobId: string) {
    const replies = this.options.replies;
    if (!replies) return [];
    const timeout = this.options.replyTimeoutMs ?? 30_000;
    const result = await replies.handled(jobId, timeout);
    const deliveryIds: string[] = result?.deliveryIds ?? [];
    await replies.sent(deliveryIds, timeout);
    return this.log.deliveries(deliveryIds);
  }
}
