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

/**
 * A local stand-in for a OneBot v11 implementation (NapCat, Lagrange): records `send_group_msg` calls, answers
 * like OneBot does, and serves pictures at /images/<name> the way QQ's CDN serves segment URLs (plus
 * /redirect?to=<url> and /hang/<name>, which never answers, for the hostile cases).
 */
export class FakeOneBotApi {
  readonly sends: OneBotSend[] = [];
  readonly images = new Map<string, Buffer>();
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
        const action = path.replace(/^\/+/, '').split('?')[0]!;
        const failure = this.failures.shift();
        if (failure) {
          res.writeHead(failure.httpStatus ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(failure.body ?? {}));
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { group_id: number; message: OneBotSend['message'] };
        if (action !== 'send_group_msg') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'failed', retcode: 1404, data: null }));
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
