import { FileBox } from 'file-box';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { WechatyMockRoom } from '../support/wechatyMockRoom.ts';
import { joinSplitPieces, runSharedScenario, scenarioClock, scenarioPhotoName, splitMentions, type ScenarioActor } from './sharedScenario.ts';
import { waitForQuietQueues } from './waitForQuietQueues.ts';

/**
 * WeChat through wechaty-puppet-mock: a command @-mentions the bot (`@支部助手` + U+2005, with the bot in the
 * mentionList, as the WeChat client sends it); a mentioned person is `@昵称` + U+2005 with their contact in the
 * mentionList; a picture is its own message (WeChat pictures carry no caption). The bot's messages in the room are
 * its replies; a long one that the adapter cut into several messages is joined back (joinSplitPieces).
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
      env: { WECHATY_PUPPET: 'wechaty-puppet-mock', WECHATY_SEND_INTERVAL_MS: '10', WECHATY_SEND_JITTER_MS: '0' },
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
        async say(who, message, replies) {
          const before = wechat.botLines.length;
          const speaker = wechat.person(nicknames[who]);
          if (message.photo) {
            if (message.text) throw new Error('a WeChat picture carries no caption');
            speaker.say(FileBox.fromBase64(message.photo.toString('base64'), scenarioPhotoName)).to(wechat.room);
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
          await wechat.botSaysAfter(before, replies);
          await waitForQuietQueues(service);
          const lines = wechat.botLines.slice(before);
          expect(
            lines.every((line) => line.text !== undefined),
            'the bot answered with text only',
          ).toBe(true);
          return joinSplitPieces(
            lines.map((line) => line.text!),
            replies,
          );
        },
      },
      service.database.prisma,
    );
    await expect(transcript).toMatchFileSnapshot('./sharedScenario.transcript.txt');
  });
});
