import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { UserError } from '../errors/UserError.ts';
import { isPublicAddress } from './isPublicAddress.ts';
import { sizeText } from '../text/sizeText.ts';

export interface UntrustedFetchOptions {
  /** Largest body accepted; counted while reading, the download stops at the first byte over. */
  maxBytes: number;
  /** For the whole download: connecting, every redirect, headers and body. */
  timeoutMs: number;
  /**
   * Hosts allowed: a name also allows its subdomains, `name:port` only that port, `*` any host. Whatever the
   * list, the addresses are checked too.
   */
  allowedHosts: readonly string[];
  /**
   * Non-public addresses let through all the same (`127.0.0.1`, `10.0.0.0/8`, `::1`): only for tests and local
   * fakes, set explicitly. Empty by default: loopback, private, link-local… are refused.
   */
  allowPrivate?: readonly string[];
  /** How names are resolved (tests); dns.lookup by default. Called once per connection, and the answer is used. */
  resolve?: (hostname: string) => Promise<LookupAddress[]>;
  /** Redirects followed, each checked like the first URL. */
  maxRedirects?: number;
  /** What the fetched thing is called in answers (图片, 文件). */
  what?: string;
}

export type FetchRefusal = 'scheme' | 'host' | 'address' | 'redirects' | 'timeout' | 'too_large' | 'status' | 'gone' | 'connect';

/**
 * A download the service will not do or could not finish: the message is the answer to the chat (a UserError),
 * and the job is not retried.
 */
export class FetchRefusedError extends UserError {
  constructor(
    readonly reason: FetchRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'FetchRefusedError';
  }
}

export interface FetchedBody {
  bytes: Buffer;
  contentType: string | undefined;
  /** The URL the bytes came from after redirects. */
  finalUrl: string;
}

export const DEFAULT_MAX_REDIRECTS = 3;

/**
 * Fetches a URL someone else chose (a chat platform's picture link) without letting it reach inside:
 * http(s) only, host in the allowed list, every resolved address public (also after each redirect, which is
 * followed by hand), the connection made to the very address that was checked (no second DNS answer), a size
 * cap while streaming and one deadline for everything.
 */
export async function fetchUntrustedUrl(url: string, options: UntrustedFetchOptions): Promise<FetchedBody> {
  const what = options.what ?? '图片';
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const timedOut = () =>
    new FetchRefusedError('timeout', `${what}下载超时（${Math.ceil(options.timeoutMs / 1000)} 秒内没有下载完），没有保存，请稍后重新发送。`);
  try {
    let current = parseUrl(url, what);
    for (let redirects = 0; ; redirects++) {
      checkHost(current, options, what);
      const response = await requestOnce(current, options, controller.signal, what).catch((error: unknown) => {
        if (controller.signal.aborted) throw timedOut();
        throw error;
      });
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (redirects >= maxRedirects) throw new FetchRefusedError('redirects', `${what}地址跳转超过 ${maxRedirects} 次，没有下载，请直接重新发送${what}。`);
        current = parseUrl(new URL(response.headers.location, current).toString(), what);
        continue;
      }
      if (status === 404 || status === 410) {
        response.resume();
        throw new FetchRefusedError('gone', `这${what === '图片' ? '张' : '个'}${what}已过期，无法下载，请重新发送。`);
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FetchRefusedError('status', `${what}下载失败（对方服务器返回 ${status}），没有保存，请稍后重新发送。`);
      }
      const bytes = await readBody(response, options, what).catch((error: unknown) => {
        if (controller.signal.aborted) throw timedOut();
        throw error;
      });
      const contentType = response.headers['content-type']?.split(';')[0]?.trim();
      return { bytes, contentType, finalUrl: current.toString() };
    }
  } finally {
    clearTimeout(timer);
  }
}

function parseUrl(text: string, what: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new FetchRefusedError('scheme', `${what}地址不是有效的链接，没有下载，请直接重新发送${what}。`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchRefusedError('scheme', `${what}地址不是 http 或 https 链接，没有下载，请直接重新发送${what}。`);
  }
  if (parsed.username || parsed.password) throw new FetchRefusedError('scheme', `${what}地址里带有账号密码，没有下载，请直接重新发送${what}。`);
  return parsed;
}

function bareHost(url: URL): string {
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
}

