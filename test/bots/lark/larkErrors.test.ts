import { describe, expect, it } from 'vitest';
import { UnrecoverableError } from 'bullmq';
import { checkLarkResponse, toJobError, toLarkFailure } from '../../../bots/lark/larkErrors.ts';

const axiosError = (status: number, data: unknown, headers: Record<string, string> = {}) => ({
  message: `Request failed with status code ${status}`,
  response: { status, data, headers },
});

describe('larkErrors', () => {
  it('reads a 429 with x-ogw-ratelimit-reset', () => {
    expect(toLarkFailure(axiosError(429, { code: 99991400, msg: 'frequency limit' }, { 'x-ogw-ratelimit-reset': '2' }))).toEqual({
      status: 429,
      code: 99991400,
      msg: 'frequency limit',
      rateLimited: true,
      resetMs: 2000,
    });
  });

  it('retries network errors, 5xx and token errors; gives up on the rest, keeping the code', () => {
    expect(toJobError(toLarkFailure({ message: 'socket hang up', code: 'ECONNRESET' }))).not.toBeInstanceOf(UnrecoverableError);
    expect(toJobError(toLarkFailure(axiosError(502, 'bad gateway')))).not.toBeInstanceOf(UnrecoverableError);
    expect(toJobError(toLarkFailure(axiosError(400, { code: 99991663, msg: 'token invalid' })))).not.toBeInstanceOf(UnrecoverableError);
    const permanent = toJobError(toLarkFailure(axiosError(400, { code: 230002, msg: 'Bot/User can NOT be out of the chat.' })));
    expect(permanent).toBeInstanceOf(UnrecoverableError);
    expect(toLarkFailure(permanent).code).toBe(230002);
    expect(permanent.message).toContain('230002');
  });

  it('treats code ≠ 0 in a 200 answer as a failure', () => {
    expect(() => checkLarkResponse({ code: 230011, msg: 'message recalled' })).toThrow(/230011/);
    expect(checkLarkResponse({ code: 0, msg: 'ok' })).toEqual({ code: 0, msg: 'ok' });
  });
});
