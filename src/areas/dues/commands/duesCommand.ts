import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import type { CommandContext } from '../../../engine/commands/types.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { tokenize } from '../../../core/text/tokenize.ts';
import { contextOrgId } from '../../../engine/commands/checkPermission.ts';
import { instantToIso } from '../../../core/time/calendarDay.ts';
import { resolveNamedMembers } from '../../../engine/identity/resolveNamedMembers.ts';
import { extractMentionTokens } from '../../../engine/identity/resolveNamedMembers.ts';
import { orgsUnderRoles } from '../../points/pointScope.ts';
import { DUES_USAGE, formatMonths, formatYuan, parseDuesAmount, parseDuesMonths } from '../parseDuesEntry.ts';
import { lastDueMonth } from '../duesStatus.ts';
import { loadDuesBoard, type MemberDues } from '../loadDuesBoard.ts';
import { recordDues } from '../recordDues.ts';

const RECORDERS = ['SECRETARY', 'ORG_COMMITTEE'] as const;
const VIEWERS = ['SECRETARY', 'ORG_COMMITTEE', 'ADMIN', 'LEADING_GROUP'] as const;
const USAGE = '/党费 [登记 <姓名> <年月> <金额>] 或 /党费 [姓名]';

async function findOne(ctx: CommandContext, text: string, orgIds: number[], usage: string) {
  const { names, rest } = extractMentionTokens(text);
  const all = [...names, ...tokenize(rest)];
  const name = all[0];
  if (!name) throw new UserError('缺少「姓名」。', usage);
  const result = await resolveNamedMembers(ctx.db, [name], orgIds, ctx.mentions);
  if (result.outside.length > 0) throw new UserError(`${result.outside[0]} 不是你所管支部的党员，不能操作。`, usage);
  if (result.unknown.length > 0) throw new UserError(`在你所管的支部里没有找到党员「${name}」，请核对姓名。`, usage);
  if (result.ambiguous.length > 0) throw new UserError(`「${name}」有 ${result.ambiguous[0]!.count} 位同名党员，请在群里@本人。`, usage);
  return { member: result.found[0]!, rest: all.slice(1) };
}

function owedText(d: MemberDues): string {
  return d.owed.length ? `欠缴 ${formatMonths(d.owed)}（${d.owed.length} 个月）` : '已缴清';
}

function paidText(d: MemberDues): string {
  const months = [...d.paid.keys()].sort((a, b) => a - b);
  if (!months.length) return '今年尚未登记';
  const total = [...d.paid.values()].reduce((s, c) => s + c, 0);
  return `已缴 ${formatMonths(months)}，共 ${formatYuan(total)} 元`;
}

