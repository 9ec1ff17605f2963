import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { isJsonContentType, NOT_JSON_CONTENT_TYPE } from '../shared/isJsonContentType.ts';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { ChatAdapter, Ingest, SendResult } from '../ChatAdapter.ts';
import type { ImageRef } from '../../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../../src/engine/chat/OutboundMessage.ts';
import type { ImageBytes } from '../../src/engine/chat/handleChatEvent.ts';
import { renderText } from '../../cards/render/renderText.ts';
import { renderPicture } from '../../cards/render/renderPicture.ts';
import { renderLarkCard } from '../../cards/render/renderLarkCard.ts';
import { SandboxChatLog } from './SandboxChatLog.ts';
import { sandboxPage } from './sandboxPage.ts';
import { outboundJobId, type InboundResult, type Queues } from '../../jobs/queues.ts';
import { JobWaiter } from '../../jobs/JobWaiter.ts';
import type { SandboxGroup, SandboxPersona } from '../../src/app/sandbox/sandboxDirectory.ts';

export interface SandboxDirectory {
  personas(): Promise<SandboxPersona[]>;
  groups(): Promise<SandboxGroup[]>;
}

export interface SandboxAdapterOptions {
  redis: Redis;
  prefix: string;
  directory: SandboxDirectory;
  /** Needed by the web side to wait until a message has gone all the way through. */
  queues?: Pick<Queues, 'inbound' | 'outbound'>;
  /** A separate connection for QueueEvents (blocking reads). */
  eventsConnection?: () => Redis;
  maxImageBytes: number;
  replyTimeoutMs?: number;
}

/** Multiple of PHOTO_MAX_BYTES beyond which the sandbox API refuses a picture outright. */
const HARD_LIMIT_FACTOR = 4;

const MAX_FILE_BASE64 = 14_000_000;

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

/** The built-in platform: simulated groups in a browser page and a JSON API, no credentials needed. */
export class SandboxAdapter implements ChatAdapter {
  readonly platform = 'SANDBOX' as const;
  readonly log: SandboxChatLog;
  private inboundWaiter?: JobWaiter;
  private outboundWaiter?: JobWaiter;

  constructor(private readonly options: SandboxAdapterOptions) {
    this.log = new SandboxChatLog(options.redis, options.prefix);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    let picture = message.imageBase64;
    try {
      picture ??= renderPicture(message.view)?.toString('base64');
    } catch {
      // The text says everything; a picture that cannot be drawn is left out.
    }
    await this.log.append(message.chatId, {
      id: message.deliveryId,
      from: 'bot',
      text: renderText(message.view),
      card: renderLarkCard(message.view),
      ...(picture ? { imageBase64: picture } : {}),
      ...(message.file ? { file: message.file } : {}),
      at: new Date().toISOString(),
    });
    return { platformMessageId: message.deliveryId };
  }

  async fetchImage(ref: ImageRef): Promise<ImageBytes> {
    if (ref.kind !== 'inline') throw new Error(`sandbox cannot fetch ${ref.kind} images`);
    return { bytes: Buffer.from(ref.base64, 'base64'), ...(ref.fileName ? { fileName: ref.fileName } : {}) };
  }

  async disconnect(): Promise<void> {
    await Promise.all([this.inboundWaiter?.close(), this.outboundWaiter?.close()]);
  }

  mountRoutes(app: Hono, ingest: Ingest): void {
    app.get('/sandbox', (c) => c.html(sandboxPage()));
    app.get('/sandbox/api/personas', async (c) => c.json({ personas: await this.options.directory.personas() }));
    app.get('/sandbox/api/groups', async (c) => c.json({ groups: await this.options.directory.groups() }));
    app.get('/sandbox/api/groups/:group/messages', async (c) => {
      const after = c.req.query('after');
      return c.json({ messages: await this.log.lines(c.req.param('group'), after || undefined) });
    });
    // A little over the largest body the schema below can accept (a file or a picture as base64, plus the text), so a
    // bigger one is refused before it is read into memory.
    const maxBody = Math.max(MAX_FILE_BASE64, Math.ceil((this.options.maxImageBytes * HARD_LIMIT_FACTOR * 4) / 3)) + 1024 * 1024;
    app.post('/sandbox/api/messages', bodyLimit({ maxSize: maxBody, onError: (c) => c.json({ error: `请求体太大（图片或文件太大，上限 ${maxBody} 字节）` }, 413) }), async (c) => {
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
        const bytes = Math.floor((input.imageBase64.replace(/=+$/, '').length * 3) / 4);
        if (!/^[A-Za-z0-9+/]+=*$/.test(input.imageBase64)) return c.json({ error: '图片数据不是有效的 base64' }, 400);
        // A picture over PHOTO_MAX_BYTES still reaches the chat, as on a real platform, and the bot answers it
        // there; only bodies far beyond that are refused here, to protect the service.
        if (bytes > this.options.maxImageBytes * HARD_LIMIT_FACTOR) {
          const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
          return c.json({ error: `图片太大（${mb(bytes)} MB），沙盒最多接收 ${mb(this.options.maxImageBytes * HARD_LIMIT_FACTOR)} MB` }, 413);
        }
      }
      const [personas, groups] = await Promise.all([this.options.directory.personas(), this.options.directory.groups()]);
      const persona = personas.find((p) => p.id === input.user);
      const group = groups.find((g) => g.id === input.group);
      if (!persona) return c.json({ error: `没有这个身份：${input.user}` }, 404);
      if (!group) return c.json({ error: `没有这个群：${input.group}` }, 404);
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
        ...(input.imageBase64 ? { imageBase64: input.imageBase64 } : {}),
        ...(input.fileBase64 && input.fileName ? { fileName: input.fileName } : {}),
        at: new Date().toISOString(),
      });
      const images: ImageRef[] = input.imageBase64 && !input.fileBase64
        ? [{ kind: 'inline', base64: input.imageBase64, ...(input.fileName ? { fileName: input.fileName } : {}) }]
        : [];
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
        ...(input.fileBase64 && input.fileName ? { files: [{ kind: 'inline' as const, base64: input.fileBase64, fileName: input.fileName }] } : {}),
        sentAt: new Date().toISOString(),
      });
      const replies = await this.waitForReplies(jobId);
      return c.json({ eventId, replies: replies.map((r) => ({ text: r.text, ...(r.card ? { card: r.card } : {}), ...(r.file ? { file: r.file } : {}) })) });
    });
  }

  /** Waits until the message has gone through the worker and every reply through the outbound queue. */
  private async waitForReplies(jobId: string) {
    const queues = this.options.queues;
    if (!queues || !this.options.eventsConnection) return [];
    const timeout = this.options.replyTimeoutMs ?? 30_000;
    this.inboundWaiter ??= new JobWaiter(queues.inbound, this.options.eventsConnection(), this.options.prefix);
    this.outboundWaiter ??= new JobWaiter(queues.outbound, this.options.eventsConnection(), this.options.prefix);
    const result = await this.inboundWaiter.wait<InboundResult | null>(jobId, timeout);
    const deliveryIds: string[] = result?.deliveryIds ?? [];
    await Promise.all(deliveryIds.map((id) => this.outboundWaiter!.wait(outboundJobId(id), timeout)));
    return this.log.deliveries(deliveryIds);
  }
}
