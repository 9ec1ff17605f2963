import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { FakeOneBotApi } from '../../support/fakeOneBotApi.ts';
import { inviteCode } from '../../support/inviteCode.ts';
import { BOT_QQ, groupEvent, postOneBot } from '../../support/oneBotEvents.ts';
import { inboundJobId, outboundJobId } from '../../../jobs/queues.ts';
import type { OutboundMessage } from '../../../src/engine/chat/OutboundMessage.ts';
import type { ChatEvent } from '../../../src/engine/chat/ChatEvent.ts';

const SECRET = 'qq-test-secret';
const TOKEN = 'qq-access-token';
const GROUP = 700100;
const SECRETARY_QQ = 20001;

describe('QQ work group through OneBot v11 (real service, fake OneBot HTTP API)', () => {
  let service: TestService;
  let onebot: FakeOneBotApi;

  beforeAll(async () => {
    onebot = await new FakeOneBotApi().start();
    service = await startTestService({
      town: 'real',
      env: {
        ONEBOT_SECRET: SECRET,
        ONEBOT_API_URL: onebot.url,
        // The fake serves pictures on loopback: allowed here explicitly, refused by default.
        ONEBOT_MEDIA_HOSTS: new URL(onebot.url).host,
        ONEBOT_MEDIA_ALLOW_PRIVATE: '127.0.0.1',
        ONEBOT_ACCESS_TOKEN: TOKEN,
        ONEBOT_SEND_INTERVAL_MS: '20',
        ONEBOT_SEND_JITTER_MS: '0',
        PHOTO_MAX_BYTES: String(64 * 1024),
      },
    });
  });
  afterAll(async () => {
    await service?.stop();
    await onebot?.stop();
  });

  async function repliesAfter(count: number) {
    await vi.waitFor(() => expect(onebot.sendsTo(GROUP).length).toBeGreaterThanOrEqual(count), { timeout: 30_000, interval: 50 });
    return onebot.sendsTo(GROUP);
  }

  it('binds a member with a one-time code: the reply comes back through send_group_msg with the token, quoting the message', async () => {
    const member = await service.database.prisma.member.findFirstOrThrow({ where: { name: '李春生' } });
    const event = groupEvent({
      groupId: GROUP,
      userId: SECRETARY_QQ,
      message: [
        { type: 'at', data: { qq: String(BOT_QQ) } },
        { type: 'text', data: { text: ` /绑定 李春生 ${await inviteCode(service.database.prisma, '李春生')}` } },
      ],
    });
    const response = await postOneBot(service.url, event, SECRET);
    expect(response.status).toBe(204);
    const [reply] = await repliesAfter(1);
    expect(reply!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(reply!.text).toContain('绑定成功');
    expect(reply!.text).toContain('李春生');
    expect(reply!.text).not.toContain(member.phone!);
    expect(reply!.message[0]).toEqual({ type: 'reply', data: { id: String(event.message_id) } });
    const identity = await service.database.prisma.chatIdentity.findUniqueOrThrow({
      where: { platform_platformUserId: { platform: 'QQ', platformUserId: String(SECRETARY_QQ) } },
    });
    expect(identity.memberId).toBe(member.id);
  });

  it('understands the CQ-code string format', async () => {
    const before = onebot.sendsTo(GROUP).length;
    const response = await postOneBot(service.url, groupEvent({ groupId: GROUP, userId: SECRETARY_QQ, message: `[CQ:at,qq=${BOT_QQ}] /我的` }), SECRET);
    expect(response.status).toBe(204);
    const replies = await repliesAfter(before + 1);
    expect(replies[before]!.text).toContain('我的信息 · 李春生');
  });

  it('acts once on a duplicate delivery', async () => {
    const before = onebot.sendsTo(GROUP).length;
    const titles = () =>
      onebot
        .sendsTo(GROUP)
        .slice(before)
        .map((r) => r.text.split('\n')[0]);
    const event = groupEvent({ groupId: GROUP, userId: SECRETARY_QQ, message: [{ type: 'text', data: { text: '/帮助' } }] });
    expect((await postOneBot(service.url, event, SECRET)).status).toBe(204);
    await vi.waitFor(() => expect(titles()).toContain('【支部助手 · 指令帮助】'), { timeout: 30_000, interval: 50 });
    expect((await postOneBot(service.url, event, SECRET)).status).toBe(204);
    // A later message's reply shows the queue has moved past the duplicate. (/帮助 is long: QQ gets it in pieces.)
    expect((await postOneBot(service.url, groupEvent({ groupId: GROUP, userId: SECRETARY_QQ, message: '/我的' }), SECRET)).status).toBe(204);
    await vi.waitFor(() => expect(titles()).toContain('【我的信息 · 李春生】'), { timeout: 30_000, interval: 50 });
    expect(titles().filter((t) => t === '【支部助手 · 指令帮助】')).toHaveLength(1);
    expect(titles().at(-1)).toBe('【我的信息 · 李春生】');
    const seen = await service.database.prisma.inboundEvent.count({ where: { platform: 'QQ', eventId: `${BOT_QQ}-${event.message_id}` } });
    expect(seen).toBe(1);
  });

  it('refuses a bad signature (401) and bad JSON (400) without acting', async () => {
    const before = await service.database.prisma.inboundEvent.count({ where: { platform: 'QQ' } });
    const event = groupEvent({ groupId: GROUP, userId: SECRETARY_QQ, message: '/帮助' });
    expect((await postOneBot(service.url, event, 'wrong-secret')).status).toBe(401);
    expect((await postOneBot(service.url, event)).status).toBe(401);
    expect((await postOneBot(service.url, '{"post_type":', SECRET)).status).toBe(400);
    expect(await service.queues.inbound.getJob(inboundJobId({ platform: 'QQ', eventId: `${BOT_QQ}-${event.message_id}` }))).toBeUndefined();
    expect(await service.database.prisma.inboundEvent.count({ where: { platform: 'QQ' } })).toBe(before);
  });

  it('fetches a posted picture from its segment URL, and refuses one over the size limit', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('a small picture of a meeting')]);
    onebot.images.set('meeting.png', png);
    onebot.images.set('huge.png', Buffer.alloc(65 * 1024, 1));
    const event = groupEvent({
      groupId: GROUP,
      userId: SECRETARY_QQ,
      message: [{ type: 'image', data: { file: 'meeting.png', url: `${onebot.url}/images/meeting.png` } }],
    });
    expect((await postOneBot(service.url, event, SECRET)).status).toBe(204);
    const job = await service.queues.inbound.getJob(inboundJobId({ platform: 'QQ', eventId: `${BOT_QQ}-${event.message_id}` }));
    const queued = job!.data as ChatEvent;
    expect(queued.images).toEqual([{ kind: 'url', url: `${onebot.url}/images/meeting.png`, fileName: 'meeting.png' }]);
    const adapter = service.adapters.get('QQ')!;
    const fetched = await adapter.fetchImage(queued.images[0]!);
    expect(Buffer.compare(fetched.bytes, png)).toBe(0);
    expect(fetched.mimeType).toBe('image/png');
    await expect(adapter.fetchImage({ kind: 'url', url: `${onebot.url}/images/huge.png` })).rejects.toThrow(/图片超过/);
  });

  it('sends a board with a rendered picture as an image segment', async () => {
    const before = onebot.sendsTo(GROUP).length;
    const message: OutboundMessage = {
      deliveryId: 'test:qq:board',
      platform: 'QQ',
      chatId: String(GROUP),
      view: {
        kind: 'star_board',
        title: '星级党员榜',
        tone: 'info',
        table: { columns: ['姓名', '星级'], rows: ['甲', '乙', '丙', '丁', '戊'].map((n) => [`${n}同志`, '二星党员']) },
      },
    };
    await service.queues.outbound.add('star_board', message, { jobId: outboundJobId(message.deliveryId) });
    const [send] = (await repliesAfter(before + 1)).slice(before);
    expect(send!.text).toContain('甲同志 · 二星党员');
    const image = send!.message.find((s) => s.type === 'image');
    expect(image!.data.file).toMatch(/^base64:\/\//);
    const png = Buffer.from(image!.data.file!.slice('base64://'.length), 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(720);
  });

  it('retries a send the OneBot side failed for a passing reason', async () => {
    onebot.failures.push({ body: { status: 'failed', retcode: 100, data: null, wording: '发送失败' } });
    const before = onebot.sendsTo(GROUP).length;
    expect((await postOneBot(service.url, groupEvent({ groupId: GROUP, userId: SECRETARY_QQ, message: '/我的' }), SECRET)).status).toBe(204);
    const replies = await repliesAfter(before + 1);
    expect(replies[before]!.text).toContain('我的信息 · 李春生');
    expect(onebot.failures).toHaveLength(0);
  });
});
