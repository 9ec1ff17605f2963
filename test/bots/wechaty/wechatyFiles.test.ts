import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { FileBox } from 'file-box';
import iconv from 'iconv-lite';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { WechatyMockRoom } from '../../support/wechatyMockRoom.ts';
import { rosterWorkbook } from '../../areas/roster/rosterWorkbook.ts';
import type { WechatyAdapter, WechatyAdapterOptions } from '../../../bots/wechaty/WechatyAdapter.ts';
import { SHEETS } from '../../../src/areas/ledgers/buildLedgerWorkbook.ts';
import { outboundJobId } from '../../../jobs/queues.ts';
import type { OutboundMessage } from '../../../src/engine/chat/OutboundMessage.ts';

const MAX_BYTES = 64 * 1024;
const PUBLIC = 'https://zhibu.example.cn';
/** A base64 FileBox: the kind the mock can keep as JSON. */
const box = (bytes: Buffer, name: string) => FileBox.fromBase64(bytes.toString('base64'), name);

/**
 * WeChat attachments (message.toFileBox()): the roster sent after /导入 名册 in the 组织办's room; and the other way,
 * an exported workbook the bot puts into the room with room.say(FileBox).
 */
describe('WeChat attachments through a real wechaty on wechaty-puppet-mock', () => {
  let service: TestService;
  let wechat: WechatyMockRoom;
  const db = () => service.database.prisma;

  async function reply(action: () => void): Promise<string> {
    const before = wechat.botLines.length;
    action();
    const [line] = await wechat.botSaysAfter(before, 1);
    return line!.text ?? '';
  }

  beforeAll(async () => {
    service = await startTestService({
      town: 'real',
      env: {
        WECHATY_PUPPET: 'wechaty-puppet-mock',
        WECHATY_SEND_INTERVAL_MS: '20',
        WECHATY_SEND_JITTER_MS: '0',
        PHOTO_MAX_BYTES: String(MAX_BYTES),
        PUBLIC_BASE_URL: PUBLIC,
      },
    });
    wechat = new WechatyMockRoom(service, ['郑晓明', '李春生'], '镇组织办工作群');
    wechat.login();
    for (const name of ['郑晓明', '李春生']) {
      const member = await db().member.findFirstOrThrow({ where: { name } });
      await db().chatIdentity.create({ data: { platform: 'WECHAT', platformUserId: wechat.person(name).id, displayName: name, memberId: member.id } });
    }
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it('imports an .xlsx and a GBK .csv sent after the command; the puppet hands over the same bytes', async () => {
    expect(await reply(() => wechat.say('郑晓明', '/导入 名册', true))).toContain('请在 30 分钟内把名册文件');
    const workbook = await rosterWorkbook([['东湾村党支部', '微信甲', '13900008801', '党员', '否']]);
    expect(await reply(() => wechat.sendAttachment('郑晓明', box(workbook, '名册.xlsx')))).toContain('新增党员 1 名');
    expect(await db().member.count({ where: { name: '微信甲', phone: '13900008801' } })).toBe(1);

    await reply(() => wechat.say('郑晓明', '/导入 名册', true));
    const csv = iconv.encode('组织,姓名,手机,角色,班子成员\r\n东湾村党支部,微信乙,13900008802,党员,否\r\n', 'gbk');
    const id = wechat.sendAttachment('郑晓明', box(csv, '名册.csv'));
    expect(await reply(() => undefined)).toContain('「名册.csv」');
    expect(await db().member.count({ where: { name: '微信乙' } })).toBe(1);
    const fetched = await (service.adapters.get('WECHAT') as WechatyAdapter).fetchFile!({ kind: 'wechaty', messageId: id, fileName: '名册.csv' });
    expect(Buffer.compare(fetched.bytes, csv)).toBe(0);
  });

  it('a PDF or a file over the limit is refused in Chinese, nothing imported; a secretary may not import', async () => {
    const before = await db().member.count();
    await reply(() => wechat.say('郑晓明', '/导入 名册', true));
    const pdf = box(Buffer.from('%PDF-1.4\n%%EOF\n'), '简报.pdf');
    expect(await reply(() => wechat.sendAttachment('郑晓明', pdf))).toContain('只支持 .xlsx 或 .csv 文件，收到的是「简报.pdf」');
    expect(await reply(() => wechat.sendAttachment('郑晓明', box(Buffer.alloc(MAX_BYTES + 1, 1), '大名册.xlsx')))).toContain(
      '文件「大名册.xlsx」超过 64 KB，无法接收',
    );
    expect(await db().member.count()).toBe(before);
    expect(await reply(() => wechat.say('李春生', '/导入 名册', true))).toContain('没有这个权限');
    const secretary = await db().member.findFirstOrThrow({ where: { name: '李春生' } });
    expect(await db().pendingAction.count({ where: { platform: 'WECHAT', kind: 'roster.await_file', memberId: secretary.id } })).toBe(0);
  });

  /** The bytes of a file the bot said (the mock room reads them back from the FileBox a moment after it appears). */
  async function fileBytes(line: { file?: { base64: string } }): Promise<Buffer> {
    await vi.waitFor(() => expect(line.file?.base64).toBeTruthy(), { timeout: 10_000, interval: 20 });
    return Buffer.from(line.file!.base64, 'base64');
  }

  it('/导出 puts the workbook into the room after the text with its link; its bytes open as the exported ledger', async () => {
    const before = wechat.botLines.length;
    wechat.say('郑晓明', '/导出 台账 东湾村党支部', true);
    const [text, file] = await wechat.botSaysAfter(before, 2);
    const link = new RegExp(`下载链接（7 天内有效）：${PUBLIC}/files/([A-Za-z0-9_-]+)`).exec(text!.text ?? '');
    expect(link, text!.text).not.toBeNull();
    expect(file!.file!.name).toMatch(/^东湾村党支部-\d{4}年党建台账\.xlsx$/);
    const bytes = await fileBytes(file!);
    // The file in the room is the one behind the link.
    const served = Buffer.from(await (await fetch(`${service.url}/files/${link![1]}`)).arrayBuffer());
    expect(Buffer.compare(bytes, served)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(Object.values(SHEETS));
    const names: string[] = [];
    workbook.getWorksheet(SHEETS.points)!.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    const org = await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' }, include: { members: true } });
    expect(names.sort()).toEqual(org.members.map((m) => m.name).sort());
  });

  it('a delivery interrupted by a logout after its text sends only the file after the next login; run again, it sends nothing', async () => {
    const adapter = service.adapters.get('WECHAT') as WechatyAdapter;
    const workbook = await rosterWorkbook([['东湾村党支部', '微信丙', '13900008803', '党员', '否']]);
    const message: OutboundMessage = {
      deliveryId: 'test:export:logout',
      platform: 'WECHAT',
      chatId: wechat.room.id,
      view: { kind: 'ledger_export', title: '已导出：名册.xlsx', tone: 'success', lines: [`下载链接（7 天内有效）：${PUBLIC}/files/abc`] },
      file: { fileName: '名册.xlsx', base64: workbook.toString('base64') },
    };
    // The account logs out while the file waits for its turn: the text is out, the file is not.
    const pacer = (adapter as unknown as { options: WechatyAdapterOptions }).options.pacer;
    const waitTurn = pacer.waitTurn.bind(pacer);
    let turns = 0;
    const spy = vi.spyOn(pacer, 'waitTurn').mockImplementation(async (account) => {
      if (++turns === 2) await adapter.bot!.logout();
      return waitTurn(account);
    });
    const before = wechat.botLines.length;
    try {
      await service.queues.outbound.add('ledger_export', message, { jobId: outboundJobId(message.deliveryId) });
      const job = () => service.queues.outbound.getJob(outboundJobId(message.deliveryId));
      await vi.waitFor(async () => expect(await (await job())!.getState()).toBe('delayed'), { timeout: 10_000, interval: 50 });
      expect(wechat.botLines.slice(before).map((l) => l.text ?? l.file?.name)).toEqual([expect.stringContaining('【已导出：名册.xlsx】')]);

      wechat.login();
      await vi.waitFor(async () => expect(await (await job())!.getState()).toBe('completed'), { timeout: 30_000, interval: 50 });
    } finally {
      spy.mockRestore();
    }
    const lines = wechat.botLines.slice(before);
    expect(lines.map((l) => l.text ?? l.file?.name)).toEqual([expect.stringContaining('【已导出：名册.xlsx】'), '名册.xlsx']);
    expect(Buffer.compare(await fileBytes(lines[1]!), workbook)).toBe(0);

    // The job running once more (a worker died before it was marked sent) posts nothing.
    await adapter.send(message);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(wechat.botLines.length).toBe(before + 2);
  });
});
