import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TEST_DINGTALK } from './dingTalkEvents.ts';

export const FAKE_DINGTALK_TOKEN = 'fake-dingtalk-access-token';

export interface RecordedDingTalkSend {
  kind: 'group' | 'user' | 'card' | 'card-update';
  at: number;
  /** openConversationId, the staff id, or the card's outTrackId (card-update). */
  target: string;
  msgKey?: string;
  /** msgParam parsed (group / user), or cardData.cardParamMap (card / card-update). */
  param: Record<string, string>;
  outTrackId?: string;
  status: number;
}

export interface StreamAck {
  code: number;
  headers: { messageId: string; contentType?: string };
  message: string;
  data: string;
}

interface Pushed {
  frame: string;
  messageId: string;
  attempts: number;
  acked?: StreamAck;
  resolve: (ack: StreamAck) => void;
  timer?: NodeJS.Timeout;
}

/**
 * A local stand-in for DingTalk at its network boundary, driven by the real dingtalk-stream SDK and the adapter:
 * - the Stream gateway: POST /v1.0/gateway/connections/open → {endpoint, ticket}, then a WebSocket at that
 *   endpoint that pushes CALLBACK frames `{specVersion, type, headers: {appId, connectionId, contentType,
 *   messageId, time, topic}, data: "<json>"}`, answers the SDK's pings, and, like DingTalk, pushes a callback
 *   again when no acknowledgement came (`redeliverAfterMs`);
 * - the OpenAPI: access token, group / one-to-one robot messages, card create-and-deliver and update, message
 *   file download, media upload on the old API (the multipart body parsed, the bytes kept) and file messages
 *   (`sampleFile`, which must name an uploaded file); throttling and failing uploads on demand.
 */
export class FakeDingTalk {
  /** The service's DingTalk settings for this fake: the test app's credentials and every base URL pointed here. */
  serviceEnv(): Record<string, string> {
    return {
      DINGTALK_CLIENT_ID: TEST_DINGTALK.clientId,
      DINGTALK_CLIENT_SECRET: TEST_DINGTALK.clientSecret,
      DINGTALK_ROBOT_CODE: TEST_DINGTALK.robotCode,
      DINGTALK_GATEWAY_URL: this.gatewayUrl,
      DINGTALK_API_BASE: this.url,
      DINGTALK_OAPI_BASE: this.url,
    };
  }

