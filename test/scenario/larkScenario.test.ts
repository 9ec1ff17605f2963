import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { FakeLarkServer, FAKE_BOT_OPEN_ID } from '../support/fakeLarkServer.ts';
import { feishuRequest, messageEvent, TEST_LARK, type MentionSpec } from '../support/larkEvents.ts';
import { larkCardText } from './larkCardText.ts';
import {
  runSharedScenario,
  scenarioClock,
  scenarioFileType,
  scenarioPublicBaseUrl,
  splitMentions,
  type ScenarioActor,
  type ScenarioFile,
} from './sharedScenario.ts';
import { waitForQuietQueues } from './waitForQuietQueues.ts';

const CHAT = 'oc_scenario_dongwan_0001';
const openIds: Record<ScenarioActor, string> = {
  admin: 'ou_scenario_admin_zhengxiaoming',
  secretary: 'ou_scenario_secretary_lichunsheng',
  liaison: 'ou_scenario_liaison_wangxiaoyan',
};
/**
 * Feishu display names, unlike the names in the member records: a mention can only reach the right member
 * through its open_id and the account's binding, not by its name.
 */
const nicknames: Record<ScenarioActor, string> = { admin: '晓明', secretary: '春生书记', liaison: '小燕子' };

/**
 * Feishu: the real @larksuiteoapi/node-sdk against the local fake Open API. Each message is an
 * `im.message.receive_v1` event, signed and encrypted as Feishu sends it, posted to /webhooks/lark. A command
 * @-mentions the bot (`@_user_1`, as a Feishu group requires), a mentioned person is `@_user_N` with their
 * open_id and Feishu display name, a picture is an `image` message whose bytes the worker downloads from the fake. The bot replies to
 * the message with an interactive card (`im.message.reply`); the card is read back as text (larkCardText.ts).
 * A file is a `file` message of its own (Feishu carries no text with it), downloaded with im.messageResource.get
 * type=file; a file the bot sends is uploaded with im.file.create and posted as a `file` message to the chat
 * (not a reply), and its bytes are the upload's.
 */
describe('shared scenario on Feishu (real SDK, fake Open API)', () => {
  let fake: FakeLarkServer;
  let service: TestService;
  beforeAll(async () => {
    fake = await new FakeLarkServer().start();
    service = await startTestService({
      // Real platforms cannot touch the demo: the same town, as ordinary organisations.
      town: 'real',
      clock: scenarioClock(),
      env: {
        LARK_APP_ID: TEST_LARK.appId,
        LARK_APP_SECRET: TEST_LARK.appSecret,
        LARK_ENCRYPT_KEY: TEST_LARK.encryptKey,
        LARK_VERIFICATION_TOKEN: TEST_LARK.verificationToken,
        LARK_DOMAIN: fake.url,
        PUBLIC_BASE_URL: scenarioPublicBaseUrl,
      },
    });
  });
  afterAll(async () => {
    await service?.stop();
    await fake?.stop();
  });

  function textEvent(who: ScenarioActor, text: string) {
    const mentions: MentionSpec[] = [{ key: '@_user_1', openId: FAKE_BOT_OPEN_ID, name: '支部助手' }];
    const written = splitMentions(text)
      .map((piece) => {
        if ('text' in piece) return piece.text;
        const key = `@_user_${mentions.length + 1}`;
        mentions.push({ key, openId: openIds[piece.mention], name: nicknames[piece.mention] });
        // Feishu keeps the placeholder in the text, followed by the space the user typed.
        return `${key} `;
      })
      .join('');
    return messageEvent({ chatId: CHAT, senderOpenId: openIds[who], messageType: 'text', content: { text: `@_user_1 ${written}` }, mentions });
  }

  function photoEvent(who: ScenarioActor, photo: Buffer) {
    const imageKey = `img_v3_scenario_${randomUUID().slice(0, 8)}`;
    fake.images.set(imageKey, photo);
    return messageEvent({ chatId: CHAT, senderOpenId: openIds[who], messageType: 'image', content: { image_key: imageKey } });
  }

  function fileEvent(who: ScenarioActor, file: ScenarioFile) {
    const fileKey = `file_v3_scenario_${randomUUID().slice(0, 8)}`;
    fake.files.set(fileKey, { bytes: file.bytes, contentType: scenarioFileType(file.name) });
    return messageEvent({ chatId: CHAT, senderOpenId: openIds[who], messageType: 'file', content: { file_key: fileKey, file_name: file.name } });
  }

  it('gives the same answers as every other platform', async () => {
    const transcript = await runSharedScenario(
      {
        platform: 'lark',
        serviceUrl: service.url,
        async say(who, message, expected) {
          if ((message.photo || message.file) && message.text) throw new Error('a Feishu image or file message carries no text');
          const event = message.photo ? photoEvent(who, message.photo) : message.file ? fileEvent(who, message.file) : textEvent(who, message.text);
          const messageId = event.event.message.message_id;
          const before = fake.sends.length;
          const response = await fetch(`${service.url}/webhooks/lark`, { method: 'POST', ...feishuRequest(event) });
          expect(response.status).toBe(200);
          // A send retried with the same uuid is the same Feishu message: one per uuid.
          const unique = <T extends { uuid?: string | undefined }>(sends: T[]) => [...new Map(sends.map((s) => [s.uuid, s])).values()];
          const answers = () => unique(fake.sends.filter((s) => s.kind === 'reply' && s.target === messageId && s.status === 200));
          const fileMessages = () =>
            unique(fake.sends.slice(before).filter((s) => s.kind === 'create' && s.target === CHAT && s.msgType === 'file' && s.status === 200));
          await fake.waitFor(() => answers().length >= expected.replies && fileMessages().length >= expected.files, 30_000);
          await waitForQuietQueues(service);
          return {
            replies: answers().map((send) => {
              expect(send.msgType).toBe('interactive');
              return larkCardText(send.content);
            }),
            files: fileMessages().map((send) => {
              const { file_key: fileKey } = JSON.parse(send.content) as { file_key: string };
              const upload = fake.fileUploads.find((u) => u.fileKey === fileKey);
              if (!upload?.fileName) throw new Error(`a file message whose file was not uploaded: ${fileKey}`);
              return { name: upload.fileName, bytes: upload.bytes };
            }),
          };
        },
      },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
