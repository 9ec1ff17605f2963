import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLarkConversation, LARK_TEST_GROUP, type LarkConversation } from '../support/larkConversation.ts';
import { feishuRequest, messageEvent } from '../support/larkEvents.ts';
import { countStatements } from '../support/countStatements.ts';
import { makePng } from '../support/makeImages.ts';

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
    // The warm-up's delivery row is marked sent after the fake has the reply; on a busy machine that can be late.
    await vi.waitFor(async () => expect(await db.outboundDelivery.count({ where: { status: { not: 'SENT' } } })).toBe(0), { timeout: 20_000, interval: 50 });
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
  // /积分 reads three: the member with their 学时, their points by rule, and their rating for the star within
  // reach (暂定), the same rateMembers every board uses (src/areas/points/yearRating.ts).
  it.each([
    ['/帮助', '指令', 6],
    ['/我的', '李春生', 7],
    ['/积分', '李春生', 9],
  ])('%s costs a known number of statements', async (text, expected, count) => {
    const statements = await countStatements(async () => {
      expect(await chat.say(SECRETARY, text)).toContain(expected);
      await new Promise((r) => setTimeout(r, 300)); // the delivery row is marked sent after the fake has the reply
    });
    expect(statements.map((s) => s.replace(/\s+/g, ' ').slice(0, 100))).toHaveLength(count);
  });

  it('pictures in a group bound to nothing stop at the edge after the first, until the group is bound', async () => {
    const unbound = 'oc_ingest_unbound_group';
    const db = chat.service.database.prisma;
    const admin = await db.member.findFirstOrThrow({ where: { name: '郑晓明', organization: { demo: false } } });
    await db.chatIdentity.create({ data: { platform: 'LARK', platformUserId: 'ou_ingest_admin', memberId: admin.id } });
    let n = 0;
    const postPicture = async () => {
      const imageKey = `img_ingest_${++n}`;
      chat.fake.images.set(imageKey, makePng({ width: 6, height: 4, seed: 300 + n }));
      const event = messageEvent({ chatId: unbound, senderOpenId: SECRETARY, messageType: 'image', content: { image_key: imageKey } });
      expect((await fetch(`${chat.service.url}/webhooks/lark`, { method: 'POST', ...feishuRequest(event) })).status).toBe(200);
      return event.event.message.message_id;
    };
    const settled = async () => {
      await new Promise((r) => setTimeout(r, 300));
      await expect
        .poll(() => chat.service.queues.inbound.getJobCounts('waiting', 'active', 'delayed'), { timeout: 20_000 })
        .toEqual({ waiting: 0, active: 0, delayed: 0 });
    };

    // The first is heard, and tells the workers that pictures here concern nobody; nothing is answered.
    const jobsBefore = await inboundJobs();
    await postPicture();
    await settled();
    expect(await inboundJobs()).toBe(jobsBefore + 1);
    // The next ones cost no job and no statement.
    const sendsBefore = chat.fake.sends.length;
    const statements = await countStatements(async () => {
      await postPicture();
      await postPicture();
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(statements).toEqual([]);
    expect(await inboundJobs()).toBe(jobsBefore + 1);
    expect(chat.fake.sends.length).toBe(sendsBefore);
    expect(await db.tracePhoto.count({ where: { group: { chatId: unbound } } })).toBe(0);

    // Once the 组织办 binds the group, the secretary's next picture is 痕迹 again.
    expect(await chat.say('ou_ingest_admin', '/绑定群 东湾村党支部', { chatId: unbound })).toContain('群已绑定');
    const photoMessage = await postPicture();
    await chat.fake.waitFor((sends) => sends.some((x) => x.kind === 'reply' && x.target === photoMessage), 30_000);
    expect(await db.tracePhoto.count({ where: { group: { chatId: unbound } } })).toBe(1);
  });
});
