import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { FakeOneBotApi } from '../support/fakeOneBotApi.ts';
import { BOT_QQ, groupEvent, postOneBot } from '../support/oneBotEvents.ts';
import { runSharedScenario, type ScenarioActor } from './sharedScenario.ts';

const SECRET = 'scenario-secret';
const GROUP = 800200;
const qq: Record<ScenarioActor, number> = { admin: 30001, secretary: 30002, liaison: 30003 };

describe('shared scenario on QQ (OneBot v11 fake)', () => {
  let service: TestService;
  let onebot: FakeOneBotApi;
  beforeAll(async () => {
    onebot = await new FakeOneBotApi().start();
    service = await startTestService({
      env: { ONEBOT_SECRET: SECRET, ONEBOT_API_URL: onebot.url, ONEBOT_SEND_INTERVAL_MS: '10', ONEBOT_SEND_JITTER_MS: '0' },
    });
  });
  afterAll(async () => {
    await service?.stop();
    await onebot?.stop();
  });

  it('gives the same answers as every other platform', async () => {
    const transcript = await runSharedScenario(
      {
        platform: 'onebot',
        async say(who, text, replies) {
          const before = onebot.sendsTo(GROUP).length;
          const event = groupEvent({ groupId: GROUP, userId: qq[who], message: [{ type: 'at', data: { qq: String(BOT_QQ) } }, { type: 'text', data: { text: ` ${text}` } }] });
          const response = await postOneBot(service.url, event, SECRET);
          expect(response.status).toBe(204);
          await vi.waitFor(() => expect(onebot.sendsTo(GROUP).length).toBeGreaterThanOrEqual(before + replies), { timeout: 30_000, interval: 50 });
          return onebot.sendsTo(GROUP).slice(before, before + replies).map((s) => s.text);
        },
      },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
