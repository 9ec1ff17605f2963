import { TOPIC_ROBOT } from 'dingtalk-stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DingTalkAdapter } from '../../../bots/dingtalk/DingTalkAdapter.ts';
import { outboundJobId } from '../../../jobs/queues.ts';
import { SHEETS } from '../../../src/areas/ledgers/buildLedgerWorkbook.ts';
import type { OutboundMessage } from '../../../src/engine/chat/OutboundMessage.ts';
import { FakeDingTalk, type RecordedDingTalkSend } from '../../support/fakeDingTalk.ts';
import { fileMessage, privateTextMessage, textMessage, type Person } from '../../support/dingTalkEvents.ts';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { until } from '../../support/until.ts';
import { dingTalkMarkdownText } from '../../scenario/dingTalkText.ts';
import { waitForQuietQueues } from '../../scenario/waitForQuietQueues.ts';

const GROUP = 'cidTownOfficeFiles0001==';
const PUBLIC = 'https://zhibu.example.cn';
const admin: Person = { staffId: '0316150155400001', nick: '晓明' };

/**
 * Files on DingTalk through the service: the real dingtalk-stream SDK inside it, the fake gateway and OpenAPI.
 * Out: /导出 gives the text with its link, then the workbook uploaded as media and posted as a sampleFile message.
 * In: a file reaches the robot only in a private chat (a group robot hears only messages that @ it, and a file
 * cannot carry an @), downloaded through robot/messageFiles/download.
 */