/** `qpic.cn` allows qpic.cn and every name under it, `127.0.0.1:8080` that host on that port only; `*` any host. */
export function hostAllowed(url: URL, allowed: readonly string[]): boolean {
  const name = bareHost(url);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowed.some((raw) => {
    let entry = raw.trim().toLowerCase();
    if (!entry) return false;
    if (entry === '*') return true;
    let entryPort: string | null = null;
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (withPort) {
      entry = withPort[1]!;
      entryPort = withPort[2]!;
    }
    entry = entry
      .replace(/^\[|\]$/g, '')
      .replace(/^\*\./, '')
      .replace(/\.$/, '');
    if (entryPort !== null && entryPort !== port) return false;
    return name === entry || (isIP(name) === 0 && name.endsWith(`.${entry}`));
  });
}

/** Whether an address may be connected to: public, or named in the explicit private allowance. */
export function addressAllowed(address: string, allowPrivate: readonly string[] = []): boolean {
  if (isPublicAddress(address)) return true;
  if (allowPrivate.length === 0 || !ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  return allowPrivate.some((raw) => {
    const entry = raw.trim();
    if (!entry) return false;
    try {
      const [range, bits] = entry.includes('/') ? ipaddr.parseCIDR(entry) : [ipaddr.process(entry), -1];
      if (range.kind() !== parsed.kind()) return false;
      const prefix = bits === -1 ? (range.kind() === 'ipv4' ? 32 : 128) : bits;
      return parsed.match(range, prefix);
    } catch {
      return false;
    }
  });
}

function checkHost(url: URL, options: UntrustedFetchOptions, what: string): void {
  const host = bareHost(url);
  if (!hostAllowed(url, options.allowedHosts)) {
    throw new FetchRefusedError('host', `${what}地址不在允许下载的服务器之列，出于安全考虑没有下载。请直接在群里发送${what}。`);
  }
  if (isIP(host) && !addressAllowed(host, options.allowPrivate)) throw refusedAddress(what);
}

function refusedAddress(what: string): FetchRefusedError {
  return new FetchRefusedError('address', `${what}地址指向内部网络，出于安全考虑没有下载。请直接在群里发送${what}。`);
}

/**
 * Resolves the name, keeps only the addresses allowed, and hands exactly those to the socket: the address
 * connected to is the one checked.
 */
function pinnedLookup(options: UntrustedFetchOptions, what: string): LookupFunction {
  const resolve =
    options.resolve ??
    ((hostname: string) =>
      new Promise<LookupAddress[]>((done, fail) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? fail(error) : done(addresses)))));
  return (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const usable = addresses.filter((a) => (!lookupOptions.family || a.family === lookupOptions.family) && addressAllowed(a.address, options.allowPrivate));
        if (usable.length === 0) return callback(refusedAddress(what), '', 4);
        if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
        return callback(null, usable[0]!.address, usable[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

function requestOnce(url: URL, options: UntrustedFetchOptions, signal: AbortSignal, what: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'GET',
      agent: false,
      signal,
      lookup: pinnedLookup(options, what),
      headers: { accept: 'image/*,*/*;q=0.5', 'accept-encoding': 'identity', 'user-agent': 'zhibu' },
    });
    request.once('response', resolve);
    request.once('error', (error) => {
      if (error instanceof FetchRefusedError) return reject(error);
      if (signal.aborted) return reject(error);
      reject(new FetchRefusedError('connect', `${what}下载失败（连不上对方服务器），没有保存，请稍后重新发送。`));
    });
    request.end();
  });
}

async function readBody(response: IncomingMessage, options: UntrustedFetchOptions, what: string): Promise<Buffer> {
  // A picture can be made smaller; a file (a roster) is cut down or split instead.
  const advice = what === '图片' ? '无法保存，请压缩后重新发送' : '无法接收，请删去不需要的内容或分成几个文件后重新发送';
  const tooLarge = () => new FetchRefusedError('too_large', `${what}超过 ${sizeText(options.maxBytes)}，${advice}。`);
  const declared = Number(response.headers['content-length'] ?? '0');
  if (declared > options.maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > options.maxBytes) {
        response.destroy();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchRefusedError) throw error;
    throw new FetchRefusedError('connect', `${what}下载中断，没有保存，请稍后重新发送。`);
  }
  return Buffer.concat(chunks);
}
