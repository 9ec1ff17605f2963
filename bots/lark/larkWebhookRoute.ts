import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { decryptLarkPayload, safeEqual, verifyLarkSignature } from './larkCrypto.ts';
import { isJsonContentType, NOT_JSON_CONTENT_TYPE } from '../shared/isJsonContentType.ts';
import { larkEnvelopeSchema, type LarkEnvelope } from './larkEventSchemas.ts';
import { bodyLimitByLength } from '../shared/bodyLimitByLength.ts';

export interface LarkWebhookOptions {
  path?: string;
  encryptKey?: string | undefined;
  verificationToken?: string | undefined;
  toleranceSeconds: number;
  bodyLimitBytes: number;
  log: Logger;
  now?: () => number;
  /** An authenticated v2 event; the answer is the JSON body (`{}` for events, `{toast, card}` for card callbacks). */
  onEvent(envelope: LarkEnvelope, log: Logger): Promise<Record<string, unknown>>;
}

type Payload = Record<string, unknown>;

/**
 * `POST /webhooks/lark`: raw body → size limit (413) → JSON content type (415) → signature over the raw bytes (401) → JSON (400) →
 * decrypt → url_verification challenge → verification token (401) → the event handler (which enqueues and
 * answers at once). Redis trouble in the handler propagates to the app's error handler, which answers 503.
 *
 * About the timestamp check: Feishu's guide to receiving events ("步骤三：接收事件", security check) defines the
 * signature over X-Lark-Request-Timestamp + X-Lark-Request-Nonce + Encrypt Key + body and names replay attacks as
 * what it protects against; it does not spell out whether a re-delivery (15 s, 5 min, 1 h, 6 h later) carries a
 * fresh timestamp. Other Feishu integrations report that Feishu signs each delivery at send time
 * (openclaw/openclaw#143484), which is what makes a tolerance window usable at all. If a deployment ever sees
 * re-deliveries refused as stale, LARK_TIMESTAMP_TOLERANCE_SECONDS widens the window; the event_id dedupe
 * (BullMQ job id + InboundEvent table) keeps any replay inside the window from doing anything twice.
 */
export function mountLarkWebhook(app: Hono, options: LarkWebhookOptions): void {
  const path = options.path ?? '/webhooks/lark';
  const now = options.now ?? Date.now;
  app.post(
    path,
    bodyLimitByLength({
      maxSize: options.bodyLimitBytes,
      onError: (c) => c.json({ error: `请求体超过 ${options.bodyLimitBytes} 字节的上限` }, 413),
    }),
    async (c) => {
      if (!isJsonContentType(c.req.header('content-type'))) return c.json({ error: NOT_JSON_CONTENT_TYPE }, 415);
      const raw = Buffer.from(await c.req.arrayBuffer());
      const timestamp = c.req.header('x-lark-request-timestamp');
      const nonce = c.req.header('x-lark-request-nonce');
      const signature = c.req.header('x-lark-signature');
      const signed = Boolean(timestamp && nonce && signature);
      if (options.encryptKey && signed) {
        if (!verifyLarkSignature({ timestamp: timestamp!, nonce: nonce!, signature: signature! }, options.encryptKey, raw)) {
          options.log.warn({ path }, 'lark webhook: bad signature');
          return c.json({ error: '签名校验失败' }, 401);
        }
        const ts = Number(timestamp);
        if (!Number.isFinite(ts) || Math.abs(now() / 1000 - ts) > options.toleranceSeconds) {
          options.log.warn({ path, timestamp }, 'lark webhook: timestamp outside tolerance');
          return c.json({ error: '请求时间戳超出允许范围' }, 401);
        }
      }

      let payload: Payload;
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        payload = parsed as Payload;
      } catch {
        return c.json({ error: '请求体不是有效的 JSON' }, 400);
      }

      if (typeof payload.encrypt === 'string') {
        if (!options.encryptKey) return c.json({ error: '收到加密事件，但没有配置 LARK_ENCRYPT_KEY' }, 400);
        try {
          const inner: unknown = JSON.parse(decryptLarkPayload(payload.encrypt, options.encryptKey));
          if (!inner || typeof inner !== 'object') throw new Error('not an object');
          payload = inner as Payload;
        } catch {
          // Right key and Feishu's bytes always decrypt; anything else was not sent by Feishu for this app.
          return c.json({ error: '无法解密事件（Encrypt Key 不匹配）' }, 401);
        }
      } else if (options.encryptKey && payload.type !== 'url_verification') {
        // With an Encrypt Key configured Feishu only sends encrypted bodies.
        return c.json({ error: '事件未加密，与配置的 Encrypt Key 不符' }, 401);
      }

      if (payload.type === 'url_verification') {
        if (!tokenMatches(options.verificationToken, payload.token)) return c.json({ error: 'Verification Token 不正确' }, 401);
        return c.json({ challenge: payload.challenge });
      }

      // Events other than the challenge must be signed when an Encrypt Key is configured.
      if (options.encryptKey && !signed) return c.json({ error: '缺少签名请求头' }, 401);

      const header = (payload.header ?? {}) as Payload;
      const token = payload.schema === '2.0' ? header.token : payload.token;
      if (!tokenMatches(options.verificationToken, token)) {
        options.log.warn({ path }, 'lark webhook: wrong verification token');
        return c.json({ error: 'Verification Token 不正确' }, 401);
      }

      const envelope = larkEnvelopeSchema.safeParse(payload);
      if (!envelope.success) {
        // Authentic but not a v2 event we know: acknowledge so Feishu does not keep re-delivering it.
        options.log.info({ type: payload.type ?? (payload.event as Payload | undefined)?.type }, 'lark webhook: not a v2 event; ignored');
        return c.json({});
      }
      const log = options.log.child({ eventId: envelope.data.header.event_id, eventType: envelope.data.header.event_type });
      return c.json(await options.onEvent(envelope.data, log));
    },
  );
}

function tokenMatches(expected: string | undefined, got: unknown): boolean {
  if (!expected) return true;
  return typeof got === 'string' && safeEqual(expected, got);
}
