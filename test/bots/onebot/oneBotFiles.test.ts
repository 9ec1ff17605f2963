import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { FakeOneBotApi, type OneBotSend } from '../../support/fakeOneBotApi.ts';
import { BOT_QQ, fileSegment, groupEvent, groupUploadNotice, postOneBot } from '../../support/oneBotEvents.ts';
import { rosterWorkbook } from '../../areas/roster/rosterWorkbook.ts';
import type { OutboundMessage } from '../../../src/engine/chat/OutboundMessage.ts';

const SECRET = 'qq-files-secret';
const GROUP = 700400;
const ADMIN_QQ = 40001;
const SECRETARY_QQ = 40002;
const MAX_BYTES = 64 * 1024;
const PUBLIC = 'https://zhibu.example.org';

/**
 * QQ group files through a fake OneBot implementation: the roster sent after /导入 名册 (as a group_upload notice,
 * as NapCat's `file` segment, or both for one upload), fetched with get_group_file_url or get_file; and /导出
 * putting the workbook into the group's files with upload_group_file.
 */
describe('QQ group files in and out (real service, fake OneBot HTTP API)', () => {
  let service: TestService;
  let onebot: FakeOneBotApi;
  let fileNo = 0;
  const db = () => service.database.prisma;

  beforeAll(async () => {
    onebot = await new FakeOneBotApi().start();
    service = await startTestService({
      town: 'real',
      env: {
        ONEBOT_SECRET: SECRET,
        ONEBOT_API_URL: onebot.url,
        // Group-file addresses from the fake are on loopback: allowed here explicitly, refused by default.
        ONEBOT_MEDIA_ALLOW_PRIVATE: '127.0.0.1',
        ONEBOT_SEND_INTERVAL_MS: '10',
        ONEBOT_SEND_JITTER_MS: '0',
        PHOTO_MAX_BYTES: String(MAX_BYTES),
        PUBLIC_BASE_URL: PUBLIC,
      },
    });
    for (const [name, qq] of [
      ['郑晓明', ADMIN_QQ],
      ['李春生', SECRETARY_QQ],
    ] as const) {
      const member = await db().member.findFirstOrThrow({ where: { name } });
      await db().chatIdentity.create({ data: { platform: 'QQ', platformUserId: String(qq), displayName: name, memberId: member.id } });
    }
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await onebot?.stop();
  });

  async function repliesAfter(before: number, count = 1): Promise<OneBotSend[]> {
    await vi.waitFor(() => expect(onebot.sendsTo(GROUP).length).toBeGreaterThanOrEqual(before + count), { timeout: 60_000, interval: 50 });
    return onebot.sendsTo(GROUP).slice(before);
  }

  /** A command from a QQ member; resolves with the text of the bot's answer. */
  async function say(userId: number, text: string): Promise<string> {
    const before = onebot.sendsTo(GROUP).length;
    const event = groupEvent({
      groupId: GROUP,
      userId,
      message: [
        { type: 'at', data: { qq: String(BOT_QQ) } },
        { type: 'text', data: { text: ` ${text}` } },
      ],
    });
    expect((await postOneBot(service.url, event, SECRET)).status).toBe(204);
    return (await repliesAfter(before))[0]!.text;
  }

  /** Puts a file in the fake's group files and reports its upload the go-cqhttp way; resolves with the answer. */
  async function upload(userId: number, name: string, bytes: Buffer, size = bytes.length): Promise<{ reply: string; id: string }> {
    const id = `/${++fileNo}-5f0a71b2-9c44-11ee`;
    onebot.groupFiles.set(id, { name, bytes });
    const before = onebot.sendsTo(GROUP).length;
    expect((await postOneBot(service.url, groupUploadNotice({ groupId: GROUP, userId, id, name, size }), SECRET)).status).toBe(204);
    return { reply: (await repliesAfter(before))[0]!.text, id };
  }

  const fileCalls = (id: string) => onebot.calls.filter((c) => c.body.file_id === id).map((c) => c.action);

  it('imports an .xlsx uploaded to the group after /导入 名册; the bytes came through get_group_file_url', async () => {
    expect(await say(ADMIN_QQ, '/导入 名册')).toContain('请在 30 分钟内把名册文件（.xlsx 或 .csv）发到这里');
    const workbook = await rosterWorkbook([['东湾村党支部', '群文件甲', '13900009901', '党员', '否']]);
    const { reply, id } = await upload(ADMIN_QQ, '名册.xlsx', workbook);
    expect(reply).toContain('「名册.xlsx」');
    expect(reply).toContain('新增党员 1 名');
    expect(onebot.calls.find((c) => c.body.file_id === id)).toEqual({ action: 'get_group_file_url', body: { group_id: GROUP, file_id: id, busid: 102 } });
    expect(fileCalls(id)).toEqual(['get_group_file_url']);
    const member = await db().member.findFirstOrThrow({ where: { name: '群文件甲' }, include: { organization: true } });
    expect(member.phone).toBe('13900009901');
    expect(member.organization.name).toBe('东湾村党支部');
    expect(await db().pendingAction.count({ where: { platform: 'QQ', kind: 'roster.await_file' } })).toBe(0);
  });

  it('imports a GBK .csv that NapCat reports twice (file segment, then notice) once, through get_file where get_group_file_url is missing', async () => {
    onebot.unsupported.add('get_group_file_url');
    try {
      await say(ADMIN_QQ, '/导入 名册');
      const csv = iconv.encode('组织,姓名,手机,角色,班子成员\r\n东湾村党支部,群文件乙,13900009902,党员,否\r\n', 'gbk');
      // NapCat gives the segment the file's uuid and the notice an id of its own; both name the same file.
      onebot.groupFiles.set('nt-uuid-csv', { name: '名册.csv', bytes: csv });
      onebot.groupFiles.set('napcat-notice-csv', { name: '名册.csv', bytes: csv });
      const before = onebot.sendsTo(GROUP).length;
      const message = groupEvent({ groupId: GROUP, userId: ADMIN_QQ, message: [fileSegment({ id: 'nt-uuid-csv', name: '名册.csv', size: csv.length })] });
      expect((await postOneBot(service.url, message, SECRET)).status).toBe(204);
      const notice = groupUploadNotice({ groupId: GROUP, userId: ADMIN_QQ, id: 'napcat-notice-csv', name: '名册.csv', size: csv.length });
      expect((await postOneBot(service.url, notice, SECRET)).status).toBe(204);
      const [imported] = await repliesAfter(before);
      expect(imported!.text).toContain('新增党员 1 名');
      // The answer quotes the file message, which the notice alone could not.
      expect(imported!.message[0]).toEqual({ type: 'reply', data: { id: String(message.message_id) } });
      // A later command's answer shows the queue moved past the twin without a second answer.
      expect(await say(ADMIN_QQ, '/我的')).toContain('我的信息 · 郑晓明');
      expect(
        onebot
          .sendsTo(GROUP)
          .slice(before)
          .map((s) => s.text.split('\n')[0]),
      ).toEqual([expect.stringContaining('【名册已导入'), expect.stringContaining('【我的信息 · 郑晓明】')]);
      expect(fileCalls('nt-uuid-csv')).toEqual(['get_group_file_url', 'get_file']);
      expect(fileCalls('napcat-notice-csv')).toEqual([]);
      expect(await db().member.count({ where: { name: '群文件乙', phone: '13900009902' } })).toBe(1);
    } finally {
      onebot.unsupported.clear();
    }
  });

  it('refuses a file over the limit in Chinese (by its reported size, and while downloading), imports nothing, then takes a corrected file', async () => {
    const members = await db().member.count();
    await say(ADMIN_QQ, '/导入 名册');
    const big = await upload(ADMIN_QQ, '大名册.xlsx', Buffer.alloc(MAX_BYTES + 1, 1));
    expect(big.reply).toContain('文件「大名册.xlsx」超过 64 KB，无法接收。请删去不需要的内容或分成几个文件后重新发送。');
    expect(fileCalls(big.id)).toEqual([]);
    // A report that understates the size: the download stops at the limit.
    const understated = await upload(ADMIN_QQ, '名册2.xlsx', Buffer.alloc(MAX_BYTES + 1, 1), 1000);
    expect(understated.reply).toContain('文件超过 64 KB，无法接收');
    expect(await db().member.count()).toBe(members);
    const csv = iconv.encode('组织,姓名,手机,角色,班子成员\r\n东湾村党支部,群文件丙,13900009903,党员,否\r\n', 'gbk');
    expect((await upload(ADMIN_QQ, '名册3.csv', csv)).reply).toContain('新增党员 1 名');
    expect(await db().member.count()).toBe(members + 1);
  });

  it('leaves a file nobody asked for alone: no answer, nothing fetched', async () => {
    const id = '/chat-file-not-a-roster';
    onebot.groupFiles.set(id, { name: '会议通知.docx', bytes: Buffer.from('not a roster') });
    const before = onebot.sendsTo(GROUP).length;
    expect(
      (await postOneBot(service.url, groupUploadNotice({ groupId: GROUP, userId: SECRETARY_QQ, id, name: '会议通知.docx', size: 12 }), SECRET)).status,
    ).toBe(204);
    expect(await say(SECRETARY_QQ, '/我的')).toContain('我的信息 · 李春生');
    expect(onebot.sendsTo(GROUP).slice(before)).toHaveLength(1);
    expect(fileCalls(id)).toEqual([]);
  });

  it('/导出 puts the workbook into the group files after the text: upload_group_file with base64 that opens with exceljs', async () => {
    const uploadsBefore = onebot.uploads.length;
    const text = await say(ADMIN_QQ, '/导出 台账 东湾村党支部');
    expect(text).toContain('已导出：东湾村党支部-');
    const token = new RegExp(`下载链接（7 天内有效）：${PUBLIC}/files/([A-Za-z0-9_-]+)`).exec(text)?.[1];
    expect(token).toBeTruthy();
    await vi.waitFor(() => expect(onebot.uploads.length).toBe(uploadsBefore + 1), { timeout: 30_000, interval: 50 });
    const upload = onebot.uploads.at(-1)!;
    expect(upload.groupId).toBe(GROUP);
    expect(upload.name).toMatch(/^东湾村党支部-\d{4}年.*\.xlsx$/);
    expect(upload.file.startsWith('base64://')).toBe(true);
    const served = Buffer.from(await (await fetch(`${service.url}/files/${token}`)).arrayBuffer());
    expect(Buffer.compare(upload.bytes!, served)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(upload.bytes! as unknown as ArrayBuffer);
    const sheets = workbook.worksheets.map((w) => w.name);
    expect(sheets).toEqual(expect.arrayContaining(['党员教育管理', '问题台账', '考评打分', '党员积分']));
    const names: string[] = [];
    workbook.getWorksheet('党员教育管理')!.eachRow((row) => names.push(String(row.getCell(1).value ?? '')));
    expect(names).toEqual(expect.arrayContaining(['李春生', '群文件甲']));
  });

  it('keeps the delivery and its link when the implementation refuses the file (go-cqhttp takes only local paths)', async () => {
    onebot.uploadTakesPathsOnly = true;
    try {
      const uploadsBefore = onebot.uploads.length;
      const before = onebot.sendsTo(GROUP).length;
      const event = groupEvent({ groupId: GROUP, userId: ADMIN_QQ, message: `[CQ:at,qq=${BOT_QQ}] /导出 问题 东湾村党支部` });
      expect((await postOneBot(service.url, event, SECRET)).status).toBe(204);
      const [reply] = await repliesAfter(before);
      expect(reply!.text).toContain(`下载链接（7 天内有效）：${PUBLIC}/files/`);
      const deliveryId = `QQ:${BOT_QQ}-${event.message_id}:0`;
      await vi.waitFor(async () => expect((await db().outboundDelivery.findUnique({ where: { id: deliveryId } }))?.status).toBe('SENT'), { timeout: 30_000 });
      const delivery = await db().outboundDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
      expect(delivery.attempts).toBe(1);
      expect(delivery.lastError).toBeNull();
      expect(onebot.uploads.slice(uploadsBefore).map((u) => u.name)).toEqual([expect.stringMatching(/问题台账\.xlsx$/)]);
      expect(onebot.sendsTo(GROUP).slice(before)).toHaveLength(1);
    } finally {
      onebot.uploadTakesPathsOnly = false;
    }
  });

  it('a retried delivery sends its text again but never the file a second time (the star poster PDF)', async () => {
    const adapter = service.adapters.get('QQ')!;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const message: OutboundMessage = {
      deliveryId: 'test:qq:stars-published',
      platform: 'QQ',
      chatId: String(GROUP),
      view: { kind: 'stars_published', title: '2026年度星级评定已公示', tone: 'success', lines: ['星级党员榜已发往各支部群。'] },
      file: { fileName: '星级党员公示栏-青禾镇党委-A4.pdf', base64: pdf.toString('base64') },
    };
    const uploadsBefore = onebot.uploads.length;
    const before = onebot.sendsTo(GROUP).length;
    await adapter.send(message);
    await adapter.send(message);
    expect(
      onebot
        .sendsTo(GROUP)
        .slice(before)
        .map((s) => s.text.split('\n')[0]),
    ).toEqual(['✅ 【2026年度星级评定已公示】', '✅ 【2026年度星级评定已公示】']);
    const uploads = onebot.uploads.slice(uploadsBefore);
    expect(uploads.map((u) => u.name)).toEqual(['星级党员公示栏-青禾镇党委-A4.pdf']);
    expect(Buffer.compare(uploads[0]!.bytes!, pdf)).toBe(0);
  });
});
