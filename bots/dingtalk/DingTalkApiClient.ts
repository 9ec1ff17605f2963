import { z } from 'zod';
import { DingTalkApiError, failureFromAnswer, isTokenFailure, toDingTalkFailure } from './dingTalkErrors.ts';

export interface DingTalkApiClientOptions {
  clientId: string;
  clientSecret: string;
  /** https://api.dingtalk.com, or a local fake in tests. */
  apiBase: string;
  /** https://oapi.dingtalk.com (media upload of pictures and files only). */
  oapiBase: string;
  timeoutMs: number;
}

const tokenSchema = z.object({ accessToken: z.string().min(1), expireIn: z.number().positive() });
const mediaSchema = z.object({ errcode: z.number(), errmsg: z.string().optional(), media_id: z.string().optional() });

/** Refresh this long before DingTalk's expiry (tokens live 7200 s), so a request never carries one that just lapsed. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/**
 * DingTalk's OpenAPI for an enterprise internal app: the app access token (POST /v1.0/oauth2/accessToken, cached
 * until shortly before it expires and fetched once for concurrent callers), JSON calls with
 * `x-acs-dingtalk-access-token`, and media upload on the old API. Failures become DingTalkApiError; an answer that
 * says the token is invalid drops the cached one and the call is tried once more with a fresh token.
 */
export class DingTalkApiClient {
  private token?: { value: string; expiresAt: number };
  private pending?: Promise<string>;
  tokenFetches = 0;

  constructor(private readonly options: DingTalkApiClientOptions) {}

  async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.expiresAt) return this.token.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    this.tokenFetches++;
    const answer = await this.post(
      `${this.options.apiBase}/v1.0/oauth2/accessToken`,
      { appKey: this.options.clientId, appSecret: this.options.clientSecret },
      undefined,
    );
    const parsed = tokenSchema.safeParse(answer);
    if (!parsed.success) throw new DingTalkApiError({ msg: '获取 accessToken 的回答缺少 accessToken 或 expireIn', rateLimited: false, status: 200 });
    this.token = { value: parsed.data.accessToken, expiresAt: Date.now() + Math.max(60_000, parsed.data.expireIn * 1000 - TOKEN_MARGIN_MS) };
    return this.token.value;
  }

  /** One JSON call to the new API (POST or PUT), with the access token. */
  async call<T = Record<string, unknown>>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
    return this.withToken(async (token) => (await this.post(`${this.options.apiBase}${path}`, body, token, method)) as T);
  }

  /** Uploads a picture or file (old API media/upload) and answers its media_id: photoURL of a picture message, mediaId of a sampleFile. */
  async uploadMedia(bytes: Buffer, fileName: string, type: 'image' | 'file'): Promise<string> {
    return this.withToken(async (token) => {
      const form = new FormData();
      form.set('media', new Blob([new Uint8Array(bytes)]), fileName);
      const url = `${this.options.oapiBase}/media/upload?access_token=${encodeURIComponent(token)}&type=${type}`;
      const response = await this.fetch(url, { method: 'POST', body: form });
      const body = await readJson(response);
      const parsed = mediaSchema.safeParse(body);
      if (!response.ok || !parsed.success || parsed.data.errcode !== 0 || !parsed.data.media_id) {
        throw new DingTalkApiError(failureFromAnswer(response.status, body, response.headers.get('retry-after')));
      }
      return parsed.data.media_id;
    });
  }

  /** A request with the access token: an answer saying the token is invalid drops it and tries once more with a fresh one. */
  private async withToken<T>(request: (token: string) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      try {
        return await request(token);
      } catch (error) {
        if (attempt === 0 && error instanceof DingTalkApiError && isTokenFailure(error.failure)) {
          this.token = undefined;
          continue;
        }
        throw error;
      }
    }
  }

  /** GETs a download URL DingTalk handed out, reading at most `maxBytes`. */
  async download(url: string, maxBytes: number): Promise<{ bytes: Buffer; mimeType?: string; tooLarge?: true }> {
    const response = await this.fetch(url, { method: 'GET' });
    if (!response.ok || !response.body) throw new DingTalkApiError(failureFromAnswer(response.status, await readJson(response), null));
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      return { bytes: Buffer.alloc(0), tooLarge: true };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) return { bytes: Buffer.alloc(0), tooLarge: true };
      chunks.push(Buffer.from(chunk));
    }
    const mimeType = response.headers.get('content-type')?.split(';')[0]?.trim();
    return { bytes: Buffer.concat(chunks), ...(mimeType ? { mimeType } : {}) };
  }

  private async post(url: string, body: unknown, token: string | undefined, method: 'POST' | 'PUT' = 'POST'): Promise<unknown> {
    const response = await this.fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { 'x-acs-dingtalk-access-token': token } : {}) },
      body: JSON.stringify(body),
    });
    const answer = await readJson(response);
    if (!response.ok) throw new DingTalkApiError(failureFromAnswer(response.status, answer, response.headers.get('retry-after')));
    return answer;
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
    } catch (error) {
      throw new DingTalkApiError(toDingTalkFailure(error));
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}