  readonly sends: RecordedDingTalkSend[] = [];
  /** Media uploads as the multipart body carried them: the `type` query, the `media` part's file name and bytes. */
  readonly uploads: { mediaId: string; type: string | null; fileName: string; contentType: string; bytes: Buffer }[] = [];
  readonly downloads: string[] = [];
  readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  readonly gatewayRequests: { clientId: unknown; subscriptions: { type: string; topic: string }[] }[] = [];
  tokenRequests = 0;
  /** Every media/upload request, answered or refused. */
  uploadRequests = 0;
  connections = 0;
  /** Callbacks not acknowledged within this long are pushed again (DingTalk retries for about a minute). */
  redeliverAfterMs = 1000;
  /** While true, the gateway refuses new connections (HTTP 503): a reconnect has to keep trying. */
  gatewayDown = false;
  url = '';
  private socket: WebSocket | null = null;
  private readonly pushed = new Map<string, Pushed>();
  private readonly tickets = new Set<string>();
  private failingUploads = 0;
  private throttleNext = 0;
  private throttleTarget: string | undefined;
  private throttleRetryAfter: string | undefined;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'ServiceUnavailable', message: String(error) }));
    });
  });

  async start(): Promise<this> {
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const ticket = url.searchParams.get('ticket') ?? '';
      if (url.pathname !== '/connect' || !this.tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get gatewayUrl(): string {
    return `${this.url}/v1.0/gateway/connections/open`;
  }

  async stop(): Promise<void> {
    for (const p of this.pushed.values()) clearTimeout(p.timer);
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** True once a socket is open and the SDK has sent anything (its frame handlers are in place by then). */
  get open(): boolean {
    return this.socket !== null && this.socket.readyState === this.socket.OPEN;
  }

  /** Drops the connection without a close handshake, as a network failure does. */
  dropConnection(): void {
    this.socket?.terminate();
    this.socket = null;
  }

  /**
   * Pushes one callback (TOPIC_ROBOT or TOPIC_CARD) and resolves with the client's acknowledgement, however many
   * deliveries it took. `attempts(messageId)` says how many.
   */
  pushCallback(topic: string, data: unknown, messageId = `${randomBytes(4).toString('hex')}_${Date.now().toString(16)}`): Promise<StreamAck> {
    return new Promise<StreamAck>((resolve) => {
      const frame = JSON.stringify({
        specVersion: '1.0',
        type: 'CALLBACK',
        headers: { appId: randomUUID(), connectionId: randomUUID(), contentType: 'application/json', messageId, time: String(Date.now()), topic },
        data: JSON.stringify(data),
      });
      const pushed: Pushed = { frame, messageId, attempts: 0, resolve };
      this.pushed.set(messageId, pushed);
      this.deliver(pushed);
    });
  }

  attempts(messageId: string): number {
    return this.pushed.get(messageId)?.attempts ?? 0;
  }

  /** The next `count` OpenAPI sends (to `target` only, when given) answer as DingTalk's flow control does. */
  throttle(count: number, options: { target?: string; retryAfterSeconds?: number } = {}): void {
    this.throttleNext = count;
    this.throttleTarget = options.target;
    this.throttleRetryAfter = options.retryAfterSeconds !== undefined ? String(options.retryAfterSeconds) : undefined;
  }

  /** The access token the fake accepts; revokeToken() makes the one handed out stale before it expires. */
  private currentToken = FAKE_DINGTALK_TOKEN;
  revokeToken(): void {
    this.currentToken = `${FAKE_DINGTALK_TOKEN}-${randomBytes(4).toString('hex')}`;
  }

  /** The next `count` media uploads answer as an overloaded DingTalk does (HTTP 503), nothing stored. */
  failUploads(count: number): void {
    this.failingUploads = count;
  }

  async waitFor(predicate: (sends: RecordedDingTalkSend[]) => boolean, timeoutMs = 20_000): Promise<RecordedDingTalkSend[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.sends)) {
      if (Date.now() > deadline)
        throw new Error(
          `fake DingTalk did not see the expected calls; saw ${JSON.stringify(this.sends.map((s) => ({ kind: s.kind, target: s.target, status: s.status })))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.sends;
  }

  private deliver(pushed: Pushed): void {
    if (pushed.acked) return;
    if (this.open) {
      pushed.attempts++;
      this.socket!.send(pushed.frame);
    }
    pushed.timer = setTimeout(() => this.deliver(pushed), this.redeliverAfterMs);
  }

  private onConnection(ws: WebSocket): void {
    this.socket?.terminate();
    this.socket = ws;
    this.connections++;
    ws.on('error', () => undefined);
    ws.on('message', (raw) => {
      let message: StreamAck;
      try {
        message = JSON.parse(String(raw)) as StreamAck;
      } catch {
        return;
      }
      const pushed = this.pushed.get(message.headers?.messageId);
      if (pushed && !pushed.acked && message.code === 200) {
        pushed.acked = message;
        clearTimeout(pushed.timer);
        pushed.resolve(message);
      }
    });
    ws.on('close', () => {
      if (this.socket === ws) this.socket = null;
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const multipart = /multipart\/form-data; boundary=(.+)$/.exec(req.headers['content-type'] ?? '');
    const body = !multipart && raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const invalid = (message: string) => json(400, { code: 'InvalidParameter', message, requestid: randomUUID() });

    if (req.method === 'POST' && url.pathname === '/v1.0/gateway/connections/open') {
      this.gatewayRequests.push({ clientId: body.clientId, subscriptions: (body.subscriptions as { type: string; topic: string }[]) ?? [] });
      if (this.gatewayDown) return json(503, { code: 'ServiceUnavailable', message: 'gateway down' });
      if (body.clientId !== TEST_DINGTALK.clientId || body.clientSecret !== TEST_DINGTALK.clientSecret) {
        return json(401, { code: 'InvalidAuthentication', message: 'clientId or clientSecret invalid' });
      }
      if (req.headers.accept !== 'application/json') return invalid('Accept must be application/json');
      const ticket = randomUUID();
      this.tickets.add(ticket);
      return json(200, { endpoint: `${this.url.replace('http', 'ws')}/connect`, ticket });
    }
    if (req.method === 'POST' && url.pathname === '/v1.0/oauth2/accessToken') {
      this.tokenRequests++;
      if (body.appKey !== TEST_DINGTALK.clientId || body.appSecret !== TEST_DINGTALK.clientSecret) {
        return json(400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
      }
      return json(200, { accessToken: this.currentToken, expireIn: 7200 });
    }
    const download = /^\/files\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && download) {
      const file = this.files.get(decodeURIComponent(download[1]!));
      if (!file) return json(404, { code: 'NotFound', message: 'expired' });
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) });
      res.end(file.bytes);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/media/upload') {
      this.uploadRequests++;
      if (url.searchParams.get('access_token') !== this.currentToken) return json(200, { errcode: 40014, errmsg: '不合法的access_token' });
      if (this.failingUploads > 0) {
        this.failingUploads--;
        return json(503, { errcode: -1, errmsg: '系统繁忙' });
      }
      const type = url.searchParams.get('type');
      if (!type || !['image', 'voice', 'video', 'file'].includes(type)) return json(200, { errcode: 40004, errmsg: '无效的媒体文件类型' });
      if (!multipart) return json(200, { errcode: 40035, errmsg: '缺少参数 media' });
      const media = await mediaPart(raw, req.headers['content-type']!);
      if (!media || media.bytes.length === 0) return json(200, { errcode: 40035, errmsg: '缺少参数 media' });
      const mediaId = `@lADP${randomBytes(8).toString('hex')}`;
      this.uploads.push({ mediaId, type, ...media });
      return json(200, { errcode: 0, errmsg: 'ok', media_id: mediaId, created_at: Date.now(), type });
    }
    if (req.headers['x-acs-dingtalk-access-token'] !== this.currentToken) {
      return json(401, { code: 'InvalidAuthentication', message: '不合法的access_token', requestid: randomUUID() });
    }
    if (req.method === 'POST' && url.pathname === '/v1.0/robot/messageFiles/download') {
      if (body.robotCode !== TEST_DINGTALK.robotCode || typeof body.downloadCode !== 'string') return invalid('robotCode or downloadCode');
      this.downloads.push(body.downloadCode);
      if (!this.files.has(body.downloadCode)) return invalid('downloadCode is invalid');
      return json(200, { downloadUrl: `${this.url}/files/${encodeURIComponent(body.downloadCode)}` });
    }

    const group = req.method === 'POST' && url.pathname === '/v1.0/robot/groupMessages/send';
    const user = req.method === 'POST' && url.pathname === '/v1.0/robot/oToMessages/batchSend';
    const card = req.method === 'POST' && url.pathname === '/v1.0/card/instances/createAndDeliver';
    const update = req.method === 'PUT' && url.pathname === '/v1.0/card/instances';
    if (!group && !user && !card && !update) return json(404, { code: 'NotFound', message: `fake has no ${req.method} ${url.pathname}` });
    if (!update && body.robotCode !== TEST_DINGTALK.robotCode && !card) return invalid('robotCode');
    const cardData = (body.cardData as { cardParamMap?: Record<string, string> } | undefined)?.cardParamMap;
    const record: RecordedDingTalkSend = {
      kind: group ? 'group' : user ? 'user' : card ? 'card' : 'card-update',
      at: Date.now(),
      target: group
        ? String(body.openConversationId)
        : user
          ? String((body.userIds as string[] | undefined)?.[0])
          : card
            ? String(body.openSpaceId).replace(/^dtv1\.card\/\/IM_(GROUP|ROBOT)\./, '')
            : String(body.outTrackId),
      ...(typeof body.msgKey === 'string' ? { msgKey: body.msgKey } : {}),
      param: group || user ? (JSON.parse(String(body.msgParam)) as Record<string, string>) : (cardData ?? {}),
      ...(typeof body.outTrackId === 'string' ? { outTrackId: body.outTrackId } : {}),
      status: 200,
    };
    this.sends.push(record);
    if (this.throttleNext > 0 && (!this.throttleTarget || this.throttleTarget === record.target)) {
      this.throttleNext--;
      record.status = 403;
      return json(
        403,
        { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: '应用调用该接口的请求数超过限流阈值', requestid: randomUUID() },
        this.throttleRetryAfter ? { 'retry-after': this.throttleRetryAfter } : {},
      );
    }
    if (group || user) {
      if (typeof body.msgKey !== 'string' || typeof body.msgParam !== 'string') return invalid('msgKey and msgParam are required');
      if (body.msgKey === 'sampleFile') {
        // A file message names an uploaded file (type file) and says its name and type, as the robot message types list it.
        const { mediaId, fileName, fileType } = record.param;
        const problem = !this.uploads.some((u) => u.mediaId === mediaId && u.type === 'file')
          ? 'sampleFile.mediaId is not an uploaded file'
          : !fileName || !fileType
            ? 'sampleFile needs fileName and fileType'
            : null;
        if (problem) {
          record.status = 400;
          return invalid(problem);
        }
      }
      return json(200, user ? { processQueryKey: randomUUID(), invalidStaffIdList: [], flowControlledStaffIdList: [] } : { processQueryKey: randomUUID() });
    }
    if (card) {
      const deliver = (body.imGroupOpenDeliverModel ?? body.imRobotOpenDeliverModel) as { robotCode?: unknown } | undefined;
      if (deliver?.robotCode !== TEST_DINGTALK.robotCode) return invalid('imGroupOpenDeliverModel.robotCode');
      if (body.callbackType !== 'STREAM' || typeof body.cardTemplateId !== 'string' || !cardData)
        return invalid('callbackType, cardTemplateId and cardData are required');
      return json(200, {
        success: true,
        result: { outTrackId: body.outTrackId, deliverResults: [{ spaceType: 'IM_GROUP', spaceId: record.target, success: true, carrierId: randomUUID() }] },
      });
    }
    if (!cardData) return invalid('cardData');
    return json(200, { success: true, result: true });
  }
}

/** The `media` part of a multipart/form-data body, read by a real form parser (undici's, behind Node's Request). */
async function mediaPart(raw: Buffer, contentType: string): Promise<{ fileName: string; contentType: string; bytes: Buffer } | null> {
  const form = await new Request('http://fake/media/upload', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(raw),
  }).formData();
  const media = form.get('media');
  if (!media || typeof media === 'string') return null;
  return { fileName: media.name, contentType: media.type, bytes: Buffer.from(await media.arrayBuffer()) };
}
