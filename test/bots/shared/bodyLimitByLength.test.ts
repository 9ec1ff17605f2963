import { Readable } from 'node:stream';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimitByLength } from '../../../bots/shared/bodyLimitByLength.ts';

/** The webhooks' size limit: by the declared length when there is one, by counting the stream when it is chunked. */
describe('bodyLimitByLength', () => {
  let server: ServerType;
  let port: number;
  let handled = 0;

  beforeAll(async () => {
    const app = new Hono();
    app.post('/in', bodyLimitByLength({ maxSize: 1000, onError: (c) => c.json({ error: '请求体太大' }, 413) }), async (c) => {
      handled += 1;
      const body = Buffer.from(await c.req.arrayBuffer());
      return c.json({ bytes: body.length, head: body.subarray(0, 5).toString() });
    });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A POST with the body as given: a Buffer goes with Content-Length, a stream goes chunked. */
  function post(body: Buffer | Readable): Promise<{ status: number; json: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json' };
      if (Buffer.isBuffer(body)) headers['content-length'] = body.length;
      const req = request({ host: '127.0.0.1', port, path: '/in', method: 'POST', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString() || '{}') }));
      });
      req.on('error', reject);
      if (Buffer.isBuffer(body)) req.end(body);
      else body.pipe(req);
    });
  }

  it('passes a body within the limit, whole, with or without a Content-Length', async () => {
    expect(await post(Buffer.from('hello'.repeat(200)))).toEqual({ status: 200, json: { bytes: 1000, head: 'hello' } });
    expect(await post(Readable.from([Buffer.from('hello'), Buffer.from('x'.repeat(500))]))).toEqual({ status: 200, json: { bytes: 505, head: 'hello' } });
  });

  it('answers 413 to a declared length over the limit without running the handler', async () => {
    const before = handled;
    const answer = await post(Buffer.alloc(1001, 0x61));
    expect(answer).toEqual({ status: 413, json: { error: '请求体太大' } });
    expect(handled).toBe(before);
  });

  it('answers 413 to a chunked body that grows over the limit', async () => {
    const before = handled;
    const answer = await post(Readable.from(Array.from({ length: 5 }, () => Buffer.alloc(300, 0x62))));
    expect(answer.status).toBe(413);
    expect(handled).toBe(before);
  });
});
