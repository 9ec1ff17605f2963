import { UnrecoverableError } from 'bullmq';

/** What went wrong talking to DingTalk's OpenAPI, in the terms the sender needs. */
export interface DingTalkFailure {
  /** HTTP status, when there was an answer. */
  status?: number;
  /** New API: `code` ("Forbidden.AccessDenied.QpsLimitForApi" …); old API: `errcode` as a string. */
  code?: string;
  msg: string;
  rateLimited: boolean;
  /** From `Retry-After`, in ms. */
  resetMs?: number;
}

// Old API (oapi) error codes for "too many calls": 90002 per minute, 90006 per second, 90018 the organisation's QPS.
const OAPI_RATE_CODES = new Set(['90002', '90006', '90018']);
// Flow control of the new API answers 403 / 429 with a code naming QPS or throttling.
const RATE_CODE = /QpsLimit|Throttling|FlowControl|TooManyRequest/i;
// A stale or expired access token: fetching a new one fixes it.
const TOKEN_CODES = /InvalidAuthentication|accessToken|^40014$|^42001$/i;

export class DingTalkApiError extends Error {
  constructor(readonly failure: DingTalkFailure) {
    super(`钉钉开放平台返回错误${failure.status ? ` HTTP ${failure.status}` : ''}${failure.code ? ` code ${failure.code}` : ''}: ${failure.msg}`);
    this.name = 'DingTalkApiError';
  }
}

/** A failure that will not get better by retrying: BullMQ stops, the failure stays readable. */
export class PermanentDingTalkError extends UnrecoverableError {
  constructor(readonly failure: DingTalkFailure) {
    super(new DingTalkApiError(failure).message);
    this.name = 'PermanentDingTalkError';
  }
}

/** The failure in an HTTP answer (status ≥ 400, or an old-API `errcode` ≠ 0). */
export function failureFromAnswer(status: number, body: unknown, retryAfter: string | null): DingTalkFailure {
  const b = (body && typeof body === 'object' ? body : {}) as { code?: unknown; message?: unknown; errcode?: unknown; errmsg?: unknown };
  const code = typeof b.code === 'string' ? b.code : b.errcode !== undefined && b.errcode !== 0 ? String(b.errcode) : undefined;
  const msg = typeof b.message === 'string' ? b.message : typeof b.errmsg === 'string' ? b.errmsg : `HTTP ${status}`;
  const seconds = retryAfter !== null ? Number(retryAfter) : Number.NaN;
  return {
    status,
    ...(code ? { code } : {}),
    msg,
    rateLimited: status === 429 || (code !== undefined && (RATE_CODE.test(code) || OAPI_RATE_CODES.has(code))),
    ...(Number.isFinite(seconds) && seconds >= 0 ? { resetMs: Math.min(seconds, 60) * 1000 } : {}),
  };
}

export function toDingTalkFailure(error: unknown): DingTalkFailure {
  if (error instanceof DingTalkApiError || error instanceof PermanentDingTalkError) return error.failure;
  // fetch itself failed: network error, timeout, connection reset.
  return { msg: String((error as Error)?.message ?? error), rateLimited: false };
}

export function isTokenFailure(failure: DingTalkFailure): boolean {
  return failure.status === 401 || (failure.code !== undefined && TOKEN_CODES.test(failure.code));
}

export function isTransient(failure: DingTalkFailure): boolean {
  if (failure.rateLimited || isTokenFailure(failure)) return true;
  if (failure.status === undefined) return true;
  return failure.status >= 500 || failure.status === 408;
}

/** Transient failures are rethrown for BullMQ's backoff; anything else will never succeed: UnrecoverableError. */
export function toJobError(failure: DingTalkFailure): Error {
  return isTransient(failure) ? new DingTalkApiError(failure) : new PermanentDingTalkError(failure);
}
