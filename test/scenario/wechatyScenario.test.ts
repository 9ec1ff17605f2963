import { FileBox } from 'file-box';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { WechatyMockRoom } from '../support/wechatyMockRoom.ts';
import {
  joinSplitPieces,
  runSharedScenario,
  scenarioClock,
  scenarioPhotoName,
  scenarioPublicBaseUrl,
  splitMentions,
  type ScenarioActor,
} from './sharedScenario.ts';
import { waitForQuietQueues } from './waitForQuietQueues.ts';

/**
 * WeChat through wechaty-puppet-mock: a command @-mentions the bot (`@支部助手` + U+2005, with the bot in the
 * mentionList, as the WeChat client sends it); a mentioned person is `@昵称` + U+2005 with their contact in the
 * mentionList; a picture is its own message (WeChat pictures carry no caption), and so is a file (an attachment
 * message, as real puppets report an .xlsx, .csv or PDF). The bot's text messages in the room are its replies; a long
 * one that the adapter cut into several messages is joined back (joinSplitPieces). A file the bot puts into the room
 * (room.say(FileBox), after the text) is one of its files, with the FileBox's name and bytes.
 */
/**
 * WeChat nicknames, unlike the names in the member records: a mention can only reach the right member through
 * the contact in the mentionList and the account's binding, not by its name.
 */
const nicknames: Record<ScenarioActor, string> = { admin: '晓明', secretary: '春生书记', liaison: '小燕子' };

describe('shared scenario on WeChat (wechaty-puppet-mock)', () => {
  let service: TestService;
  let wechat: WechatyMockRoom;
  beforeAll(async () => {
    service = await startTestService({
      // Real platforms cannot touch the demo: the same town, as ordinary organisations.
      town: 'real',
      clock: scenarioClock(),
      env: { WECHATY_PUPPET: 'wechaty-puppet-mock', WECHATY_SEND_INTERVAL_MS: '10', WECHATY_SEND_JITTER_MS: '0', PUBLIC_BASE_URL: scenarioPublicBaseUrl },
    });
    wechat = new WechatyMockRoom(service, Object.values(nicknames), '东湾村党支部工作群（微信）');
    wechat.login();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('gives the same answers as every other platform', async () => {
    const transcript = await runSharedScenario(
      {
        platform: 'wechaty',
        serviceUrl: service.url,
        async say(who, message, expected) {
          const before = wechat.botLines.length;
          const speaker = wechat.person(nicknames[who]);
          if (message.photo) {
            if (message.text) throw new Error('a WeChat picture carries no caption');
            speaker.say(FileBox.fromBase64(message.photo.toString('base64'), scenarioPhotoName)).to(wechat.room);
          } else if (message.file) {
            if (message.text) throw new Error('a WeChat attachment carries no text');
            wechat.sendAttachment(nicknames[who], FileBox.fromBase64(message.file.bytes.toString('base64'), message.file.name));
          } else {
            const mentioned = [wechat.botContact];
            const text = splitMentions(message.text)
              .map((piece) => {
                if ('text' in piece) return piece.text;
                mentioned.push(wechat.person(nicknames[piece.mention]));
                return `@${nicknames[piece.mention]}\u2005`;
              })
              .join('');
            speaker.say(`@支部助手\u2005${text}`, mentioned).to(wechat.room);
          }
          await wechat.botSaysAfter(before, expected.replies + expected.files);
          await waitForQuietQueues(service);
          const lines = wechat.botLines.slice(before);
          const files = lines.flatMap((line) => (line.file ? [line.file] : []));
          // The mock room reads a FileBox's bytes a moment after the message appears.
          await vi.waitFor(() => expect(files.every((file) => file.base64 !== '')).toBe(true), { timeout: 10_000, interval: 20 });
          return {
            replies: joinSplitPieces(
              lines.flatMap((line) => (line.text !== undefined ? [line.text] : [])),
              expected.replies,
            ),
            files: files.map((file) => ({ name: file.name, bytes: Buffer.from(file.base64, 'base64') })),
          };
        },
      },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
