import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole, contextOrgId } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { tokenize, toHalfWidth } from '../../../engine/commands/parseArgs.ts';
import { findProgramme, programmeProgress } from '../programmeProgress.ts';

const usage = '/项目 [登记 <项目> [数量] [说明]]';

export const programmeCommand = defineCommand({
  name: '项目',
  keywords: ['项目', '八百', '百名', '百个', '181'],
  ask: '查看项目进度',
  summary: '“八百”计划等项目进度（对照目标），登记完成数',
  usage,
  examples: ['/项目', '/项目 登记 党建品牌 1 东湾村“红色渔港”品牌', '/项目 登记 3 2 党性教育专题讲学'],
  roles: 'member',
  args: [{ name: '内容', type: 'rest', optional: true, maxLength: 500 }] as const,
  help: '会议记录里加一行「项目：<项目序号或名称>」（如「项目：讲学拉练」），这次活动就自动计入该项目的完成数；其他成果由书记、联络员、组织办或领导小组用「/项目 登记」登记。',
  async run(ctx, args) {
    const text = args['内容'] ?? '';
    const [action, name, ...rest] = tokenize(text);
    if (!action || action === '进度' || action === '查看') {
      const rows = await programmeProgress(ctx.db);
      return {
        kind: 'programme_progress',
        title: '项目进度（对照目标）',
        tone: 'info',
        table: {
          columns: ['序号', '项目', '完成', '目标', '进度'],
          rows: rows.map((r, i) => [String(i + 1), r.name, `${r.done}${r.unit}`, `${r.target}${r.unit}`, `${Math.round((r.done / r.target) * 100)}%`]),
        },
        note: '登记完成数：/项目 登记 <项目序号或名称> [数量] [说明]',
      };
    }
    if (action !== '登记') throw new UserError(`不认识的操作「${action}」。`, usage);
    if (!(await actorHasRole(ctx, ['SECRETARY', 'LIAISON', 'ADMIN', 'LEADING_GROUP']))) {
      throw new UserError('只有书记、联络员、组织办或领导小组成员可以登记项目进度。');
    }
    if (!name) throw new UserError('请写项目名称或序号。', '/项目 登记 <项目> [数量] [说明]');
    const programme = await findProgramme(ctx.db, name);
    let amount = 1;
    let noteParts = rest;
    if (rest[0] !== undefined && /^\d+$/.test(toHalfWidth(rest[0]))) {
      amount = Number(toHalfWidth(rest[0]));
      noteParts = rest.slice(1);
    }
    if (amount < 1 || amount > 1000) throw new UserError(`数量应在 1 到 1000 之间，收到的是 ${amount}。`, '/项目 登记 <项目> [数量] [说明]');
    const organizationId = contextOrgId(ctx);
    const note = noteParts.join(' ') || null;
    await ctx.db.$transaction(async (tx) => {
      const entry = await tx.programmeEntry.create({ data: { programmeId: programme.id, organizationId, amount, note, createdById: ctx.actor!.memberId } });
      await writeAudit(tx, { actorId: ctx.actor!.memberId, action: 'programme.registered', targetType: 'ProgrammeEntry', targetId: entry.id, detail: { code: programme.code, amount } });
    });
    const [progress] = (await programmeProgress(ctx.db)).filter((p) => p.id === programme.id);
    return {
      kind: 'programme_registered',
      title: '已登记项目进度',
      tone: 'success',
      lines: [`${programme.name}：+${amount}${programme.unit}${note ? `（${note}）` : ''}`, `累计 ${progress!.done}/${progress!.target}${programme.unit}（${Math.round((progress!.done / progress!.target) * 100)}%）。`],
    };
  },
});
