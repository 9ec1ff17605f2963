import type { CommandContext, CommandResult } from '../../../engine/commands/types.ts';
import type { AssessmentKind } from '../../../core/generated/prisma/enums.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { instantToIso } from '../../../core/time/calendarDay.ts';
import { tokenize } from '../../../core/text/tokenize.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import {
  acceptProposals,
  compareAssessments,
  currentAssessment,
  finalizeAssessment,
  findItem,
  kindNames,
  loadAssessment,
  scoreItem,
  startAssessment,
  type FullAssessment,
} from '../assessmentService.ts';
import { assessmentSheetView, finalView, itemView } from '../assessmentViews.ts';
import { parsePeriod, type Period } from '../period.ts';
import { periodName } from '../period.ts';

export interface ActionInput {
  organizationId: number;
  organizationName: string;
  kind: AssessmentKind;
  /** How to write the command up to the action: "/考评 东湾村党支部" or "/自评". */
  prefix: string;
  defaultPeriod: Period;
  finishWord: string;
}

const ACTIONS = ['开始', '评分', '采纳', '查看', '对比', '完成', '提交'];

/** The sub-commands shared by /考评 (team) and /自评 (self): 开始 · 评分 · 采纳 · 查看 · 对比 · 完成. */
export async function runAssessmentAction(ctx: CommandContext, input: ActionInput, text: string): Promise<CommandResult> {
  const usage = `${input.prefix} 开始 [期间] | 评分 <项目编号> <分数> [扣分原因] | 采纳 <项目编号|全部> | 查看 [项目编号|期间] | 对比 [期间] | ${input.finishWord}`;
  const [action = '查看', ...rest] = tokenize(text);
  if (!ACTIONS.includes(action)) throw new UserError(`不认识的操作「${action}」。`, usage);
  const actorId = ctx.actor!.memberId;
  const now = ctx.clock.now();
  const today = instantToIso(now, ctx.config.TZ_NAME);
  const requireCurrent = async (period?: string): Promise<FullAssessment> => {
    const a = await currentAssessment(ctx.db, input.organizationId, input.kind, period);
    if (!a) {
      throw new UserError(
        `${input.organizationName} 还没有${period ? ` ${periodName(period)}的` : ''}${kindNames[input.kind]}。请先发送「${input.prefix} 开始 [期间]」。`,
        usage,
      );
    }
    return a;
  };

  switch (action) {
    case '开始': {
      if (rest.length > 1) throw new UserError('「开始」后面只写期间。', usage);
      const period = rest[0] ? parsePeriod(rest[0]) : input.defaultPeriod;
      const { assessment, created } = await startAssessment(ctx.db, { organizationId: input.organizationId, kind: input.kind, period, actorId, today });
      const proposed = assessment.scores.filter((s) => s.proposedScore !== null);
      const view = assessmentSheetView(assessment, input.prefix);
      view.title = `${created ? '已开始' : '已刷新'}${kindNames[input.kind]} · ${input.organizationName} · ${periodName(period.label)}`;
      view.lines = [
        `系统已依据会议记录、照片和学时为 ${proposed.length} 项给出建议分，其余 ${assessment.scores.length - proposed.length} 项请逐项评分。`,
        ...(view.lines ?? []),
      ];
      return view;
    }
    case '评分': {
      const [code, scoreText, ...reasonParts] = rest;
      if (!code || scoreText === undefined) throw new UserError('请写项目编号和分数。', `${input.prefix} 评分 <项目编号> <分数> [扣分原因]`);
      const score = Number(toHalfWidth(scoreText));
      if (!Number.isFinite(score)) throw new UserError(`分数应是数字，收到的是「${scoreText}」。`, `${input.prefix} 评分 <项目编号> <分数> [扣分原因]`);
      const a = await requireCurrent();
      const result = await scoreItem(ctx.db, a, { code, score, reason: reasonParts.join(' '), actorId, now });
      const updated = (await loadAssessment(ctx.db, a.id))!;
      const view = itemView(updated, result.item.code, `已评分：${result.item.code} ${result.item.name} ${score}/${result.item.maxPoints}`);
      view.tone = 'success';
      if (result.overriding) view.lines = [`已改判（系统建议 ${result.proposed} 分），理由已记录。`, ...(view.lines ?? [])];
      return view;
    }
    case '采纳': {
      const target = rest[0];
      if (!target) throw new UserError('请写要采纳的项目编号，或「全部」。', `${input.prefix} 采纳 <项目编号|全部>`);
      const a = await requireCurrent();
      const all = target === '全部' || target === 'all';
      const count = await acceptProposals(ctx.db, a, { code: all ? 'all' : target, actorId, now });
      const updated = (await loadAssessment(ctx.db, a.id))!;
      if (!all) {
        const view = itemView(updated, target, `已采纳系统建议：${findItem(updated, target).item.code}`);
        view.tone = 'success';
        return view;
      }
      const view = assessmentSheetView(updated, input.prefix);
      view.lines = [count ? `已采纳 ${count} 项系统建议分。` : '没有待采纳的建议分（已评分的项目不会被覆盖）。', ...(view.lines ?? [])];
      return view;
    }
    case '查看': {
      const arg = rest[0];
      if (arg && /^\d{4}/.test(arg)) return assessmentSheetView(await requireCurrent(parsePeriod(arg).label), input.prefix);
      const a = await requireCurrent();
      if (arg) {
        findItem(a, arg);
        return itemView(a, arg, undefined, input.prefix);
      }
      return assessmentSheetView(a, input.prefix);
    }
    case '对比': {
      const period = rest[0] ? parsePeriod(rest[0]).label : undefined;
      const team = await latest(ctx, input.organizationId, 'TEAM', period);
      const self = await latest(ctx, input.organizationId, 'SELF', period, team?.period.slice(0, 4));
      if (!team || !self) {
        throw new UserError(`${input.organizationName} ${period ? periodName(period) : ''}还${!self ? '没有支部自评' : '没有考核小组考评'}，无法对比。`);
      }
      const { rows, differing } = compareAssessments(self, team);
      return {
        kind: 'assessment_compare',
        title: `自评与考评对比 · ${input.organizationName}`,
        tone: 'info',
        lines: [
          `自评 ${periodName(self.period)}（${self.status === 'FINAL' ? `${self.totalScore} 分` : '未提交'}）　考评 ${periodName(team.period)}（${team.status === 'FINAL' ? `${team.totalScore} 分` : '评分中'}）`,
          differing.length ? `有 ${differing.length} 项分数不同：` : '逐项分数一致（未评的项目不比较）。',
        ],
        table: {
          columns: ['编号', '项目', '自评', '考评', '差'],
          rows: (differing.length ? differing : rows.filter((r) => r.self !== null || r.team !== null)).map((r) => [
            r.code,
            r.name,
            r.self === null ? '—' : String(r.self),
            r.team === null ? '—' : String(r.team),
            r.diff === null ? '—' : r.diff > 0 ? `+${r.diff}` : String(r.diff),
          ]),
        },
      };
    }
    default: {
      // 完成 / 提交
      const a = await requireCurrent(rest[0] ? parsePeriod(rest[0]).label : undefined);
      const result = await finalizeAssessment(ctx.db, a, { actorId, now });
      return finalView(a, result);
    }
  }
}

async function latest(ctx: CommandContext, organizationId: number, kind: AssessmentKind, period?: string, year?: string) {
  const row = await ctx.db.assessment.findFirst({
    where: { organizationId, kind, ...(period ? { period } : year ? { period: { startsWith: year } } : {}) },
    orderBy: [{ status: 'desc' }, { createdAt: 'desc' }],
  });
  return row ? loadAssessment(ctx.db, row.id) : null;
}
