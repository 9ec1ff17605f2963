import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeLarkLongConnection } from './fakeLarkLongConnection.ts';

export const FAKE_BOT_OPEN_ID = 'ou_bot0000000000000000000000000000';
export const FAKE_TENANT_TOKEN = 't-fake-tenant-token';

export interface RecordedSend {
  kind: 'create' | 'reply' | 'patch';
  at: number;
  /** chat id for create, message id for reply / patch */
  target: string;
  uuid?: string;
  msgType?: string;
  content: string;
  /** What the fake answered. */
  status: number;
  messageId?: string;
}

/**
 * A local stand-in for the Feishu Open API, at its network boundary: tenant token, bot info, message
 * create / reply / patch, message resource download, and 429 answers on demand. The real SDK talks to it.
 */
export class FakeLarkServer {
  readonly sends: RecordedSend[] = [];
  readonly downloads: { messageId: string; fileKey: string; type: string | null }[] = [];
  readonly uploads: { imageKey: string; imageType: string | null; bytes: Buffer }[] = [];
  /** Files uploaded with im.file.create (an exported workbook), bytes as received. */
  readonly fileUploads: { fileKey: string; fileType: string | null; fileName: string | null; bytes: Buffer }[] = [];
  /** im.file.create calls answered with a refusal instead of a file_key (see refuseFileUploads). */
  fileRefusals = 0;
  private refusingFiles = 0;

