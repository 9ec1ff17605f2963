import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { runSharedScenario, type ScenarioActor } from './sharedScenario.ts';

const guests: Record<ScenarioActor, string> = { admin: 'guest-1', secretary: 'guest-2', liaison: 'guest-3' };

describe('shared scenario on the sandbox', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('gives the same answers as every other platform', async () => {
    const transcript = await runSharedScenario(
      { platform: 'sandbox', say: (who, text) => service.sayText('sb-group-new', guests[who], text) },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
