import { UnrecoverableError } from 'bullmq';

/** What went wrong talking to the Open API, in the terms the sender needs. */
export interface LarkFailure {
  /** HTTP status, when there was an answer. */
  status?: number;
  /** Feishu's business code (`code` in the JSON answer). */
  code?: number;
  msg: string;
  rateLimited: boolean;
  /** From `x-ogw-ratelimit-reset` (seconds), in ms. */
  resetMs?: number;
}

export const RATE_LIMIT_CODE = 99991400;
// Token problems clear up once the SDK fetches a new tenant_access_token: retry.
const TOKEN_CODES = new Set([99991661, 99991663, 99991664, 99991665, 99991668]);
// Feishu's "internal error / try again later" family.
const TRANSIENT_CODES = new Set([99991401, 99991402, 1500, 230020, 1000004, 1000005]);

interface AxiosLike {
  message?: string;
  code?: string;
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
}

export class LarkApiError extends Error {
  constructor(readonly failure: LarkFailure) {
    super(`飞书开放平台返回错误${failure.status ? ` HTTP ${failure.status}` : ''}${failure.code !== undefined ? ` code ${failure.code}` : ''}: ${failure.msg}`);
    this.name = 'LarkApiError';
  }
}

/** A failure that will not get better by retrying: BullMQ stops, the failure stays readable. */
export class PermanentLarkError extends UnrecoverableError {
  constructor(readonly failure: LarkFailure) {
    super(new LarkApiError(failure).message);
    this.name = 'PermanentLarkError';
  }
}

export function toLarkFailure(error: unknown): LarkFailure {
  if (error instanceof LarkApiError || error instanceof PermanentLarkError) return error.failure;
  const e = error as AxiosLike;
  const response = e?.response;
  const body = (response?.data ?? {}) as { code?: unknown; msg?: unknown };
  const code = typeof body.code === 'number' ? body.code : undefined;
  const resetHeader = response?.headers?.['x-ogw-ratelimit-reset'];
  const resetSeconds = resetHeader !== undefined ? Number(resetHeader) : Number.NaN;
  return {
    ...(response?.status ? { status: response.status } : {}),
    ...(code !== undefined ? { code } : {}),
    msg: typeof body.msg === 'string' ? body.msg : String(e?.message ?? error),
    rateLimited: response?.status === 429 || code === RATE_LIMIT_CODE,
    ...(Number.isFinite(resetSeconds) && resetSeconds >= 0 ? { resetMs: Math.min(resetSeconds, 60) * 1000 } : {}),
  };
}

/** Answers with code ≠ 0 and HTTP 200 are failures too. */
export function checkLarkResponse<T extends { code?: number; msg?: string }>(response: T): T {
  if (response && typeof response.code === 'number' && response.code !== 0) {
    throw new LarkApiError({
      status: 200,
      code: response.code,
      msg: response.msg ?? '',
      rateLimited: response.code === RATE_LIMIT_CODE,
    });
  }
  return response;
}

export function isTransient(failure: LarkFailure): boolean {
  if (failure.rateLimited) return true;
  if (failure.code !== undefined && (TOKEN_CODES.has(failure.code) || TRANSIENT_CODES.has(failure.code))) return true;
  if (failure.status === undefined) return true; // network error, timeout, reset connection
  return failure.status >= 500 || failure.status === 408;
}

/** Transient failures are rethrown for BullMQ's backoff; anything else will never succeed: UnrecoverableError. */
export function toJobError(failure: LarkFailure): Error {
  return isTransient(failure) ? new LarkApiError(failure) : new PermanentLarkError(failure);
}
