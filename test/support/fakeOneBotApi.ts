import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OneBotSend {
  action: string;
  authorization: string | undefined;
  groupId: number;
  message: { type: string; data: Record<string, string> }[];
  /** The text segments joined. */
  text: string;
}

export interface OneBotCall {
  action: string;
  body: Record<string, unknown>;
}

export interface OneBotUpload {
  groupId: number;
  name: string;
  /** What was sent as `file`: `base64://…` or a path. */
  file: string;
  /** The bytes when `file` was base64. */
  bytes?: Buffer;
}

/**
 * A local stand-in for a OneBot v11 implementation (NapCat, Lagrange, go-cqhttp): records `send_group_msg` calls,
 * answers like OneBot does, and serves pictures at /images/<name> the way QQ's CDN serves segment URLs (plus
 * /redirect?to=<url> and /hang/<name>, which never answers, for the hostile cases).
 *
 * Group files (`groupFiles`, by file id) are given out the ways implementations do: `get_group_file_url` answers a
 * download address (served at /group-files/<id>, like QQ's ftn_handler links); `get_file` answers as NapCat and
 * LLOneBot do, paths on their own machine plus `base64` when enableLocalFile2Url is on (`getFileBase64`).
 * `upload_group_file` takes `base64://` like NapCat, or (`uploadTakesPathsOnly`) refuses it like go-cqhttp does.
 * An action in `unsupported` answers HTTP 404, as OneBot v11 over HTTP does for actions it does not have.
 */
export class FakeOneBotApi {
  readonly sends: OneBotSend[] = [];
  /** Every API call but send_group_msg, in order. */
  readonly calls: OneBotCall[] = [];
  readonly uploads: OneBotUpload[] = [];
  readonly images = new Map<string, Buffer>();
  readonly groupFiles = new Map<string, { name: string; bytes: Buffer }>();
  readonly unsupported = new Set<string>();
  getFileBase64 = true;
  uploadTakesPathsOnly = false;
  /** Answers to give instead of success, one per call, e.g. `{ status: 'failed', retcode: 100 }`. */
  readonly failures: { httpStatus?: number; body?: unknown }[] = [];
  private server: Server | null = null;
  url = '';
  private nextId = 1000;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        if (req.method === 'GET' && path.startsWith('/redirect?')) {
          res.writeHead(302, { location: new URL(path, 'http://x').searchParams.get('to') ?? '/' }).end();
          return;
        }
        // A picture link that never answers (a slow or hostile server).
        if (req.method === 'GET' && path.startsWith('/hang/')) return;
        if (req.method === 'GET' && path.startsWith('/images/')) {
          const image = this.images.get(decodeURIComponent(path.slice('/images/'.length)));
          if (!image) {
            res.writeHead(404).end();
            return;
          }
          res.writeHead(200, { 'content-type': 'image/png', 'content-length': image.length }).end(image);
          return;
        }
        if (req.method === 'GET' && path.startsWith('/group-files/')) {
          const file = this.groupFiles.get(decodeURIComponent(path.slice('/group-files/'.length).split('?')[0]!));
          if (!file) {
            res.writeHead(404).end();
            return;
          }
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length }).end(file.bytes);
          return;
        }
        const action = path.replace(/^\/+/, '').split('?')[0]!;
        const answer = (status: number, json: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { group_id: number; message: OneBotSend['message'] } & Record<
          string,
          unknown
        >;
        if (action !== 'send_group_msg') this.calls.push({ action, body });
        const failure = this.failures.shift();
        if (failure) {
          answer(failure.httpStatus ?? 200, failure.body ?? {});
          return;
        }
        if (this.unsupported.has(action)) {
          answer(404, { status: 'failed', retcode: 1404, data: null, message: 'API不存在' });
          return;
        }
        if (action === 'get_group_file_url') {
          const id = String(body.file_id);
          if (!this.groupFiles.has(id)) answer(200, { status: 'failed', retcode: 1200, data: null, message: 'real fileUUID not found!' });
          else answer(200, { status: 'ok', retcode: 0, data: { url: `${this.url}/group-files/${encodeURIComponent(id)}?fname=` } });
          return;
        }
        if (action === 'get_file') {
          const id = String(body.file_id ?? body.file);
          const file = this.groupFiles.get(id);
          if (!file) {
            answer(200, { status: 'failed', retcode: 1200, data: null, message: 'file not found' });
            return;
          }
          const local = `/root/.config/QQ/NapCat/temp/${file.name}`;
          answer(200, {
            status: 'ok',
            retcode: 0,
            data: {
              file: local,
              url: local,
              file_size: String(file.bytes.length),
              file_name: file.name,
              ...(this.getFileBase64 ? { base64: file.bytes.toString('base64') } : {}),
            },
          });
          return;
        }
        if (action === 'upload_group_file') {
          const file = String(body.file);
          const base64 = file.startsWith('base64://') ? Buffer.from(file.slice('base64://'.length), 'base64') : undefined;
          this.uploads.push({ groupId: body.group_id, name: String(body.name), file, ...(base64 ? { bytes: base64 } : {}) });
          if (base64 && this.uploadTakesPathsOnly) answer(200, { status: 'failed', retcode: 100, data: null, msg: 'FILE_NOT_FOUND', wording: '文件不存在' });
          else answer(200, { status: 'ok', retcode: 0, data: { file_id: `uploaded-${this.uploads.length}` } });
          return;
        }
        if (action !== 'send_group_msg') {
          answer(200, { status: 'failed', retcode: 1404, data: null });
          return;
        }
        this.sends.push({
          action,
          authorization: req.headers.authorization,
          groupId: body.group_id,
          message: body.message,
          text: body.message
            .filter((s) => s.type === 'text')
            .map((s) => s.data.text)
            .join(''),
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', retcode: 0, data: { message_id: this.nextId++ } }));
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  sendsTo(groupId: string | number): OneBotSend[] {
    return this.sends.filter((s) => String(s.groupId) === String(groupId));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
