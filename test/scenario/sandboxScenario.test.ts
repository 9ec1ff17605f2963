import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { runSharedScenario, scenarioClock, scenarioPhotoName, type ScenarioActor } from './sharedScenario.ts';

const guests: Record<ScenarioActor, string> = { admin: 'guest-1', secretary: 'guest-2', liaison: 'guest-3' };

/**
 * The sandbox chat window mentions people as `@姓名` in the text, so the table's text goes in unchanged; a
 * picture goes in as the window uploads it (base64 with its file name). Replies are plain text already.
 */
describe('shared scenario on the sandbox', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ clock: scenarioClock() });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('gives the same answers as every other platform', async () => {
    const transcript = await runSharedScenario(
      {
        platform: 'sandbox',
        async say(who, message) {
          const extra = message.photo ? { imageBase64: message.photo.toString('base64'), fileName: scenarioPhotoName } : {};
          return (await service.say('sb-group-new', guests[who], message.text, extra)).map((r) => r.text);
        },
      },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