describe('DingTalk files through the service (real dingtalk-stream SDK, fake gateway and OpenAPI)', () => {
  let fake: FakeDingTalk;
  let service: TestService;
  const db = () => service.database.prisma;
  const adapter = () => service.adapters.get('DINGTALK') as DingTalkAdapter;

  /** Pushes a robot callback; resolves with the bot's first message to `target` after it, as text. */
  async function reply(frame: unknown, target: string): Promise<{ text: string; send: RecordedDingTalkSend }> {
    const before = fake.sends.length;
    const answers = () => fake.sends.slice(before).filter((s) => s.target === target && s.status === 200 && s.msgKey === 'sampleMarkdown');
    expect((await fake.pushCallback(TOPIC_ROBOT, frame)).code).toBe(200);
    await fake.waitFor(() => answers().length > 0, 60_000);
    const send = answers()[0]!;
    return { text: dingTalkMarkdownText(send.param.text!), send };
  }

  beforeAll(async () => {
    fake = await new FakeDingTalk().start();
    service = await startTestService({
      town: 'real',
      env: {
        ...fake.serviceEnv(),
        PUBLIC_BASE_URL: PUBLIC,
      },
    });
    await until(() => fake.open, 20_000, 'the Stream connection');
    const member = await db().member.findFirstOrThrow({ where: { name: '郑晓明' } });
    await db().chatIdentity.create({ data: { platform: 'DINGTALK', platformUserId: admin.staffId, displayName: '郑晓明', memberId: member.id } });
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    await fake?.stop();
  });

  it('/导出 in a group: the text with its link, then the workbook as a sampleFile whose bytes open as the exported ledger', async () => {
    const { text, send } = await reply(textMessage(GROUP, admin, '/导出 台账 东湾村党支部'), GROUP);
    const link = new RegExp(`下载链接（7 天内有效）：${PUBLIC}/files/([A-Za-z0-9_-]+)`).exec(text);
    expect(link, text).not.toBeNull();
    const sends = await fake.waitFor((s) => s.some((x) => x.target === GROUP && x.msgKey === 'sampleFile'), 30_000);
    const fileSend = sends.find((x) => x.target === GROUP && x.msgKey === 'sampleFile')!;
    expect(fileSend.kind).toBe('group');
    expect(fileSend.at).toBeGreaterThanOrEqual(send.at);
    expect(fileSend.param.fileName).toMatch(/^东湾村党支部-\d{4}年党建台账\.xlsx$/);
    expect(fileSend.param.fileType).toBe('xlsx');
    const upload = fake.uploads.find((u) => u.mediaId === fileSend.param.mediaId)!;
    expect(upload).toMatchObject({ type: 'file', fileName: fileSend.param.fileName });
    // The file in the chat is the one behind the link.
    const served = Buffer.from(await (await fetch(`${service.url}/files/${link![1]}`)).arrayBuffer());
    expect(Buffer.compare(upload.bytes, served)).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(upload.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(Object.values(SHEETS));
    const names: string[] = [];
    workbook.getWorksheet(SHEETS.points)!.eachRow((row, n) => n > 1 && names.push(String(row.getCell(1).value)));
    const org = await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' }, include: { members: true } });
    expect(names.sort()).toEqual(org.members.map((m) => m.name).sort());
  });

  it('the export job running again (a worker died before it was marked sent) posts neither the text nor the file again', async () => {
    await waitForQuietQueues(service);
    const delivery = await db().outboundDelivery.findFirstOrThrow({ where: { platform: 'DINGTALK', chatId: GROUP, kind: 'ledger_export', status: 'SENT' } });
    const job = await service.queues.outbound.getJob(outboundJobId(delivery.id));
    const message = job!.data as OutboundMessage;
    expect(message.file?.fileName).toMatch(/\.xlsx$/);
    const [sendsBefore, uploadsBefore] = [fake.sends.length, fake.uploadRequests];
    await adapter().send(message);
    expect(fake.sends.length).toBe(sendsBefore);
    expect(fake.uploadRequests).toBe(uploadsBefore);
  });

  it('an upload that fails leaves the text with its link delivered; the delivery counts as sent, without the file', async () => {
    await waitForQuietQueues(service);
    const [sendsBefore, requestsBefore, uploadsBefore] = [fake.sends.length, fake.uploadRequests, fake.uploads.length];
    fake.failUploads(1);
    const { text } = await reply(textMessage(GROUP, admin, '/导出 考评 东湾村党支部'), GROUP);
    expect(text).toMatch(new RegExp(`下载链接（7 天内有效）：${PUBLIC}/files/[A-Za-z0-9_-]+`));
    await waitForQuietQueues(service);
    expect(fake.uploadRequests).toBe(requestsBefore + 1);
    expect(fake.uploads.length).toBe(uploadsBefore);
    expect(
      fake.sends
        .slice(sendsBefore)
        .filter((s) => s.target === GROUP)
        .map((s) => s.msgKey),
    ).toEqual(['sampleMarkdown']);
    const deliveries = await db().outboundDelivery.findMany({
      where: { platform: 'DINGTALK', chatId: GROUP, kind: 'ledger_export' },
      orderBy: { createdAt: 'asc' },
    });
    expect(deliveries.map((d) => d.status)).toEqual(['SENT', 'SENT']);
  });

  it('files in a private chat come with their bytes: a PDF after /导入 名册 is refused, a GBK .csv roster is imported', async () => {
    expect((await reply(privateTextMessage(admin, '/导入 名册'), admin.staffId)).text).toContain('请在 30 分钟内把名册文件');

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    fake.files.set('dc-roster-pdf', { bytes: pdf, contentType: 'application/pdf' });
    const refused = await reply(fileMessage(admin, 'dc-roster-pdf', '简报.pdf'), admin.staffId);
    expect(refused.text).toContain('只支持 .xlsx 或 .csv 文件，收到的是「简报.pdf」');
    expect(fake.downloads).toContain('dc-roster-pdf');
    const fetched = await adapter().fetchFile({ kind: 'dingtalk', downloadCode: 'dc-roster-pdf', fileName: '简报.pdf' });
    expect(Buffer.compare(fetched.bytes, pdf)).toBe(0);
    expect(fetched.mimeType).toBe('application/pdf');

    const csv = iconv.encode('组织,姓名,手机,角色,班子成员\r\n东湾村党支部,钉钉乙,13900009902,党员,否\r\n', 'gbk');
    fake.files.set('dc-roster-csv', { bytes: csv, contentType: 'application/octet-stream' });
    const imported = await reply(fileMessage(admin, 'dc-roster-csv', '名册.csv'), admin.staffId);
    expect(imported.text).toContain('「名册.csv」');
    expect(imported.text).toContain('新增党员 1 名');
    expect(await db().member.count({ where: { name: '钉钉乙', phone: '13900009902' } })).toBe(1);
    expect(await db().pendingAction.count({ where: { platform: 'DINGTALK', kind: 'roster.await_file' } })).toBe(0);
  });
});
