import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { dateColumnToIso, daysBetween, showDay, instantToIso } from '../../../core/time/calendarDay.ts';
import type { CommandContext } from '../../../engine/commands/types.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';
import { parseProblemForm, PROBLEM_TEMPLATE } from '../problemForm.ts';
import { closeProblem, createProblem, findProblem, ledgerStatusLine, resolveEvidence } from '../problemService.ts';
import { loadLedgerRules } from '../ledgerRules.ts';
import { orgDescendants } from '../../../engine/identity/orgAncestors.ts';

const usage = '/问题 [新增 | 进展 <编号> <说明> | 销号 <编号> <证据> | 汇总]';

export const problemCommand = defineCommand({
  name: '问题',
  aliases: ['问题台账'],
  keywords: ['问题台账', '整改', '销号', '突出问题'],
  ask: '查看和登记问题台账',
  summary: '支部问题台账：登记突出问题、报进展、凭证据销号',
  usage,
  examples: ['/问题', '/问题 新增', '/问题 进展 1 已召开专题支委会研究整改', '/问题 销号 1 记录 12', '/问题 销号 2 刚发的照片'],
  roles: 'member',
  where: 'boundGroup',
  args: [{ name: '内容', type: 'rest', optional: true, maxLength: 3000 }] as const,
  help: '每个支部确定 2–3 个最突出的问题，写明问题、原因、整改目标、措施、时限和责任人；整改完成后附会议记录或痕迹照片销号。',
  async run(ctx, args) {
    const text = args['内容'] ?? '';
    const firstLine = text.split(/\r?\n/)[0]!.trim();
    const [action = '', ...rest] = firstLine.split(/[\s\u3000]+/u).filter(Boolean);
    const orgId = ctx.group!.organizationId!;
    if (action === '汇总') return overviewView(ctx, orgId);
    if (ctx.group!.purpose !== 'BRANCH') {
      throw new UserError('这个指令只能在支部群里使用；组织办和领导小组可以在本群发送「/问题 汇总」查看各支部的问题台账。', usage);
    }
    const now = ctx.clock.now();
    const today = instantToIso(now, ctx.config.TZ_NAME);
    const year = Number(today.slice(0, 4));
    if (!action || action === '列表' || action === '查看') return listView(ctx, orgId, year, today);
    if (!['新增', '进展', '销号'].includes(action)) throw new UserError(`不认识的操作「${action}」。`, usage);
    if (!(await actorHasRole(ctx, ['SECRETARY', 'ORG_COMMITTEE'], orgId))) {
      throw new UserError('只有本支部书记或组织委员可以登记、更新和销号问题台账。');
    }
    const actorId = ctx.actor!.memberId;
    if (action === '新增') {
      const body = text.slice(text.indexOf('新增') + 2).trim();
      if (!body) {
        return {
          kind: 'problem_template',
          title: '登记问题台账',
          tone: 'info',
          lines: ['请复制下面的格式，逐项填写后发送（每项一行，内容可以换行续写）：', PROBLEM_TEMPLATE],
          note: '时限写完成整改的日期；责任人写姓名。',
        };
      }
      const form = parseProblemForm(body, now, ctx.config.TZ_NAME);
      const { entry, count, rules } = await createProblem(ctx.db, { organizationId: orgId, year, form, actorId });
      return {
        kind: 'problem_created',
        title: `已登记第 ${entry.seq} 号问题`,
        tone: 'success',
        fields: [
          { label: '问题', value: entry.problem },
          { label: '时限', value: showDay(form.deadline, today) },
          { label: '责任人', value: entry.responsible },
        ],
        lines: [ledgerStatusLine(count, rules, year, today)],
        note: `整改有进展时发送「/问题 进展 ${entry.seq} 说明」；完成后发送「/问题 销号 ${entry.seq} 记录<编号>」或先发照片再「/问题 销号 ${entry.seq} 刚发的照片」。`,
      };
    }
    const ref = rest[0];
    if (!ref) throw new UserError('请写问题编号。', action === '进展' ? '/问题 进展 <编号> <说明>' : '/问题 销号 <编号> <证据>');
    const entry = await findProblem(ctx.db, orgId, ref, year);
    const tail = text.slice(text.indexOf(ref, text.indexOf(action)) + ref.length).trim();
    if (action === '进展') {
      if (!tail) throw new UserError('请写进展说明。', '/问题 进展 <编号> <说明>');
      if (tail.length > 1000) throw new UserError('进展说明太长了（最多 1000 字）。', '/问题 进展 <编号> <说明>');
      if (entry.status === 'CLOSED') throw new UserError(`第 ${entry.seq} 号问题已经销号，不需要再报进展。`);
      await ctx.db.$transaction(async (tx) => {
        await tx.problemProgress.create({ data: { problemId: entry.id, note: tail, authorId: actorId, createdAt: now } });
        await writeAudit(tx, { actorId, action: 'problem.progress', targetType: 'ProblemEntry', targetId: entry.id });
      });
      const deadline = dateColumnToIso(entry.deadline);
      const left = daysBetween(today, deadline);
      return {
        kind: 'problem_progress',
        title: `已记录第 ${entry.seq} 号问题的进展`,
        tone: 'success',
        lines: [tail, left >= 0 ? `距整改时限（${showDay(deadline, today)}）还有 ${left} 天。` : `⚠️ 已超过整改时限 ${-left} 天。`],
      };
    }
    const evidence = await resolveEvidence(ctx.db, {
      organizationId: orgId,
      year,
      text: tail,
      now,
      windowMinutes: ctx.config.PHOTO_LINK_WINDOW_MINUTES,
    });
    await closeProblem(ctx.db, { entryId: entry.id, evidence, actorId, now, zone: ctx.config.TZ_NAME });
    return {
      kind: 'problem_closed',
      title: `第 ${entry.seq} 号问题已销号`,
      tone: 'success',
      lines: [entry.problem, `整改证据：${evidence.label}`],
    };
  },
});

