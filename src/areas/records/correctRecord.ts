import { UserError } from '../../core/errors/UserError.ts';
import { instantToIso } from '../../core/time/calendarDay.ts';
import { toHalfWidth } from '../../core/text/toHalfWidth.ts';
import type { CommandContext } from '../../engine/commands/types.ts';
import type { MessageView } from '../../../cards/MessageView.ts';
import { activityName } from './cadence.ts';
import { readCheckedRecord } from './readCheckedRecord.ts';
import { saveAndReceipt } from './saveAndReceipt.ts';

export const CORRECT_USAGE = '/会议记录 修改 <编号>（先发这一句取回原记录，改好后连同这一句一起发回）';

/**
 * `/会议记录 修改 <编号>`: without a body, the record as a filled-in form to copy and change; with one, the corrected
 * record replaces it (points and 学时 computed anew, the old one kept as replaced).
 */
export async function correctRecord(ctx: CommandContext, text: string): Promise<MessageView> {
  const [firstLine = '', ...more] = text.split(/\r?\n/u);
  const m = /^修改[\s\u3000]*(?:(\d{4})[年\-/.])?第?[\s\u3000]*(\d{1,4})[\s\u3000]*号?$/u.exec(toHalfWidth(firstLine.trim()));
  if (!m) throw new UserError('请写要修改的记录编号（回执上的「第 N 号」），如：/会议记录 修改 12', CORRECT_USAGE);
  const organizationId = ctx.group!.organizationId!;
  const currentYear = Number(instantToIso(ctx.clock.now(), ctx.config.TZ_NAME).slice(0, 4));
  const year = m[1] ? Number(m[1]) : currentYear;
  const seq = Number(m[2]);
  const old = await ctx.db.activity.findUnique({
    where: { organizationId_year_seq: { organizationId, year, seq } },
    include: { attendees: { where: { present: true }, include: { member: true }, orderBy: { id: 'asc' } } },
  });
  if (!old) throw new UserError(`本支部没有${year}年第 ${seq} 号会议记录。`, CORRECT_USAGE);
  if (old.status !== 'ACTIVE') throw new UserError(`${year}年第 ${seq} 号记录已经${old.status === 'REPLACED' ? '被替换' : '撤销'}了，不能再修改。`);
  const body = more.join('\n');
  const programme = old.programmeCode ? await ctx.db.programme.findUnique({ where: { code: old.programmeCode }, select: { name: true } }) : null;
  if (!body.trim()) {
    const form = [
      `/会议记录 修改 ${year === currentYear ? seq : `${year}年${seq}号`}`,
      `类型：${activityName(old.type)}`,
      `日期：${old.heldOn.toISOString().slice(0, 10)}`,
      `主题：${old.topic}`,
      ...(old.expectedCount !== null ? [`应到：${old.expectedCount}`] : []),
      // 实到 follows the names when there are names; kept only for a record that has none.
      ...(old.presentCount !== null && old.attendees.length === 0 ? [`实到：${old.presentCount}`] : []),
      ...(old.attendees.length ? [`参加人员：${old.attendees.map((a) => a.member.name).join('、')}`] : []),
      ...(old.hours !== null ? [`学时：${old.hours}`] : []),
      ...(programme ? [`项目：${programme.name}`] : []),
      ...(old.summary ? [`摘要：${old.summary}`] : []),
    ].join('\n');
    return {
      kind: 'record_correct_form',
      title: `修改第 ${seq} 号记录`,
      tone: 'info',
      lines: ['复制下面的内容，改好后整段发回（第一行不要改）：', form],
      note: '发回后原记录保留为「已替换」，积分和学时按修改后的内容重新计算。',
    };
  }
  const { record } = await readCheckedRecord(ctx, body);
  return saveAndReceipt(ctx, { ...record, replacesActivityId: old.id });
}
