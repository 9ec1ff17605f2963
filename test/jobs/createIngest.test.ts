import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLarkConversation, LARK_TEST_GROUP, type LarkConversation } from '../support/larkConversation.ts';
import { feishuRequest, messageEvent } from '../support/larkEvents.ts';
import { countStatements } from '../support/countStatements.ts';

/**
 * Issue 13: in a work group most messages are people talking to each other. They stop at the edge: acknowledged
 * to Feishu, never queued, no database row and no statement. What concerns the bot still goes through, and the
 * number of statements a command costs is counted here so it cannot drift back.
 */
const SECRETARY = 'ou_ingest_secretary';

describe('chatter stops at the edge', () => {
  let chat: LarkConversation;
  const inboundJobs = async () =>
    Object.values(await chat.service.queues.inbound.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized')).reduce(
      (a, b) => a + b,
      0,
    );
  const post = (text: string) =>
    fetch(`${chat.service.url}/webhooks/lark`, {
      method: 'POST',
      ...feishuRequest(messageEvent({ chatId: LARK_TEST_GROUP, senderOpenId: SECRETARY, messageType: 'text', content: { text } })),
    });

  beforeAll(async () => {
    chat = await startLarkConversation();
    const db = chat.service.database.prisma;
    const secretary = await db.member.findFirstOrThrow({ where: { name: '李春生', organization: { demo: false } } });
    await db.chatIdentity.create({ data: { platform: 'LARK', platformUserId: SECRETARY, memberId: secretary.id } });
    await db.chatGroup.upsert({
      where: { platform_chatId: { platform: 'LARK', chatId: LARK_TEST_GROUP } },
      create: { platform: 'LARK', chatId: LARK_TEST_GROUP, organizationId: secretary.organizationId, purpose: 'BRANCH' },
      update: { organizationId: secretary.organizationId, purpose: 'BRANCH' },
    });
    await chat.say(SECRETARY, '/帮助'); // warm up: the first message of a process loads what later ones reuse
  }, 120_000);
  afterAll(async () => {
    await chat?.stop();
  });

  it('plain chatter costs 0 statements and no job, and the bot says nothing', async () => {
    const jobsBefore = await inboundJobs();
    const sendsBefore = chat.fake.sends.length;
    const statements = await countStatements(async () => {
      for (const text of ['大家好，今天下午三点开会', '收到', '好的，我把材料带上']) expect((await post(text)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
    });
    expect(statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 120))).toEqual([]);
    expect(await inboundJobs()).toBe(jobsBefore);
    expect(chat.fake.sends.length).toBe(sendsBefore);
  });

  it('what concerns the bot still goes through: a command name written bare, and a question to the bot', async () => {
    expect(await chat.say(SECRETARY, '/积分')).toContain('李春生');
    expect(await chat.say(SECRETARY, '我的积分是多少？')).toContain('/积分'); // say() @mentions the bot
  });

  // Counted over the whole path: the group with its organisation's ancestors, the sender with roles, the command
  // itself, the inbound row written and marked done, and the delivery row written and marked sent.
  // /积分 still rates the whole year to say which star is within reach (暂定): 11 of its statements are that.
  it.each([
    ['/帮助', '指令', 6],
    ['/我的', '李春生', 7],
    ['/积分', '李春生', 18],
  ])('%s costs a known number of statements', async (text, expected, count) => {
    const statements = await countStatements(async () => {
      expect(await chat.say(SECRETARY, text)).toContain(expected);
      await new Promise((r) => setTimeout(r, 300)); // the delivery row is marked sent after the fake has the reply
    });
    expect(statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 100))).toHaveLength(count);
  });
});
