import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { runSharedScenario, scenarioClock, scenarioPhotoName, scenarioPublicBaseUrl, type ScenarioActor } from './sharedScenario.ts';

const guests: Record<ScenarioActor, string> = { admin: 'guest-1', secretary: 'guest-2', liaison: 'guest-3' };

/**
 * The sandbox chat window mentions people as `@姓名` in the text, so the table's text goes in unchanged; a
 * picture or a file goes in as the window uploads it (base64 with its file name). Replies are plain text already;
 * an exported file rides with its reply (`file`), and is returned among the files.
 */
describe('shared scenario on the sandbox', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ clock: scenarioClock(), env: { PUBLIC_BASE_URL: scenarioPublicBaseUrl } });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('gives the same answers as every other platform', async () => {
    const transcript = await runSharedScenario(
      {
        platform: 'sandbox',
        serviceUrl: service.url,
        async say(who, message) {
          const extra = message.photo
            ? { imageBase64: message.photo.toString('base64'), fileName: scenarioPhotoName }
            : message.file
              ? { fileBase64: message.file.bytes.toString('base64'), fileName: message.file.name }
              : {};
          const replies = await service.say('sb-group-new', guests[who], message.text, extra);
          return {
            replies: replies.map((r) => r.text),
            files: replies.flatMap((r) => (r.file ? [{ name: r.file.fileName, bytes: Buffer.from(r.file.base64, 'base64') }] : [])),
          };
        },
      },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
