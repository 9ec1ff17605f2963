import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { makePdf } from '../support/makeDocuments.ts';
import { rosterWorkbook } from '../areas/roster/rosterWorkbook.ts';
import { fixedClock } from '../../src/core/time/clock.ts';

const DW = 'sb-group-dongwan';

/**
 * A file posted without a command, when two things wait for the sender's next file in the same chat (a 简报 window
 * and /导入 名册): the one asked for last takes it. Played by a 联络员 who also works in the 组织办.
 */
describe('buildChatHandlers: which question a file answers', () => {
  let service: TestService;
  const clock = fixedClock('2026-12-08T02:00:00Z');
  const db = () => service.database.prisma;
  const reply = async (text: string, extra: Parameters<TestService['say']>[3] = {}) =>
    (await service.say(DW, 'sb-dw-liaison', text, extra)).map((r) => r.text).join('\n');
  let briefingId = 0;

  beforeAll(async () => {
    service = await startTestService({ clock });
    const liaison = await db().member.findFirstOrThrow({ where: { name: '王小燕' } });
    const town = await db().organization.findUniqueOrThrow({ where: { name: '青禾镇党委' } });
    await db().memberRole.create({ data: { memberId: liaison.id, organizationId: town.id, role: 'ADMIN' } });
    briefingId = Number(/编号：(\d+)/u.exec(await reply('/简报 东湾村冬季安全检查\n党员带头排查隐患。'))![1]);
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('/导入 名册 asked after the 简报 window: the workbook is the roster, not an attachment', async () => {
    clock.advance(60_000);
    expect(await reply('/导入 名册')).toContain('请在 30 分钟内把名册文件');
    const workbook = await rosterWorkbook([['东湾村党支部', '先后甲', '13900007801', '党员', '否']]);
    const answer = await reply('', { fileBase64: workbook.toString('base64'), fileName: '名册.xlsx' });
    expect(answer).toContain('新增党员 1 名');
    expect(await db().briefingAttachment.count({ where: { briefingId } })).toBe(0);
  });

  it('the 简报 window opened after /导入 名册: the PDF is an attachment, and the roster question stays open', async () => {
    clock.advance(60_000);
    await reply('/取消');
    expect(await reply('/导入 名册')).toContain('请在 30 分钟内把名册文件');
    clock.advance(60_000);
    expect(await reply(`/简报 附件 ${briefingId}`)).toContain('请发送附件');
    const pdf = await makePdf('先后');
    const answer = await reply('', { fileBase64: pdf.toString('base64'), fileName: '检查记录.pdf' });
    expect(answer).toMatch(/已附上：检查记录\.pdf（附件 \d+）/u);
    expect(await db().briefingAttachment.count({ where: { briefingId } })).toBe(1);
    expect(await db().pendingAction.count({ where: { chatId: DW, kind: 'roster.await_file' } })).toBe(1);
  });
});
