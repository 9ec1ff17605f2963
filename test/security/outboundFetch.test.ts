import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressAllowed, FetchRefusedError, fetchUntrustedUrl, hostAllowed, type UntrustedFetchOptions } from '../../src/core/net/fetchUntrustedUrl.ts';
import { isPublicAddress } from '../../src/core/net/isPublicAddress.ts';
import { freePort } from '../support/privateRedis.ts';

/** A local server that records every request it gets; `handle` answers by path. */
async function startServer(
  host: string,
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    handle(req, res);
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, hits };
}

async function refusal(promise: Promise<unknown>): Promise<FetchRefusedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchRefusedError);
  return error as FetchRefusedError;
}

describe('which addresses are public', () => {
  it('refuses loopback, private, link-local, metadata, CGNAT, ULA and IPv4 hidden in IPv6', () => {
    const refused = [
      '127.0.0.1',
      '127.8.9.10',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fc12::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::1',
      '2001:db8::1',
      'not-an-ip',
    ];
    expect(refused.filter((a) => isPublicAddress(a))).toEqual([]);
    expect(['8.8.8.8', '203.205.219.1', '2606:4700::1111', '::ffff:8.8.8.8'].map(isPublicAddress)).toEqual([true, true, true, true]);
  });

  it('lets through only the non-public addresses named explicitly', () => {
    expect(addressAllowed('127.0.0.1')).toBe(false);
    expect(addressAllowed('127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(addressAllowed('127.0.0.2', ['127.0.0.1'])).toBe(false);
    expect(addressAllowed('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(addressAllowed('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(addressAllowed('169.254.169.254', ['10.0.0.0/8'])).toBe(false);
    expect(addressAllowed('::1', ['127.0.0.1'])).toBe(false);
  });

  it('matches allowed hosts with their subdomains, and a port when one is named', () => {
    const list = ['qpic.cn', 'multimedia.nt.qq.com.cn', '127.0.0.1:8080'];
    expect(hostAllowed(new URL('https://gchat.qpic.cn/a.jpg'), list)).toBe(true);
    expect(hostAllowed(new URL('https://qpic.cn/a.jpg'), list)).toBe(true);
    expect(hostAllowed(new URL('https://evilqpic.cn/a.jpg'), list)).toBe(false);
    expect(hostAllowed(new URL('https://qpic.cn.evil.example/a.jpg'), list)).toBe(false);
    expect(hostAllowed(new URL('http://127.0.0.1:8080/x'), list)).toBe(true);
    expect(hostAllowed(new URL('http://127.0.0.1:6379/x'), list)).toBe(false);
    expect(hostAllowed(new URL('http://anything.example/x'), ['*'])).toBe(true);
  });
});

describe('fetchUntrustedUrl against real local servers', () => {
  let good: Awaited<ReturnType<typeof startServer>>;
  let canary: Awaited<ReturnType<typeof startServer>>;
  let canary6: Awaited<ReturnType<typeof startServer>>;
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 7)]);
  // Only the fake picture server's address is let through, as a test configuration would; loopback stays refused otherwise.
  const base = (): UntrustedFetchOptions => ({ maxBytes: 64 * 1024, timeoutMs: 1500, allowedHosts: ['*'], allowPrivate: ['127.0.0.1'] });

  beforeAll(async () => {
    // What an attacker aims at: another loopback address (Redis, PostgreSQL, the service's /files live on loopback too).
    canary = await startServer('127.0.0.2', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    canary6 = await startServer('::1', (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png));
    good = await startServer('127.0.0.1', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/ok.png') return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
      if (url.pathname === '/redirect') return void res.writeHead(302, { location: url.searchParams.get('to') ?? '/ok.png' }).end();
      if (url.pathname === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
      if (url.pathname === '/gone') return void res.writeHead(404).end();
      if (url.pathname === '/error') return void res.writeHead(500).end();
      if (url.pathname === '/endless') {
        // No content-length: the cap must hold while streaming.
        res.writeHead(200, { 'content-type': 'image/png' });
        const chunk = Buffer.alloc(16 * 1024, 1);
        const pump = () => {
          while (res.write(chunk)) if (res.destroyed) return;
          res.once('drain', pump);
        };
        pump();
        return;
      }
      if (url.pathname === '/lying-length') return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': 10 * 1024 * 1024 }).end(png);
      if (url.pathname === '/hang') return; // never answers
      if (url.pathname === '/dribble') {
        res.writeHead(200, { 'content-type': 'image/png' });
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('x')), 200);
        return;
      }
      res.writeHead(400).end();
    });
  });
  afterAll(async () => {
    for (const s of [good, canary, canary6]) {
      s?.server.closeAllConnections();
      await new Promise((done) => s?.server.close(done));
    }
  });

  it('downloads an allowed picture', async () => {
    const fetched = await fetchUntrustedUrl(`${good.url}/ok.png`, base());
    expect(Buffer.compare(fetched.bytes, png)).toBe(0);
    expect(fetched.contentType).toBe('image/png');
  });

  it('refuses other schemes without connecting anywhere', async () => {
    for (const url of [
      'file:///etc/passwd',
      'ftp://127.0.0.1/x',
      'gopher://127.0.0.1:6379/_PING',
      'data:image/png;base64,AAAA',
      'javascript:alert(1)',
      'not a url',
      `http://user:pass@127.0.0.1:${good.port}/ok.png`,
    ]) {
      expect((await refusal(fetchUntrustedUrl(url, base()))).reason).toBe('scheme');
    }
  });

  it('refuses loopback, private and metadata addresses, however they are written, before connecting', async () => {
    const port = canary.port;
    const urls = [
      `http://127.0.0.2:${port}/`,
      `http://[::1]:${canary6.port}/`,
      `http://[::ffff:127.0.0.2]:${port}/`,
      `http://2130706434:${port}/`, // 127.0.0.2 as one decimal number
      `http://0x7f000002:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00::1]/',
      'http://10.0.0.1/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
    ];
    for (const url of urls) expect([url, (await refusal(fetchUntrustedUrl(url, base()))).reason]).toEqual([url, 'address']);
    // A name that resolves to loopback is refused after resolving.
    expect((await refusal(fetchUntrustedUrl(`http://localhost:${canary6.port}/`, { ...base(), allowPrivate: [] }))).reason).toBe('address');
    // Without the explicit allowance even the picture server's own loopback address is refused.
    expect((await refusal(fetchUntrustedUrl(`${good.url}/ok.png`, { ...base(), allowPrivate: [] }))).reason).toBe('address');
    expect(canary.hits).toEqual([]);
    expect(canary6.hits).toEqual([]);
  });

  it('checks every redirect like the first URL, and stops after three', async () => {
    const targets = [`http://127.0.0.2:${canary.port}/`, `http://[::1]:${canary6.port}/`, 'http://169.254.169.254/latest/meta-data/', 'file:///etc/passwd'];
    for (const to of targets) {
      const error = await refusal(fetchUntrustedUrl(`${good.url}/redirect?to=${encodeURIComponent(to)}`, base()));
      expect(error.reason).toBe(to.startsWith('file:') ? 'scheme' : 'address');
    }
    // A host outside the list is refused after a redirect too.
    const listed = { ...base(), allowedHosts: [`127.0.0.1:${good.port}`] };
    expect((await refusal(fetchUntrustedUrl(`${good.url}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${canary.port}/`)}`, listed))).reason).toBe('host');
    expect((await refusal(fetchUntrustedUrl(`${good.url}/loop`, base()))).reason).toBe('redirects');
    expect((await fetchUntrustedUrl(`${good.url}/redirect?to=%2Fok.png`, base())).bytes.length).toBe(png.length);
    expect(canary.hits).toEqual([]);
    expect(canary6.hits).toEqual([]);
    expect(good.hits.filter((h) => h === '/loop')).toHaveLength(4);
  });

  it('connects to the address it checked: one resolution per connection, no second answer', async () => {
    let calls = 0;
    // A rebinding resolver: a harmless answer first, an internal one after.
    const resolve = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '127.0.0.2', family: 4 }]);
    const fetched = await fetchUntrustedUrl(`http://pictures.example:${good.port}/ok.png`, { ...base(), resolve });
    expect(fetched.bytes.length).toBe(png.length);
    expect(calls).toBe(1);
    // A resolver that mixes an internal address with an allowed one: only the allowed one is used.
    const mixed = async () => [
      { address: '127.0.0.2', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    expect((await fetchUntrustedUrl(`http://pictures.example:${good.port}/ok.png`, { ...base(), resolve: mixed })).bytes.length).toBe(png.length);
    const internal = async () => [{ address: '169.254.169.254', family: 4 }];
    expect((await refusal(fetchUntrustedUrl(`http://pictures.example:${canary.port}/`, { ...base(), resolve: internal }))).reason).toBe('address');
    expect(canary.hits).toEqual([]);
  });

  it('caps the size while streaming, whatever the headers say', async () => {
    const endless = await refusal(fetchUntrustedUrl(`${good.url}/endless`, base()));
    expect(endless.reason).toBe('too_large');
    expect(endless.message).toBe('图片超过 64 KB，无法保存，请压缩后重新发送。');
    expect((await refusal(fetchUntrustedUrl(`${good.url}/lying-length`, base()))).reason).toBe('too_large');
  });

  it('gives up on a server that never answers or dribbles, at the deadline', async () => {
    const hang = await refusal(fetchUntrustedUrl(`${good.url}/hang`, base()));
    expect(hang.reason).toBe('timeout');
    expect(hang.message).toContain('图片下载超时');
    expect((await refusal(fetchUntrustedUrl(`${good.url}/dribble`, base()))).reason).toBe('timeout');
  });

  it('answers a gone picture, a server error and a refused connection in Chinese', async () => {
    expect((await refusal(fetchUntrustedUrl(`${good.url}/gone`, base()))).message).toBe('这张图片已过期，无法下载，请重新发送。');
    expect((await refusal(fetchUntrustedUrl(`${good.url}/error`, base()))).message).toContain('对方服务器返回 500');
    const closed = await freePort();
    const refusedConnection = await refusal(fetchUntrustedUrl(`http://127.0.0.1:${closed}/x.png`, base()));
    expect(refusedConnection.reason).toBe('connect');
    expect(refusedConnection.message).toContain('连不上对方服务器');
  });
});
