import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feishuRequest, messageEvent } from '../../support/larkEvents.ts';
import { startLarkConversation, LARK_TEST_GROUP, type LarkConversation } from '../../support/larkConversation.ts';
import { larkCardText } from '../../scenario/larkCardText.ts';
import { makePng } from '../../support/makeImages.ts';
import { makeDoc, makeDocx, makePdf } from '../../support/makeDocuments.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';
import { boardSecret } from '../../../src/areas/board/boardAccess.ts';
import { signAttachmentToken } from '../../../src/areas/briefings/attachmentToken.ts';

const SECRETARY = 'ou_brief_secretary';
const LIAISON = 'ou_brief_liaison';
const OTHER_SECRETARY = 'ou_brief_jixie_secretary';
const OTHER_GROUP = 'oc_brief_jixie_group';
const BASE = 'https://zhibu.example.cn';
const MAX = 1024 * 1024;

/**
 * On Feishu a file or a picture is a message of its own: the 简报 window (or /简报 附件 <编号>) is how they reach a
 * 简报. Files come down through im.messageResource.get type=file, pictures type=image, from the fake Open API.
 */
describe('Feishu: 简报 attachments sent after /简报', () => {
  let chat: LarkConversation;
  const clock = fixedClock('2026-12-08T06:00:00Z');
  let n = 0;
  const db = () => chat.service.database.prisma;

  /** A file or image message in a group, not addressed to the bot; resolves with the text of the reply card. */
  async function send(openId: string, kind: 'file' | 'image', bytes: Buffer, fileName = '', chatId = LARK_TEST_GROUP, chatType: 'group' | 'p2p' = 'group') {
    const key = kind === 'file' ? `file_v3_brief_${++n}` : `img_v3_brief_${++n}`;
    if (kind === 'file') chat.fake.files.set(key, { bytes, contentType: 'application/octet-stream' });
    else chat.fake.images.set(key, bytes);
    const event = messageEvent({
      chatId,
      senderOpenId: openId,
      messageType: kind,
      content: kind === 'file' ? { file_key: key, file_name: fileName } : { image_key: key },
      chatType,
    });
    const response = await fetch(`${chat.service.url}/webhooks/lark`, { method: 'POST', ...feishuRequest(event) });
    expect(response.status).toBe(200);
    const messageId = event.event.message.message_id;
    const sends = await chat.fake.waitFor((s) => s.some((x) => x.kind === 'reply' && x.target === messageId), 60_000);
    const download = chat.fake.downloads.find((d) => d.messageId === messageId);
    return { reply: larkCardText(sends.find((x) => x.kind === 'reply' && x.target === messageId)!.content), download };
  }

  let briefingId = 0;
  const plan = makePdf('飞书上的活动方案');

  beforeAll(async () => {
    chat = await startLarkConversation({ clock, env: { PHOTO_MAX_BYTES: String(MAX), PUBLIC_BASE_URL: BASE } });
    const member = (name: string) => db().member.findFirstOrThrow({ where: { name, organization: { demo: false } } });
    const org = (name: string) => db().organization.findFirstOrThrow({ where: { name, demo: false } });
    await db().chatIdentity.createMany({
      data: [
        { platform: 'LARK', platformUserId: SECRETARY, memberId: (await member('李春生')).id },
        { platform: 'LARK', platformUserId: LIAISON, memberId: (await member('王小燕')).id },
        { platform: 'LARK', platformUserId: OTHER_SECRETARY, memberId: (await member('林国栋')).id },
      ],
    });
    await db().chatGroup.createMany({
      data: [
        { platform: 'LARK', chatId: LARK_TEST_GROUP, organizationId: (await org('东湾村党支部')).id, purpose: 'BRANCH' },
        { platform: 'LARK', chatId: OTHER_GROUP, organizationId: (await org('青禾精密机械有限公司党支部')).id, purpose: 'BRANCH' },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await chat?.stop();
  });

  it('files the 简报 and announces the window', async () => {
    const receipt = await chat.say(SECRETARY, '/简报 东湾村开展冬季送温暖活动\n12月6日，党员走访慰问困难群众。');
    briefingId = Number(/编号\D*(\d+)/u.exec(receipt)![1]);
    expect(receipt).toContain('如需附图片或 Word、PDF 附件，请在10分钟内直接发到本群（14:10前）');
    expect(receipt).toContain(`请在和支部助手的单聊里先发送 /简报 附件 ${briefingId}，再发文件`);
  });

  it("the author's PDF and picture sent next go to the 简报, downloaded as file and image", async () => {
    const pdf = await send(SECRETARY, 'file', await plan, '活动方案.pdf');
    expect(pdf.download).toMatchObject({ type: 'file' });
    expect(pdf.reply).toContain('附件已附到简报：东湾村〔2026〕第1期');
    expect(pdf.reply).toMatch(/已附上：活动方案\.pdf（附件 \d+）/u);
    const photos = await db().tracePhoto.count();
    const picture = await send(SECRETARY, 'image', makePng({ seed: 41 }));
    expect(picture.download).toMatchObject({ type: 'image' });
    expect(picture.reply).toContain('这期简报现有附件 2 个（图片 1、PDF 1）');
    expect(await db().tracePhoto.count()).toBe(photos);
    const rows = await db().briefingAttachment.findMany({ where: { briefingId }, include: { file: true }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.fileName, r.file.mimeType, r.platform])).toEqual([
      ['活动方案.pdf', 'application/pdf', 'LARK'],
      ['图片.png', 'image/png', 'LARK'],
    ]);
  });

  it("the liaison's picture in the same minutes stays a 痕迹 photo", async () => {
    const { reply } = await send(LIAISON, 'image', makePng({ seed: 42 }));
    expect(reply).toContain('📷 已存为东湾村党支部的痕迹');
    expect(await db().briefingAttachment.count({ where: { briefingId } })).toBe(2);
  });

  it('the same PDF again is kept once; a fake PDF and one over the download limit are refused', async () => {
    expect((await send(SECRETARY, 'file', await plan, '方案.pdf')).reply).toContain('这期简报已经有了');
    const fake = await send(SECRETARY, 'file', Buffer.from('%PDF? 不，这是一段文字。'.repeat(20)), '通知.pdf');
    expect(fake.reply).toContain('「通知.pdf」不是图片、Word 或 PDF 文件');
    const big = await send(SECRETARY, 'file', Buffer.alloc(MAX + 1024, 0x41), '扫描件.pdf');
    expect(big.reply).toContain('没有收到：文件「扫描件.pdf」超过 1 MB，无法接收');
    expect(await db().briefingAttachment.count({ where: { briefingId } })).toBe(2);
  });

  it('after the window the picture is a 痕迹 photo; /简报 附件 <编号> opens a new one for an old .doc', async () => {
    clock.advance(11 * 60_000);
    expect((await send(SECRETARY, 'image', makePng({ seed: 43 }))).reply).toContain('📷 已存为东湾村党支部的痕迹');
    expect(await chat.say(SECRETARY, `/简报 附件 ${briefingId}`)).toContain('请发送附件：东湾村〔2026〕第1期');
    const doc = await send(SECRETARY, 'file', makeDoc(), '活动记录.doc');
    expect(doc.reply).toMatch(/已附上：活动记录\.doc（附件 \d+）/u);
  });

  it('in a private chat with the bot: /简报 附件 <编号>, then the file', async () => {
    expect(await chat.say(SECRETARY, `/简报 附件 ${briefingId}`, { p2p: true })).toContain('请发送附件：东湾村〔2026〕第1期');
    const docx = await send(SECRETARY, 'file', makeDocx('单聊'), '单聊发的总结.docx', `oc_p2p_${SECRETARY.slice(3)}`, 'p2p');
    expect(docx.reply).toMatch(/已附上：单聊发的总结\.docx（附件 \d+）/u);
  });

  it('/查看简报 gives absolute links that open for the author and not for another branch', async () => {
    const detail = await chat.say(SECRETARY, `/查看简报 ${briefingId}`);
    expect(detail).toContain('4 个（图片 1、PDF 1、Word 2）');
    const link = /https:\/\/zhibu\.example\.cn(\/briefing-files\/[A-Za-z0-9_.-]+)/u.exec(detail);
    expect(link, detail).not.toBeNull();
    const served = await fetch(`${chat.service.url}${link![1]}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(await plan)).toBe(true);

    expect(await chat.say(OTHER_SECRETARY, `/查看简报 ${briefingId}`, { chatId: OTHER_GROUP })).toContain('不能查看');
    const attachment = await db().briefingAttachment.findFirstOrThrow({ where: { briefingId, fileName: '活动方案.pdf' } });
    const other = await db().member.findFirstOrThrow({ where: { name: '林国栋', organization: { demo: false } } });
    const token = signAttachmentToken(await boardSecret(db(), undefined), {
      a: attachment.id,
      m: other.id,
      e: Math.floor(clock.now().getTime() / 1000) + 3600,
    });
    expect((await fetch(`${chat.service.url}/briefing-files/${token}`)).status).toBe(403);
  });
});
