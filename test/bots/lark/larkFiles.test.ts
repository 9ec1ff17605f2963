import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import iconv from 'iconv-lite';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { feishuRequest, messageEvent } from '../../support/larkEvents.ts';
import { startLarkConversation, type LarkConversation } from '../../support/larkConversation.ts';
import { larkCardText } from '../../scenario/larkCardText.ts';
import { rosterWorkbook } from '../../areas/roster/rosterWorkbook.ts';

const ADMIN = 'ou_admin_zhengxiaoming';
const SECRETARY = 'ou_secretary_lichunsheng';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 64 * 1024;

/** On Feishu a file is a message of its own: /导入 名册 first, then the file, downloaded with im.messageResource.get type=file. */
describe('Feishu file messages: the roster sent after /导入 名册', () => {
  let chat: LarkConversation;
  let fileNo = 0;
  const db = () => chat.service.database.prisma;

  /** Sends a `file` message privately to the bot; resolves with the text of the reply card. */
  async function sendFile(
    openId: string,
    fileName: string,
    bytes: Buffer,
    contentType: string,
  ): Promise<{ reply: string; messageId: string; fileKey: string }> {
    const fileKey = `file_v3_test_${++fileNo}`;
    chat.fake.files.set(fileKey, { bytes, contentType });
    const event = messageEvent({
      chatId: `oc_p2p_${openId.slice(3)}`,
      senderOpenId: openId,
      messageType: 'file',
      chatType: 'p2p',
      content: { file_key: fileKey, file_name: fileName },
    });
    const response = await fetch(`${chat.service.url}/webhooks/lark`, { method: 'POST', ...feishuRequest(event) });
    expect(response.status).toBe(200);
    const messageId = event.event.message.message_id;
    const sends = await chat.fake.waitFor((s) => s.some((x) => x.kind === 'reply' && x.target === messageId), 60_000);
    return { reply: larkCardText(sends.find((x) => x.kind === 'reply' && x.target === messageId)!.content), messageId, fileKey };
  }

  beforeAll(async () => {
    chat = await startLarkConversation({ env: { PHOTO_MAX_BYTES: String(MAX_BYTES) } });
    const admin = await db().member.findFirstOrThrow({ where: { name: '郑晓明' } });
    const secretary = await db().member.findFirstOrThrow({ where: { name: '李春生' } });
    await db().chatIdentity.createMany({
      data: [
        { platform: 'LARK', platformUserId: ADMIN, displayName: '郑晓明', memberId: admin.id },
        { platform: 'LARK', platformUserId: SECRETARY, displayName: '李春生', memberId: secretary.id },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await chat?.stop();
  });

  it('imports an .xlsx sent after the command; the bytes came through messageResource type=file', async () => {
    expect(await chat.say(ADMIN, '/导入 名册', { p2p: true })).toContain('请在 30 分钟内把名册文件（.xlsx 或 .csv）发到这里');
    const workbook = await rosterWorkbook([['东湾村党支部', '飞书甲', '13900007701', '党员', '否']]);
    const { reply, messageId, fileKey } = await sendFile(ADMIN, '名册.xlsx', workbook, XLSX);
    expect(reply).toContain('「名册.xlsx」');
    expect(reply).toContain('新增党员 1 名');
    expect(chat.fake.downloads.filter((d) => d.messageId === messageId)).toEqual([{ messageId, fileKey, type: 'file' }]);
    expect(await db().member.count({ where: { name: '飞书甲', phone: '13900007701' } })).toBe(1);
    // The question is answered: the same file again is ordinary chat, so nothing is imported twice.
    expect(await db().pendingAction.count({ where: { platform: 'LARK', kind: 'roster.await_file' } })).toBe(0);
  });

  it('reads a GBK .csv as Excel in China saves it', async () => {
    await chat.say(ADMIN, '/导入 名册', { p2p: true });
    const csv = iconv.encode('组织,姓名,手机,角色,班子成员\r\n东湾村党支部,飞书乙,13900007702,党员,否\r\n', 'gbk');
    const { reply } = await sendFile(ADMIN, '名册.csv', csv, 'text/csv');
    expect(reply).toContain('新增党员 1 名');
    expect(await db().member.count({ where: { name: '飞书乙' } })).toBe(1);
  });

  it('a PDF or a file over the limit is refused in Chinese and nothing is imported; a corrected file then goes in', async () => {
    const before = await db().member.count();
    await chat.say(ADMIN, '/导入 名册', { p2p: true });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    expect((await sendFile(ADMIN, '简报.pdf', pdf, 'application/pdf')).reply).toContain('只支持 .xlsx 或 .csv 文件，收到的是「简报.pdf」');
    // The limit as set (64 KB), not rounded down to whole megabytes (it once read 「0 MB」).
    expect((await sendFile(ADMIN, '大名册.xlsx', Buffer.alloc(MAX_BYTES + 1, 1), XLSX)).reply).toContain('文件「大名册.xlsx」超过 64 KB，无法接收');
    expect(await db().member.count()).toBe(before);
    const csv = iconv.encode('组织,姓名,手机,角色,班子成员\r\n东湾村党支部,飞书丙,13900007703,党员,否\r\n', 'gbk');
    expect((await sendFile(ADMIN, '名册.csv', csv, 'text/csv')).reply).toContain('新增党员 1 名');
  });

  it('a secretary may not import: refused, and no file is awaited from them', async () => {
    expect(await chat.say(SECRETARY, '/导入 名册', { p2p: true })).toContain('没有这个权限');
    expect(await db().pendingAction.count({ where: { platform: 'LARK', kind: 'roster.await_file' } })).toBe(0);
  });

  it('/取消 after /导入 名册 drops the question', async () => {
    await chat.say(ADMIN, '/导入 名册', { p2p: true });
    expect(await chat.say(ADMIN, '/取消', { p2p: true })).toContain('不导入名册了');
    expect(await db().pendingAction.count({ where: { platform: 'LARK', kind: 'roster.await_file' } })).toBe(0);
  });

  it('/导出 on Feishu without PUBLIC_BASE_URL says why there is no link rather than sending a path that opens nowhere', async () => {
    const reply = await chat.say(ADMIN, '/导出 台账 东湾村党支部', { p2p: true });
    expect(reply).toContain('下载链接：本服务还没有设置对外网址（PUBLIC_BASE_URL）');
    expect(reply).not.toContain('/files/');
  });

  it('/导出 puts the workbook itself into the chat: uploaded with im.file.create, then a file message with its key', async () => {
    const chatId = `oc_p2p_${ADMIN.slice(3)}`;
    const exports = join(chat.service.dataDir, 'exports');
    const before = new Set(existsSync(exports) ? readdirSync(exports) : []);
    await chat.say(ADMIN, '/导出 台账 东湾村党支部', { p2p: true });
    // The reply has no link without PUBLIC_BASE_URL; the export it saved is the one new file in DATA_DIR/exports.
    const token = readdirSync(exports)
      .filter((f) => f.endsWith('.bin') && !before.has(f))
      .map((f) => f.slice(0, -'.bin'.length))[0]!;
    const served = Buffer.from(await (await fetch(`${chat.service.url}/files/${token}`)).arrayBuffer());
    expect(served.subarray(0, 2).toString('latin1')).toBe('PK');
    // Found by its bytes: an earlier test's file may still be on its way to the fake.
    const sends = await chat.fake.waitFor((s) => {
      const upload = chat.fake.fileUploads.find((u) => u.bytes.equals(served));
      return upload !== undefined && s.some((x) => x.kind === 'create' && x.msgType === 'file' && x.target === chatId && x.content.includes(upload.fileKey));
    }, 60_000);
    const upload = chat.fake.fileUploads.find((u) => u.bytes.equals(served))!;
    const fileMessage = sends.find((x) => x.msgType === 'file' && x.content.includes(upload.fileKey))!;
    expect(JSON.parse(fileMessage.content)).toEqual({ file_key: upload.fileKey });
    expect(upload.fileType).toBe('xls');
    expect(upload.fileName).toMatch(/东湾村党支部.*\.xlsx$/);
  });

  it('a file Feishu refuses is left out: the card with the export stands, the delivery counts as sent and is not retried', async () => {
    const chatId = `oc_p2p_${ADMIN.slice(3)}`;
    // An earlier test's file may still be on its way: count once every delivery before this one is done.
    await vi.waitFor(async () => expect(await db().outboundDelivery.count({ where: { status: 'PENDING' } })).toBe(0), { timeout: 20_000, interval: 100 });
    const filesBefore = chat.fake.sends.filter((x) => x.msgType === 'file').length;
    chat.fake.refuseFileUploads(1);
    const reply = await chat.say(ADMIN, '/导出 台账 东湾村党支部', { p2p: true });
    expect(reply).toContain('台账');
    await vi.waitFor(
      async () => {
        const deliveries = await db().outboundDelivery.findMany({ where: { chatId }, orderBy: { createdAt: 'desc' }, take: 1 });
        expect(deliveries[0]).toMatchObject({ status: 'SENT', attempts: 1 });
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(chat.fake.fileRefusals).toBe(1);
    expect(chat.fake.sends.filter((x) => x.msgType === 'file')).toHaveLength(filesBefore);
  });
});
