import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/log/logger.ts';
import { startTestService, type TestService } from '../../support/startTestService.ts';

describe('the inbound processor', () => {
  let service: TestService;
  const logged: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    service = await startTestService({ log: createLogger('info', stream) });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('logs each processed event with the start of its text, phone numbers masked', async () => {
    const [reply] = await service.say('sb-group-dongwan', 'guest-1', '/绑定 赵大勇 13812345678', { messageId: 'log-phone-1' });
    // The answer repeats what was wrong without showing the number in full either.
    expect(reply!.text).toContain('收到的是「138****5678」');
    const line = logged.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.eventId === 'log-phone-1' && l.msg === 'event processed');
    expect(line).toBeDefined();
    // Neither the phone nor what was typed after the name (a code, or digits) is logged.
    expect(line!.command).toBe('/绑定 赵大勇 ***');
    expect(logged.join('')).not.toContain('13812345678');
  });
});