/** 督办: every branch below this group's organisation, with its count against 2–3 and its overdue entries. */
async function overviewView(ctx: CommandContext, orgId: number): Promise<MessageView> {
  if (!(await actorHasRole(ctx, ['ADMIN', 'LEADING_GROUP', 'ASSESSOR'], orgId))) {
    throw new UserError('只有组织办、领导小组和考核小组可以查看各支部的问题台账汇总。');
  }
  const today = instantToIso(ctx.clock.now(), ctx.config.TZ_NAME);
  const year = Number(today.slice(0, 4));
  const rules = await loadLedgerRules(ctx.db);
  const ids = await orgDescendants(ctx.db, orgId);
  const branches = await ctx.db.organization.findMany({
    where: { id: { in: ids }, level: 'BRANCH' },
    include: { problems: { where: { year } } },
    orderBy: { id: 'asc' },
  });
  const short = branches.filter((b) => b.problems.length < rules.min);
  return {
    kind: 'problem_overview',
    title: `问题台账汇总 · ${year}`,
    tone: short.length ? 'warning' : 'info',
    lines: [
      `共 ${branches.length} 个支部，要求每个支部 ${rules.min}–${rules.max} 条（${Number(rules.due.slice(0, 2))}月${Number(rules.due.slice(3))}日前报送）。`,
      short.length ? `不足 ${rules.min} 条的支部：${short.map((b) => b.shortName ?? b.name).join('、')}` : '各支部条数均已达到要求。',
    ],
    table: {
      columns: ['支部', '条数', '整改中', '已超期', '已销号'],
      rows: branches.map((b) => {
        const open = b.problems.filter((p) => p.status === 'OPEN');
        const overdue = open.filter((p) => dateColumnToIso(p.deadline) < today);
        return [b.shortName ?? b.name, String(b.problems.length), String(open.length), String(overdue.length), String(b.problems.length - open.length)];
      }),
    },
  };
}

async function listView(ctx: CommandContext, orgId: number, year: number, today: string): Promise<MessageView> {
  const entries = await ctx.db.problemEntry.findMany({
    where: { organizationId: orgId, year },
    orderBy: { seq: 'asc' },
    include: { progress: { orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  const rules = await loadLedgerRules(ctx.db);
  return {
    kind: 'problem_list',
    title: `问题台账 · ${ctx.group!.organizationName} · ${year}`,
    tone: 'info',
    lines: [ledgerStatusLine(entries.length, rules, year, today)],
    table: {
      columns: ['编号', '问题', '时限', '责任人', '状态'],
      rows: entries.map((e) => {
        const deadline = dateColumnToIso(e.deadline);
        const state = e.status === 'CLOSED' ? '已销号' : deadline < today ? '已超期' : e.progress.length ? '整改中' : '未开始';
        return [String(e.seq), e.problem.length > 30 ? `${e.problem.slice(0, 30)}…` : e.problem, showDay(deadline, today), e.responsible, state];
      }),
    },
    note: entries.length ? '发送「/问题 进展 <编号> <说明>」或「/问题 销号 <编号> <证据>」。' : '发送「/问题 新增」获取登记格式。',
  };
}