  /** The next `count` file uploads are refused as Feishu refuses a file it will not take (HTTP 400, code 234037). */
  refuseFileUploads(count: number): void {
    this.refusingFiles = count;
  }
  tokenRequests = 0;
  readonly images = new Map<string, Buffer>();
  /** Non-image message resources (type=file): a roster, a PDF, with the content type Feishu would send. */
  readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  /** Messages that were recalled: replying to them fails with code 230011. */
  readonly recalled = new Set<string>();
  private rateLimitNext = 0;
  private rateLimitResetSeconds = 1;
  private rateLimitTarget: string | undefined;
  private readonly byUuid = new Map<string, string>();
  private sequence = 0;
  private server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 1, msg: String(error) }));
    });
  });
  url = '';
  readonly longConnection = new FakeLarkLongConnection();

  async start(): Promise<this> {
    this.server.on('upgrade', (req, socket) => this.longConnection.handleUpgrade(req, socket));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.longConnection.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` send calls (to `target` only, when given) answer HTTP 429 / code 99991400 with `x-ogw-ratelimit-reset`. */
  rateLimit(count: number, resetSeconds = 1, target?: string): void {
    this.rateLimitNext = count;
    this.rateLimitResetSeconds = resetSeconds;
    this.rateLimitTarget = target;
  }

  /** Waits until `predicate` holds for the recorded sends (polling; gives up after `timeoutMs`). */
  async waitFor(predicate: (sends: RecordedSend[]) => boolean, timeoutMs = 20_000): Promise<RecordedSend[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.sends)) {
      if (Date.now() > deadline)
        throw new Error(
          `fake Feishu did not see the expected calls; saw ${JSON.stringify(this.sends.map((s) => ({ kind: s.kind, target: s.target, status: s.status })))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.sends;
  }

  /** Every request line the fake received (method and raw URL), for tests of what reached Feishu at all. */
  readonly requests: string[] = [];

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const multipart = /multipart\/form-data; boundary=(.+)$/.exec(req.headers['content-type'] ?? '');
    const bodyText = multipart ? '' : raw.toString('utf8');
    const body = bodyText ? (JSON.parse(bodyText) as Record<string, unknown>) : {};
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };

    if (req.method === 'POST' && url.pathname === '/open-apis/auth/v3/tenant_access_token/internal') {
      this.tokenRequests++;
      if (!body.app_id || !body.app_secret) return json(400, { code: 10003, msg: 'invalid param' });
      return json(200, { code: 0, msg: 'ok', tenant_access_token: FAKE_TENANT_TOKEN, expire: 7200 });
    }
    if (req.method === 'POST' && url.pathname === '/callback/ws/endpoint') {
      if (!body.AppID || !body.AppSecret) return json(200, { code: 1000040343, msg: 'invalid app credential', data: {} });
      const wsUrl = `${this.url.replace('http', 'ws')}/ws?device_id=fake-device&service_id=7`;
      return json(200, {
        code: 0,
        msg: 'ok',
        data: { URL: wsUrl, ClientConfig: { PingInterval: 1, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 } },
      });
    }
    if (req.headers.authorization !== `Bearer ${FAKE_TENANT_TOKEN}`) {
      return json(400, { code: 99991663, msg: 'Invalid access token for authorization.' });
    }
    if (req.method === 'GET' && url.pathname === '/open-apis/bot/v3/info') {
      return json(200, { code: 0, msg: 'ok', bot: { open_id: FAKE_BOT_OPEN_ID, app_name: '支部助手', activate_status: 2 } });
    }

    if (req.method === 'POST' && url.pathname === '/open-apis/im/v1/images') {
      if (!multipart) return json(400, { code: 234001, msg: 'Invalid request param.' });
      const parts = parseMultipart(raw, multipart[1]!);
      const image = parts.get('image');
      if (!image || image.length === 0) return json(400, { code: 234006, msg: 'The image is empty.' });
      const imageKey = `img_uploaded_${this.uploads.length + 1}`;
      this.uploads.push({ imageKey, imageType: parts.get('image_type')?.toString('utf8') ?? null, bytes: image });
      return json(200, { code: 0, msg: 'success', data: { image_key: imageKey } });
    }

    if (req.method === 'POST' && url.pathname === '/open-apis/im/v1/files') {
      if (!multipart) return json(400, { code: 234001, msg: 'Invalid request param.' });
      const parts = parseMultipart(raw, multipart[1]!);
      const file = parts.get('file');
      if (!file || file.length === 0) return json(400, { code: 234010, msg: 'File cannot be empty.' });
      if (this.refusingFiles > 0) {
        this.refusingFiles--;
        this.fileRefusals++;
        return json(400, { code: 234037, msg: 'Uploaded file size exceeds the limit.' });
      }
      const fileKey = `file_uploaded_${this.fileUploads.length + 1}`;
      this.fileUploads.push({
        fileKey,
        fileType: parts.get('file_type')?.toString('utf8') ?? null,
        fileName: parts.get('file_name')?.toString('utf8') ?? null,
        bytes: file,
      });
      return json(200, { code: 0, msg: 'success', data: { file_key: fileKey } });
    }

    const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && resource) {
      const [, messageId, fileKey] = resource;
      this.downloads.push({ messageId: messageId!, fileKey: fileKey!, type: url.searchParams.get('type') });
      const file = url.searchParams.get('type') === 'file' ? this.files.get(fileKey!) : undefined;
      const bytes = file?.bytes ?? this.images.get(fileKey!);
      if (!bytes) return json(400, { code: 234003, msg: 'File not in msg.' });
      res.writeHead(200, { 'content-type': file?.contentType ?? 'image/png', 'content-length': String(bytes.length) });
      res.end(bytes);
      return;
    }

    const create = req.method === 'POST' && url.pathname === '/open-apis/im/v1/messages';
    const reply = req.method === 'POST' ? /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(url.pathname) : null;
    const patch = req.method === 'PATCH' ? /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(url.pathname) : null;
    if (create || reply || patch) {
      const record: RecordedSend = {
        kind: create ? 'create' : reply ? 'reply' : 'patch',
        at: Date.now(),
        target: create ? String(body.receive_id) : (reply ?? patch)![1]!,
        ...(typeof body.uuid === 'string' ? { uuid: body.uuid } : {}),
        ...(typeof body.msg_type === 'string' ? { msgType: body.msg_type } : {}),
        content: String(body.content ?? ''),
        status: 200,
      };
      this.sends.push(record);
      if (create && url.searchParams.get('receive_id_type') !== 'chat_id') {
        record.status = 400;
        return json(400, { code: 230001, msg: 'invalid receive_id_type' });
      }
      if (this.rateLimitNext > 0 && (!this.rateLimitTarget || this.rateLimitTarget === record.target)) {
        this.rateLimitNext--;
        record.status = 429;
        return json(
          429,
          { code: 99991400, msg: 'request trigger frequency limit' },
          {
            'x-ogw-ratelimit-limit': '5',
            'x-ogw-ratelimit-reset': String(this.rateLimitResetSeconds),
          },
        );
      }
      if (patch) return json(200, { code: 0, msg: 'success', data: {} });
      if (reply && this.recalled.has(record.target)) {
        record.status = 400;
        return json(400, { code: 230011, msg: 'The message was withdrawn.' });
      }
      // Feishu answers a repeated uuid with the message it already sent.
      const known = record.uuid ? this.byUuid.get(record.uuid) : undefined;
      const messageId = known ?? `om_fake_${++this.sequence}`;
      if (record.uuid) this.byUuid.set(record.uuid, messageId);
      record.messageId = messageId;
      return json(200, { code: 0, msg: 'success', data: { message_id: messageId, chat_id: create ? body.receive_id : 'oc_unknown', msg_type: body.msg_type } });
    }
    json(404, { code: 404, msg: `fake has no ${req.method} ${url.pathname}` });
  }

  /** Unique messages actually posted (a repeated uuid is the same message). */
  deliveredUuids(): string[] {
    return [...new Set(this.sends.filter((s) => s.status === 200 && s.uuid).map((s) => s.uuid!))];
  }

  static cardText(send: RecordedSend): string {
    return send.content;
  }
}

/** Just enough multipart/form-data parsing for the image upload. */
function parseMultipart(raw: Buffer, boundary: string): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  const delimiter = Buffer.from(`--${boundary.replace(/^"|"$/g, '')}`);
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    if (name) parts.set(name, part.subarray(headerEnd + 4));
    start = next;
  }
  return parts;
}
