import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { instantToIso } from '../../../core/time/calendarDay.ts';
import { askPending } from '../../../engine/pending/pendingStore.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import { attachmentLabel, lastUndoable, photoLabel, recordLabel, UNDO_WINDOW_HOURS, type Undoable } from '../undoService.ts';
import { UNDO } from '../undoHandler.ts';

const usage = '/撤销（撤销自己最近一次操作）| /撤销 记录 <编号> | /撤销 照片 <编号> | /撤销 附件 <编号>';

export const undoCommand = defineCommand({
  name: '撤销',
  aliases: ['撤回'],
  keywords: ['撤销', '撤回', '登记错了', '删掉', '删除', '弄错了', '填错了'],
  ask: '撤销自己刚才的登记',
  summary: `撤销自己 ${UNDO_WINDOW_HOURS} 小时内最近一次登记（会议记录、加分扣分、项目登记、痕迹照片、简报附件）`,
  usage,
  examples: ['/撤销', '/撤销 记录 12', '/撤销 照片 5', '/撤销 附件 7'],
  help: '先告诉你要撤销的是哪一条，回复 /确认 才撤销。书记、组织委员和组织办可以按编号撤销本支部的会议记录和痕迹照片（照片编号见照片回执或 /痕迹）；简报附件按附件编号（见附件回执或 /查看简报）撤销，附件的上传人、简报报送人也可以。撤销留有记录，原内容不删除。',
  roles: 'member',
  args: [{ name: '内容', type: 'rest', optional: true, maxLength: 100 }] as const,
  async run(ctx, args) {
    const words = toHalfWidth(args['内容'] ?? '')
      .split(/[\s\u3000]+/u)
      .filter(Boolean);
    const now = ctx.clock.now();
    const currentYear = Number(instantToIso(now, ctx.config.TZ_NAME).slice(0, 4));
    let target: Undoable | null;
    if (words.length === 0) {
      target = await lastUndoable(ctx.db, ctx.actor!.memberId, now, currentYear);
      if (!target)
        throw new UserError(
          `你在 ${UNDO_WINDOW_HOURS} 小时内没有可以撤销的登记。更早的会议记录、照片请书记发送「/撤销 记录 <编号>」「/撤销 照片 <编号>」。`,
          usage,
        );
    } else if (words[0] === '记录') {
      target = await recordByNumber(ctx, words.slice(1).join(''), currentYear);
    } else if (words[0] === '照片' || words[0] === '图片') {
      target = await photoByNumber(ctx, words.slice(1).join(''), currentYear);
    } else if (words[0] === '附件' || words[0] === '简报附件') {
      target = await attachmentByNumber(ctx, words.slice(1).join(''));
    } else {
      throw new UserError(`不认识「${words.join(' ')}」。`, usage);
    }
    await askPending(
      ctx.db,
      { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId },
      UNDO,
      { kind: target.kind, id: target.id, label: target.label },
      now,
    );
    return { kind: 'undo_question', title: '确认撤销？', tone: 'warning', lines: [`要撤销的是：${target.label}。`, '确认请发送 /确认，不撤销请发送 /取消。'] };
  },
});

/** 「12」 for this year's 12th record of the group's branch, 「2025-12」 or 「2025年12号」 for another year's. */
async function recordByNumber(ctx: Parameters<typeof undoCommand.run>[0], text: string, currentYear: number): Promise<Undoable> {
  const m = /^(?:(\d{4})[年\-/.])?第?(\d{1,4})号?$/u.exec(text);
  if (!m) throw new UserError('请写记录编号（回执上的「第 N 号」），如：/撤销 记录 12；去年的写 /撤销 记录 2025年12号', usage);
  const orgId = ctx.group?.organizationId;
  if (!orgId || ctx.group?.purpose !== 'BRANCH') throw new UserError('按编号撤销会议记录要在该支部的支部群里发送。', usage);
  if (!(await actorHasRole(ctx, ['SECRETARY', 'ORG_COMMITTEE', 'ADMIN'], orgId)))
    throw new UserError('只有本支部书记、组织委员或组织办可以按编号撤销会议记录；自己刚登记的可以直接发送 /撤销。');
  const year = m[1] ? Number(m[1]) : currentYear;
  const record = await ctx.db.activity.findUnique({ where: { organizationId_year_seq: { organizationId: orgId, year, seq: Number(m[2]) } } });
  if (!record) throw new UserError(`本支部没有${year}年第 ${Number(m[2])} 号会议记录。发送 /进度 可以查看已登记的记录。`);
  if (record.status !== 'ACTIVE') throw new UserError(`${recordLabel(record, currentYear)}已经${record.status === 'REPLACED' ? '被替换' : '撤销'}了。`);
  return { kind: 'record', id: record.id, at: record.createdAt, label: recordLabel(record, currentYear) };
}

