import { FakeLarkServer, FAKE_BOT_OPEN_ID } from './fakeLarkServer.ts';
import { feishuRequest, messageEvent, TEST_LARK } from './larkEvents.ts';
import { startTestService, type TestService, type TestServiceOptions } from './startTestService.ts';
import { larkCardText } from '../scenario/larkCardText.ts';

export interface LarkConversation {
  service: TestService;
  fake: FakeLarkServer;
  /** Sends a message as `openId` (in a group, or privately to the bot) and returns the text of the bot's reply card. */
  say(openId: string, text: string, where?: { chatId?: string; p2p?: boolean }): Promise<string>;
  stop(): Promise<void>;
}

export const LARK_TEST_GROUP = 'oc_security_branch_group';

/** The real service with Feishu on (signed webhooks, fake Open API) and the fictional town as real organisations. */
export async function startLarkConversation(options: TestServiceOptions = {}): Promise<LarkConversation> {
  const fake = await new FakeLarkServer().start();
  const service = await startTestService({
    town: 'real',
    ...options,
    env: {
      LARK_APP_ID: TEST_LARK.appId,
      LARK_APP_SECRET: TEST_LARK.appSecret,
      LARK_ENCRYPT_KEY: TEST_LARK.encryptKey,
      LARK_VERIFICATION_TOKEN: TEST_LARK.verificationToken,
      LARK_DOMAIN: fake.url,
      ...options.env,
    },
  });
  const say: LarkConversation['say'] = async (openId, text, where = {}) => {
    const p2p = where.p2p ?? false;
    const event = messageEvent({
      chatId: where.chatId ?? (p2p ? `oc_p2p_${openId.slice(3)}` : LARK_TEST_GROUP),
      senderOpenId: openId,
      messageType: 'text',
      chatType: p2p ? 'p2p' : 'group',
      content: { text: p2p ? text : `@_user_1 ${text}` },
      mentions: p2p ? [] : [{ key: '@_user_1', openId: FAKE_BOT_OPEN_ID, name: '支部助手' }],
    });
    const response = await fetch(`${service.url}/webhooks/lark`, { method: 'POST', ...feishuRequest(event) });
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    const messageId = event.event.message.message_id;
    const sends = await fake.waitFor((s) => s.some((x) => x.kind === 'reply' && x.target === messageId), 60_000);
    return larkCardText(sends.find((x) => x.kind === 'reply' && x.target === messageId)!.content);
  };
  return {
    service,
    fake,
    say,
    async stop() {
      await service.stop();
      await fake.stop();
    },
  };
}
