import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';

export interface OneBotApiOptions {
  baseUrl: string;
  accessToken?: string;
  timeoutMs: number;
}

export type OutgoingSegment = { type: 'text'; data: { text: string } } | { type: 'image'; data: { file: string } } | { type: 'reply'; data: { id: string } };

const answerSchema = z.object({
  status: z.string(),
  retcode: z.number(),
  data: z.unknown().optional(),
  message: z.string().optional(),
  msg: z.string().optional(),
  wording: z.string().optional(),
});

// OneBot v11 retcodes: 1400 bad request, 1401 unauthorised, 1403 forbidden, 1404 no such action. The same request
// will fail again, so these are not retried; anything else (100 send failed, 102, 1200…) may pass later.
const PERMANENT_RETCODES = new Set([1400, 1401, 1403, 1404]);

/** What an implementation answered: its data, or that it refused (a failed status, or HTTP 404: no such action). */
export type OneBotAnswer = { ok: true; data: unknown } | { ok: false; retcode: number; why: string };

/** Calls the OneBot v11 HTTP API (NapCat, Lagrange, go-cqhttp and the like). */
export class OneBotApiClient {
  constructor(private readonly options: OneBotApiOptions) {}

  /** The data of a successful call; a refusal throws, unrecoverable when the same request would be refused again. */
  async call(action: string, params: Record<string, unknown>, timeoutMs?: number): Promise<unknown> {
    const answer = await this.answer(action, params, timeoutMs);
    if (answer.ok) return answer.data;
    const message = `OneBot API ${action} failed: retcode ${answer.retcode}${answer.why ? ` (${answer.why})` : ''}`;
    if (PERMANENT_RETCODES.has(answer.retcode)) throw new UnrecoverableError(message);
    throw new Error(message);
  }

  /**
   * Like `call`, but a refusal comes back as a value, for callers that have another way (the file actions differ
   * between implementations). An unreachable API, other HTTP errors and answers that are not OneBot JSON still throw.
   */
  async answer(action: string, params: Record<string, unknown>, timeoutMs = this.options.timeoutMs): Promise<OneBotAnswer> {
    const url = `${this.options.baseUrl.replace(/\/+$/, '')}/${action}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.options.accessToken ? { authorization: `Bearer ${this.options.accessToken}` } : {}),
        },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new Error(`OneBot API ${action} unreachable: ${(error as Error).message}`, { cause: error });
    }
    const body = await response.text();
    // OneBot v11 over HTTP answers 404 for an action the implementation does not have.
    if (response.status === 404) return { ok: false, retcode: 1404, why: 'HTTP 404' };
    if (!response.ok) {
      const message = `OneBot API ${action} answered HTTP ${response.status}`;
      // Wrong token, wrong path, bad request: retrying will not help. 429 and 5xx may.
      if (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 408) {
        throw new UnrecoverableError(message);
      }
      throw new Error(message);
    }
    let parsed;
    try {
      parsed = answerSchema.parse(JSON.parse(body));
    } catch {
      throw new Error(`OneBot API ${action} gave an answer that is not OneBot JSON`);
    }
    if (parsed.status === 'failed' || (parsed.retcode !== 0 && parsed.retcode !== 1)) {
      return { ok: false, retcode: parsed.retcode, why: parsed.wording ?? parsed.message ?? parsed.msg ?? '' };
    }
    return { ok: true, data: parsed.data };
  }

  async sendGroupMessage(groupId: string, message: OutgoingSegment[]): Promise<string | undefined> {
    const data = await this.call('send_group_msg', { group_id: Number(groupId), message });
    const id = (data as { message_id?: unknown } | null | undefined)?.message_id;
    return id === undefined || id === null ? undefined : String(id);
  }
}