/** 「5」「5号」「#5」: a 痕迹 photo of an organisation the caller answers for, by the number its receipt and /痕迹 show. */
async function photoByNumber(ctx: Parameters<typeof undoCommand.run>[0], text: string, currentYear: number): Promise<Undoable> {
  const m = /^[#第]?(\d{1,9})号?$/u.exec(text);
  if (!m) throw new UserError('请写照片编号（照片回执或 /痕迹 里的编号），如：/撤销 照片 5', usage);
  const photo = await ctx.db.tracePhoto.findUnique({ where: { id: Number(m[1]) }, include: { activity: true } });
  if (!photo) throw new UserError(`没有编号 ${Number(m[1])} 的痕迹照片。发送 /痕迹 可以查看本支部的照片编号。`);
  // In a branch group only that branch's photos, so a number typed in the wrong group is not withdrawn elsewhere.
  if (ctx.group?.purpose === 'BRANCH' && ctx.group.organizationId !== photo.organizationId)
    throw new UserError(`照片 ${photo.id} 不是本支部的痕迹，请在它所属支部的群里撤销。`);
  if (!(await actorHasRole(ctx, ['SECRETARY', 'ORG_COMMITTEE', 'ADMIN'], photo.organizationId))) {
    throw new UserError('只有照片所属支部的书记、组织委员或组织办可以按编号撤销照片；自己刚发的照片可以直接发送 /撤销。');
  }
  if (photo.revokedAt) throw new UserError(`${photoLabel(photo, currentYear)}已经撤销了。`);
  return { kind: 'photo', id: photo.id, at: photo.createdAt, label: photoLabel(photo, currentYear) };
}

/** 「7」「7号」「#7」: a 简报 attachment, by its uploader, the 简报's author, or the 书记/组织委员/组织办 of its organisation. */
async function attachmentByNumber(ctx: Parameters<typeof undoCommand.run>[0], text: string): Promise<Undoable> {
  const m = /^[#第]?(\d{1,9})号?$/u.exec(text);
  if (!m) throw new UserError('请写附件编号（附件回执或 /查看简报 里「附件 N」的数字），如：/撤销 附件 7', usage);
  const attachment = await ctx.db.briefingAttachment.findUnique({ where: { id: Number(m[1]) }, include: { briefing: { include: { organization: true } } } });
  // The realm filters organisations: an attachment of the other world (demo or real) is not there.
  const visible = attachment && (await ctx.db.organization.count({ where: { id: attachment.briefing.organizationId } })) > 0;
  if (!attachment || !visible) throw new UserError(`没有编号 ${Number(m[1])} 的简报附件。发送 /查看简报 <简报编号> 可以查看附件编号。`);
  const me = ctx.actor!.memberId;
  const allowed =
    attachment.uploaderId === me ||
    attachment.briefing.authorId === me ||
    (await actorHasRole(ctx, ['SECRETARY', 'ORG_COMMITTEE', 'ADMIN'], attachment.briefing.organizationId));
  if (!allowed) throw new UserError('只有附件的上传人、简报的报送人，或简报所属组织的书记、组织委员、组织办可以撤销这份附件。');
  if (attachment.revokedAt) throw new UserError(`${attachmentLabel(attachment)}已经撤销了。`);
  return { kind: 'attachment', id: attachment.id, at: attachment.createdAt, label: attachmentLabel(attachment) };
}
