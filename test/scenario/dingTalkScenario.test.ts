import { randomUUID } from 'node:crypto';
import { TOPIC_ROBOT } from 'dingtalk-stream';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { FakeDingTalk, type RecordedDingTalkSend } from '../support/fakeDingTalk.ts';
import { fileMessage, privateTextMessage, richTextMessage, textMessage, type Person } from '../support/dingTalkEvents.ts';
import { TEST_REDIS_URL } from '../support/testRedis.ts';
import { until } from '../support/until.ts';
import { dingTalkCardText, dingTalkMarkdownText } from './dingTalkText.ts';
import { runSharedScenario, scenarioClock, scenarioFileType, scenarioPublicBaseUrl, splitMentions, type ScenarioActor } from './sharedScenario.ts';
import { waitForQuietQueues } from './waitForQuietQueues.ts';

const CHAT = 'cidScenarioDongwan0001==';
/**
 * DingTalk nicknames and staff ids, unlike the names in the member records: a mention can only reach the right
 * member through the staff id in atUsers and the account's binding, not by its name.
 */
const people: Record<ScenarioActor, Person> = {
  admin: { staffId: '0316150155300001', nick: '晓明' },
  secretary: { staffId: '0316150155300002', nick: '春生书记' },
  liaison: { staffId: '0316150155300003', nick: '小燕子' },
};

/**
 * DingTalk: the real dingtalk-stream SDK inside the service, connected to the local fake gateway, and the fake
 * OpenAPI. Each message is a TOPIC_ROBOT callback frame as DingTalk pushes it to a group robot: a command @-s the
 * robot (its @ taken out of the text), a mentioned person is `@昵称` in the text with their staff id in atUsers, a
 * picture is a rich-text message (@robot + picture: the only way a picture reaches a group robot) whose bytes the
 * worker downloads through robot/messageFiles/download. The bot answers with group messages (sampleMarkdown) or,
 * when the view has buttons, interactive cards; both are read back as text (dingTalkText.ts). A file the bot sends
 * is a media/upload followed by a sampleFile message naming it; its bytes are the upload's.
 *
 * Files in: a group robot hears only messages that @ it, and a file message cannot carry an @, so a file never
 * reaches the robot in a group. A 组织办 sends the roster in his private chat with the robot instead; so here
 * /导入 名册 and every file after it go to that private chat (a file message, downloaded the same way), and their
 * answers are read from the robot's one-to-one messages to him. The pending question lives in the chat where
 * /导入 名册 was said, so the command has to go there too.
 */
describe('shared scenario on DingTalk (real dingtalk-stream SDK, fake gateway and OpenAPI)', () => {
  let fake: FakeDingTalk;
  let service: TestService;
  const redis = new Redis(TEST_REDIS_URL);
  beforeAll(async () => {
    fake = await new FakeDingTalk().start();
    service = await startTestService({
      // Real platforms cannot touch the demo: the same town, as ordinary organisations.
      town: 'real',
      clock: scenarioClock(),
      env: {
        ...fake.serviceEnv(),
        PUBLIC_BASE_URL: scenarioPublicBaseUrl,
      },
    });
    await until(() => fake.open, 20_000, 'the Stream connection');
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.stop();
    redis.disconnect();
  });

  async function textOf(send: RecordedDingTalkSend): Promise<string> {
    if (send.kind === 'group' || send.kind === 'user') {
      expect(send.msgKey).toBe('sampleMarkdown');
      return dingTalkMarkdownText(send.param.text!);
    }
    const stored = JSON.parse((await redis.get(`${service.prefix}:dingtalk:card:${send.outTrackId}`)) ?? '{}') as { commands?: Record<string, string> };
    return dingTalkCardText(send.param, stored.commands ?? {});
  }

  it('gives the same answers as every other platform', async () => {
    const transcript = await runSharedScenario(
      {
        platform: 'dingtalk',
        serviceUrl: service.url,
        async say(who, message, expected) {
          if ((message.photo || message.file) && message.text) throw new Error('the scenario posts pictures and files without text');
          const before = fake.sends.length;
          const inPrivate = message.file !== undefined || /^\/导入/u.test(message.text);
          let frame;
          if (message.file) {
            const downloadCode = `dc-${randomUUID()}`;
            fake.files.set(downloadCode, { bytes: message.file.bytes, contentType: scenarioFileType(message.file.name) });
            frame = fileMessage(people[who], downloadCode, message.file.name);
          } else if (inPrivate) {
            frame = privateTextMessage(people[who], message.text);
          } else if (message.photo) {
            const downloadCode = `dc-${randomUUID()}`;
            fake.files.set(downloadCode, { bytes: message.photo, contentType: 'image/png' });
            frame = richTextMessage(CHAT, people[who], [{ downloadCode }]);
          } else {
            const mentioned: Person[] = [];
            const text = splitMentions(message.text)
              .map((piece) => {
                if ('text' in piece) return piece.text;
                mentioned.push(people[piece.mention]);
                return `@${people[piece.mention].nick} `;
              })
              .join('');
            frame = textMessage(CHAT, people[who], text, mentioned);
          }
          expect((await fake.pushCallback(TOPIC_ROBOT, frame)).code).toBe(200);
          const sent = () => fake.sends.slice(before).filter((s) => s.status === 200);
          const answers = () =>
            sent().filter((s) =>
              inPrivate ? s.kind === 'user' && s.target === people[who].staffId : s.target === CHAT && (s.kind === 'group' || s.kind === 'card'),
            );
          const texts = () => answers().filter((s) => s.msgKey !== 'sampleFile');
          const files = () => answers().filter((s) => s.msgKey === 'sampleFile');
          await fake.waitFor(() => texts().length >= expected.replies && files().length >= expected.files, 30_000);
          await waitForQuietQueues(service);
          expect(
            texts().every((s) => s.msgKey !== 'sampleImageMsg'),
            'the bot answered with text only',
          ).toBe(true);
          return {
            replies: await Promise.all(texts().map(textOf)),
            files: files().map((send) => {
              const upload = fake.uploads.find((u) => u.mediaId === send.param.mediaId);
              if (!upload) throw new Error(`a sampleFile naming no uploaded file: ${send.param.mediaId}`);
              return { name: send.param.fileName!, bytes: upload.bytes };
            }),
          };
        },
      },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
