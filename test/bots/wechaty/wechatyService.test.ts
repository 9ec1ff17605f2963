import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FileBox } from 'file-box';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { WechatyMockRoom } from '../../support/wechatyMockRoom.ts';
import { inviteCode } from '../../support/inviteCode.ts';
import { inboundJobId, outboundJobId } from '../../../jobs/queues.ts';
import type { ChatEvent } from '../../../src/engine/chat/ChatEvent.ts';
import type { OutboundMessage } from '../../../src/engine/chat/OutboundMessage.ts';
import type { WechatyAdapter } from '../../../bots/wechaty/WechatyAdapter.ts';

const TOPIC = '东湾村党支部微信群';

describe('WeChat group through a real wechaty on wechaty-puppet-mock', () => {
  let service: TestService;
  let wechat: WechatyMockRoom;
  let adapter: WechatyAdapter;

  beforeAll(async () => {
    service = await startTestService({
      town: 'real',
      env: { WECHATY_PUPPET: 'wechaty-puppet-mock', WECHATY_SEND_INTERVAL_MS: '20', WECHATY_SEND_JITTER_MS: '0' },
    });
    adapter = service.adapters.get('WECHAT') as WechatyAdapter;
    wechat = new WechatyMockRoom(service, ['郑晓明', '李春生', '王小燕'], TOPIC);
  });
  afterAll(async () => {
    await service?.stop();
  });

  const code = (name: string) => inviteCode(service.database.prisma, name);

  it('shows the login QR code on the operator page until the account logs in', async () => {
    wechat.mocker.scan('https://login.weixin.qq.com/l/zhibu-test');
    await vi.waitFor(async () => expect(await (await fetch(`${service.url}/wechat/login`)).text()).toContain('data-status="scan"'), {
      timeout: 10_000,
      interval: 50,
    });
    const page = await (await fetch(`${service.url}/wechat/login`)).text();
    expect(page).toContain('<svg');
    expect(page).toContain('请用作为机器人的微信号扫描');
    wechat.login();
    await vi.waitFor(
      async () => expect(await (await fetch(`${service.url}/wechat/login/status`)).json()).toMatchObject({ status: 'logged_in', userName: '支部助手' }),
      {
        timeout: 10_000,
        interval: 50,
      },
    );
    expect(adapter.bot!.isLoggedIn).toBe(true);
  });

  it('binds the room to an organisation and answers commands in the room', async () => {
    let before = wechat.botLines.length;
    wechat.say('郑晓明', `/绑定 郑晓明 ${await code('郑晓明')}`);
    expect((await wechat.botSaysAfter(before, 1))[0]!.text).toContain('绑定成功');

    before = wechat.botLines.length;
    wechat.say('郑晓明', '/绑定群 东湾村党支部', true);
    expect((await wechat.botSaysAfter(before, 1))[0]!.text).toContain('群已绑定');
    const group = await service.database.prisma.chatGroup.findUniqueOrThrow({
      where: { platform_chatId: { platform: 'WECHAT', chatId: wechat.room.id } },
      include: { organization: true },
    });
    expect(group.name).toBe(TOPIC);
    expect(group.organization?.name).toBe('东湾村党支部');

    before = wechat.botLines.length;
    wechat.say('李春生', `/绑定 李春生 ${await code('李春生')}`);
    await wechat.botSaysAfter(before, 1);
    before = wechat.botLines.length;
    wechat.say('李春生', '/我的', true);
    const [me] = await wechat.botSaysAfter(before, 1);
    expect(me!.text).toContain('我的信息 · 李春生');
    expect(me!.text).toContain('东湾村党支部 书记');
  });

  it('takes the @bot mention out of the text and keeps other mentions', async () => {
    const before = wechat.botLines.length;
    const liaison = wechat.person('王小燕');
    wechat.person('李春生').say(`@支部助手\u2005/帮助 @王小燕`, [wechat.botContact, liaison]).to(wechat.room);
    await wechat.botSaysAfter(before, 1);
    const event = (await service.database.prisma.inboundEvent.findFirstOrThrow({ where: { platform: 'WECHAT' }, orderBy: { id: 'desc' } })).eventId;
    const job = await service.queues.inbound.getJob(inboundJobId({ platform: 'WECHAT', eventId: event }));
    expect(job!.data).toMatchObject({
      chatId: wechat.room.id,
      chatName: TOPIC,
      text: '/帮助 @王小燕',
      mentionsBot: true,
      mentions: [{ platformUserId: liaison.id, name: '王小燕' }],
      sender: { platformUserId: wechat.person('李春生').id, displayName: '李春生' },
    });
  });

  it('queues a posted picture and fetches the same bytes through the puppet', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('photo of the theme party day')]);
    wechat
      .person('王小燕')
      .say(FileBox.fromBase64(png.toString('base64'), 'meeting.png'))
      .to(wechat.room);
    let event: ChatEvent | undefined;
    await vi.waitFor(
      async () => {
        const jobs = await service.queues.inbound.getJobs(['completed', 'active', 'waiting']);
        event = jobs.map((j) => j.data).find((e) => e.images.length > 0);
        expect(event).toBeDefined();
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(event!.images).toEqual([{ kind: 'wechaty', messageId: event!.messageId }]);
    expect(event!.sender.displayName).toBe('王小燕');
    const fetched = await adapter.fetchImage(event!.images[0]!);
    expect(Buffer.compare(fetched.bytes, png)).toBe(0);
    expect(fetched.fileName).toBe('meeting.png');
  });

  it('sends a picture along with the text when the message carries one', async () => {
    const before = wechat.botLines.length;
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('star board')]);
    const message: OutboundMessage = {
      deliveryId: 'test:board:1',
      platform: 'WECHAT',
      chatId: wechat.room.id,
      view: { kind: 'star_board', title: '星级党员榜', tone: 'info', lines: ['三星党员 2 名'] },
      imageBase64: png.toString('base64'),
    };
    await service.queues.outbound.add('star_board', message, { jobId: outboundJobId(message.deliveryId) });
    const [text, picture] = await wechat.botSaysAfter(before, 2);
    expect(text!.text).toContain('【星级党员榜】');
    await vi.waitFor(() => expect(picture!.file?.base64).toBe(png.toString('base64')), { timeout: 5000, interval: 20 });
    expect(picture!.file!.name).toBe('star_board.png');
  });

  it('keeps messages queued while logged out and sends them after the next login', async () => {
    await adapter.bot!.logout();
    await vi.waitFor(async () => expect(await (await fetch(`${service.url}/wechat/login/status`)).json()).toMatchObject({ status: 'logged_out' }), {
      timeout: 10_000,
      interval: 50,
    });
    const before = wechat.botLines.length;
    const message: OutboundMessage = {
      deliveryId: 'test:push:logout',
      platform: 'WECHAT',
      chatId: wechat.room.id,
      view: { kind: 'reminder', title: '主题党日提醒', tone: 'warning', lines: ['本月主题党日还没有记录。'] },
    };
    await service.queues.outbound.add('reminder', message, { jobId: outboundJobId(message.deliveryId) });
    const job = () => service.queues.outbound.getJob(outboundJobId(message.deliveryId));
    await vi.waitFor(async () => expect(await (await job())!.getState()).toBe('delayed'), { timeout: 10_000, interval: 50 });
    expect(wechat.botLines.length).toBe(before);
    expect((await job())!.attemptsMade).toBe(0);

    wechat.login();
    const [line] = await wechat.botSaysAfter(before, 1);
    expect(line!.text).toContain('【主题党日提醒】');
    await vi.waitFor(async () => expect(await (await job())!.getState()).toBe('completed'), { timeout: 10_000, interval: 50 });
    const delivery = await service.database.prisma.outboundDelivery.findUniqueOrThrow({ where: { id: message.deliveryId } });
    expect(delivery.status).toBe('SENT');
  });
});
