import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { FakeOneBotApi } from '../support/fakeOneBotApi.ts';
import { BOT_QQ, groupEvent, groupUploadNotice, postOneBot } from '../support/oneBotEvents.ts';
import {
  joinSplitPieces,
  runSharedScenario,
  scenarioClock,
  scenarioPhotoName,
  scenarioPublicBaseUrl,
  splitMentions,
  type ScenarioActor,
  type ScenarioFile,
} from './sharedScenario.ts';
import { waitForQuietQueues } from './waitForQuietQueues.ts';

const SECRET = 'scenario-secret';
const GROUP = 800200;
const qq: Record<ScenarioActor, number> = { admin: 30001, secretary: 30002, liaison: 30003 };

/**
 * QQ through a OneBot v11 implementation (NapCat, Lagrange), faked at its HTTP API: a command is an `at` segment
 * for the bot and a text segment; a mentioned person is an `at` segment with their QQ number only (no name, as
 * NapCat reports it); a picture is an `image` segment whose URL the worker downloads from the fake. Replies are
 * `send_group_msg` calls: their text segments are the answer (the `reply` quote segment is not text); a long one
 * cut into several messages is joined back (joinSplitPieces). A file goes into the group's files and is reported as
 * a `group_upload` notice (go-cqhttp, NapCat, LLOneBot), which the worker fetches through get_group_file_url; a file
 * the bot sends is an `upload_group_file` call with base64://, whose bytes are the file.
 */
describe('shared scenario on QQ (OneBot v11 fake)', () => {
  let service: TestService;
  let onebot: FakeOneBotApi;
  beforeAll(async () => {
    onebot = await new FakeOneBotApi().start();
    service = await startTestService({
      // Real platforms cannot touch the demo: the same town, as ordinary organisations.
      town: 'real',
      clock: scenarioClock(),
      env: {
        ONEBOT_SECRET: SECRET,
        ONEBOT_API_URL: onebot.url,
        ONEBOT_MEDIA_HOSTS: new URL(onebot.url).host,
        ONEBOT_MEDIA_ALLOW_PRIVATE: '127.0.0.1',
        ONEBOT_SEND_INTERVAL_MS: '10',
        ONEBOT_SEND_JITTER_MS: '0',
        PUBLIC_BASE_URL: scenarioPublicBaseUrl,
      },
    });
  });
  afterAll(async () => {
    await service?.stop();
    await onebot?.stop();
  });

  function segments(text: string, photo?: Buffer): unknown[] {
    if (photo) {
      onebot.images.set(scenarioPhotoName, photo);
      const image = { type: 'image', data: { file: scenarioPhotoName, url: `${onebot.url}/images/${scenarioPhotoName}` } };
      return text ? [image, { type: 'text', data: { text } }] : [image];
    }
    const out: unknown[] = [{ type: 'at', data: { qq: String(BOT_QQ) } }];
    let first = true;
    for (const piece of splitMentions(text)) {
      if ('mention' in piece) out.push({ type: 'at', data: { qq: String(qq[piece.mention]) } });
      else out.push({ type: 'text', data: { text: first ? ` ${piece.text}` : piece.text } });
      first = false;
    }
    return out;
  }

  let fileNo = 0;
  function uploadNotice(who: ScenarioActor, file: ScenarioFile) {
    const id = `/scenario-${++fileNo}-5f0a71b2`;
    onebot.groupFiles.set(id, { name: file.name, bytes: file.bytes });
    return groupUploadNotice({ groupId: GROUP, userId: qq[who], id, name: file.name, size: file.bytes.length });
  }

  it('gives the same answers as every other platform', async () => {
    const transcript = await runSharedScenario(
      {
        platform: 'onebot',
        serviceUrl: service.url,
        async say(who, message, expected) {
          if (message.file && message.text) throw new Error('a QQ group file carries no text');
          const before = onebot.sendsTo(GROUP).length;
          const uploadsBefore = onebot.uploads.length;
          const event = message.file
            ? uploadNotice(who, message.file)
            : groupEvent({ groupId: GROUP, userId: qq[who], message: segments(message.text, message.photo) });
          const response = await postOneBot(service.url, event, SECRET);
          expect(response.status).toBe(204);
          const uploads = () => onebot.uploads.slice(uploadsBefore).filter((u) => u.groupId === GROUP);
          await vi.waitFor(
            () => {
              expect(onebot.sendsTo(GROUP).length).toBeGreaterThanOrEqual(before + expected.replies);
              expect(uploads().length).toBeGreaterThanOrEqual(expected.files);
            },
            { timeout: 30_000, interval: 50 },
          );
          await waitForQuietQueues(service);
          const sends = onebot.sendsTo(GROUP).slice(before);
          for (const send of sends) {
            expect(
              send.message.every((s) => s.type === 'text' || s.type === 'reply'),
              'the bot answered with text only',
            ).toBe(true);
          }
          return {
            replies: joinSplitPieces(
              sends.map((s) => s.text),
              expected.replies,
            ),
            files: uploads().map((upload) => {
              if (!upload.bytes) throw new Error(`upload_group_file without base64: ${upload.file.slice(0, 40)}`);
              return { name: upload.name, bytes: upload.bytes };
            }),
          };
        },
      },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
