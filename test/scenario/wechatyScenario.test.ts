import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { WechatyMockRoom } from '../support/wechatyMockRoom.ts';
import { runSharedScenario, scenarioPeople, type ScenarioActor } from './sharedScenario.ts';

describe('shared scenario on WeChat (wechaty-puppet-mock)', () => {
  let service: TestService;
  let wechat: WechatyMockRoom;
  beforeAll(async () => {
    service = await startTestService({
      env: { WECHATY_PUPPET: 'wechaty-puppet-mock', WECHATY_SEND_INTERVAL_MS: '10', WECHATY_SEND_JITTER_MS: '0' },
    });
    wechat = new WechatyMockRoom(service, Object.values(scenarioPeople), '东湾村党支部工作群（微信）');
    wechat.login();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('gives the same answers as every other platform', async () => {
    const transcript = await runSharedScenario(
      {
        platform: 'wechaty',
        async say(who: ScenarioActor, text, replies) {
          const before = wechat.botLines.length;
          wechat.say(scenarioPeople[who], text, true);
          return (await wechat.botSaysAfter(before, replies)).map((line) => line.text ?? '');
        },
      },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