export const duesCommand = defineCommand({
  name: '党费',
  keywords: ['党费', '交党费', '缴党费', '欠缴', '党费登记'],
  ask: '登记和查看党费缴纳',
  summary: '登记和查看党员每月党费缴纳情况（书记、组织委员登记）',
  usage: USAGE,
  examples: ['/党费 登记 赵大勇 2026年11月 30', '/党费 登记 赵大勇 1-6月 30', '/党费', '/党费 赵大勇'],
  help: `金额以元为单位，指每月金额；可一次登记几个月（如「1-6月」）。已登记过的月份不会重复登记。应缴月份算到上个月（本月还可以缴）。`,
  roles: VIEWERS,
  args: [{ name: '内容', type: 'rest', optional: true }] as const,
  async run(ctx) {
    const today = instantToIso(ctx.clock.now(), ctx.config.TZ_NAME);
    const year = Number(today.slice(0, 4));
    const text = ctx.rest.trim();
    if (text.startsWith('登记')) {
      const scope = await orgsUnderRoles(ctx, RECORDERS);
      if (scope.length === 0) throw new UserError('只有支部书记或组织委员可以登记党费。', DUES_USAGE);
      const { member, rest } = await findOne(ctx, text.slice(2), scope, DUES_USAGE);
      if (rest.length < 2) throw new UserError('缺少「年月」或「金额」。', DUES_USAGE);
      if (rest.length > 2) throw new UserError(`多写了「${rest.slice(2).join(' ')}」，一次登记一位党员的一段月份。`, DUES_USAGE);
      const period = parseDuesMonths(rest[0]!, year);
      const amountCents = parseDuesAmount(rest[1]!);
      const result = await recordDues(ctx.db, {
        memberId: member.id,
        organizationId: member.organizationId,
        year: period.year,
        months: period.months,
        amountCents,
        actorId: ctx.actor!.memberId,
        platform: ctx.event.platform,
        at: ctx.clock.now(),
      });
      const [status] = await loadDuesBoard(ctx.db, [member.organizationId], period.year, lastDueMonth(period.year, today), [member.id]);
      const lines: string[] = [];
      if (result.added.length)
        lines.push(
          `${member.name} ${period.year}年${formatMonths(result.added)}，每月 ${formatYuan(amountCents)} 元，共 ${formatYuan(amountCents * result.added.length)} 元`,
        );
      if (result.already.length) {
        lines.push(
          `${period.year}年${formatMonths(result.already.map((a) => a.month))}已经登记过（${[...new Set(result.already.map((a) => formatYuan(a.amountCents)))].join('、')} 元/月），没有重复登记。`,
        );
      }
      if (status) lines.push(`${period.year}年：${paidText(status)}；${owedText(status)}`);
      return {
        kind: result.added.length ? 'dues_recorded' : 'dues_already_recorded',
        title: result.added.length ? '已登记党费' : '党费已登记过',
        tone: result.added.length ? 'success' : 'info',
        lines,
        ...(result.added.length ? { note: `登记人：${ctx.actor!.name}，已记入操作日志。` } : {}),
      };
    }

    const scope = await orgsUnderRoles(ctx, VIEWERS);
    const asOf = lastDueMonth(year, today);
    const cutoff = asOf > 0 ? `应缴月份算到 ${asOf} 月（本月还可以缴）。` : '今年还没有到期的月份。';
    if (text) {
      const { member, rest } = await findOne(ctx, text, scope, USAGE);
      if (rest.length) throw new UserError(`看不懂「${rest.join(' ')}」。登记请写：${DUES_USAGE}`, USAGE);
      const [d] = await loadDuesBoard(ctx.db, [member.organizationId], year, asOf, [member.id]);
      const months = [...d!.paid.keys()].sort((a, b) => a - b);
      return {
        kind: 'dues_member',
        title: `${member.name} ${year}年党费`,
        tone: 'info',
        lines: [paidText(d!), owedText(d!), cutoff],
        ...(months.length ? { table: { columns: ['月份', '金额（元）'], rows: months.map((m) => [`${m}月`, formatYuan(d!.paid.get(m)!)]) } } : {}),
      };
    }

    const orgId = contextOrgId(ctx);
    if (orgId === null || !scope.includes(orgId)) throw new UserError('请在支部工作群里查看，或写党员姓名：/党费 赵大勇', USAGE);
    const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: orgId } });
    const board = await loadDuesBoard(ctx.db, [orgId], year, asOf);
    if (board.length === 0) throw new UserError(`${org.name}没有党员。请在支部工作群里查看本支部的党费，或写党员姓名：/党费 赵大勇`, USAGE);
    const owing = board.filter((d) => d.owed.length > 0);
    const total = board.reduce((s, d) => s + [...d.paid.values()].reduce((a, c) => a + c, 0), 0);
    const byMonth = new Map<number, string[]>();
    for (const d of owing) for (const m of d.owed) byMonth.set(m, [...(byMonth.get(m) ?? []), d.name]);
    return {
      kind: 'dues_board',
      title: `${org.name} ${year}年党费`,
      tone: owing.length ? 'warning' : 'success',
      lines: [`党员 ${board.length} 人，已缴清 ${board.length - owing.length} 人，欠缴 ${owing.length} 人；今年已登记 ${formatYuan(total)} 元。`, cutoff],
      sections: [
        ...(owing.length
          ? [{ heading: '欠缴（按月份）', lines: [...byMonth.keys()].sort((a, b) => a - b).map((m) => `${m}月：${byMonth.get(m)!.join('、')}`) }]
          : []),
        {
          heading: '已缴清',
          lines: [
            board
              .filter((d) => !d.owed.length)
              .map((d) => d.name)
              .join('、') || '（无）',
          ],
        },
      ],
    };
  },
});
