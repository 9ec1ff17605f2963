import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole, contextOrgId } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import { chineseDate, daysBetween, instantToIso } from '../../../core/time/calendarDay.ts';
import { domainNames } from '../../../engine/commands/roleNames.ts';
import { openTasksFor, setTasksProgress } from '../openTasksFor.ts';
import { parseTaskForm, TASK_FORM_TEMPLATE, TASK_FORM_USAGE } from '../parseTaskForm.ts';
import { createTask } from '../createTask.ts';
import { completeAssignment } from '../completeAssignment.ts';
import { taskKindNames } from '../taskKindNames.ts';
import { activityTypeNames } from '../activityTypeNames.ts';
import type { CommandContext } from '../../../engine/commands/types.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';

const USAGE = '/任务 [新建 …|完成 <编号>]';

function remaining(deadline: string, today: string): string {
  const d = daysBetween(today, deadline);
  return d < 0 ? `逾期 ${-d} 天` : d === 0 ? '今天截止' : `还有 ${d} 天`;
}

async function list(ctx: CommandContext): Promise<MessageView> {
  const orgId = contextOrgId(ctx);
  if (orgId === null) throw new UserError('还不知道你属于哪个组织，请在本支部的工作群里发送 /任务。');
  const zone = ctx.config.TZ_NAME;
  const today = instantToIso(ctx.clock.now(), zone);
  const tasks = await openTasksFor(ctx.db, orgId, zone);
  const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true } });
  if (tasks.length === 0 && (await actorHasRole(ctx, ['ADMIN']))) {
    const progress = await setTasksProgress(ctx.db, zone);
    return {
      kind: 'task_overview',
      title: '组织办下达的任务 · 完成情况',
      tone: 'info',
      lines: progress.length ? [`共 ${progress.length} 项任务尚有组织未完成：`] : ['目前没有未完成的任务。发送「/任务 新建」下达任务。'],
      ...(progress.length
        ? {
            table: {
              columns: ['编号', '任务', '截止', '完成'],
              rows: progress.map((p) => [`#${p.taskId}`, p.title, chineseDate(p.deadline, today), `${p.done}/${p.total}`]),
            },
          }
        : {}),
    };
  }
  return {
    kind: 'task_list',
    title: `待办任务 · ${org.name}`,
    tone: tasks.some((t) => t.deadline < today) ? 'warning' : 'info',
    lines: tasks.length ? [`共 ${tasks.length} 项待办：`] : ['目前没有待办任务。'],
    ...(tasks.length
      ? {
          table: {
            columns: ['编号', '任务', '截止', '剩余', '销号方式'],
            rows: tasks.map((t) => [
              `#${t.taskId}`,
              t.title,
              chineseDate(t.deadline, today),
              remaining(t.deadline, today),
              t.closedByRecord ? '上报记录自动销号' : '书记发送 /任务 完成',
            ]),
          },
        }
      : {}),
    note: '其他任务完成后请书记发送「/任务 完成 编号」。收到提醒请点「收到」或发送「/收到 编号」。',
  };
}

async function create(ctx: CommandContext, form: string): Promise<MessageView> {
  if (!(await actorHasRole(ctx, ['ADMIN']))) throw new UserError('只有组织办可以下达任务。');
  if (!form.trim()) {
    return {
      kind: 'task_template',
      title: '下达任务 · 填写模板',
      tone: 'info',
      lines: ['复制下面的内容，改好后发送（每项一行；也可以写在一行里，用「；」隔开）：', ...TASK_FORM_TEMPLATE],
      fields: [
        { label: '对象', value: '全部支部；领域 村(社区) / 机关 / 两新；或一个组织的全称' },
        { label: '类型', value: Object.values(taskKindNames).join('、') },
        { label: '活动', value: Object.values(activityTypeNames).join('、') },
      ],
      note: `一行写法：${TASK_FORM_USAGE}`,
    };
  }
  const zone = ctx.config.TZ_NAME;
  const today = instantToIso(ctx.clock.now(), zone);
  const input = await parseTaskForm(ctx.db, form, ctx.clock.now(), zone);
  const created = await createTask(ctx.db, { ...input, createdById: ctx.actor!.memberId, idempotencyKey: ctx.eventKey }, zone);
  if (created.assignments === 0) throw new UserError('「对象」下面没有任何党支部，任务没有下达。');
  const owners = await ctx.db.taskAssignment.findMany({ where: { taskId: created.id }, select: { organizationId: true } });
  const ownerText =
    input.scope === 'ALL_BRANCHES'
      ? `全部支部（${created.assignments} 个）`
      : input.scope === 'DOMAIN'
        ? `${domainNames[input.domain!]}领域（${created.assignments} 个）`
        : (await ctx.db.organization.findUniqueOrThrow({ where: { id: input.organizationId! } })).name;
  for (const o of owners) {
    ctx.notify(
      { organizationId: o.organizationId, purpose: 'BRANCH' },
      {
        kind: 'task_new',
        title: '新任务',
        tone: 'info',
        lines: [`组织办下达任务 #${created.id}：${input.title}`],
        fields: [
          { label: '截止', value: chineseDate(input.deadline, today) },
          { label: '类型', value: taskKindNames[input.kind] },
          ...(input.activityType
            ? [{ label: '销号方式', value: `上报「${activityTypeNames[input.activityType]}」记录后自动销号` }]
            : [{ label: '销号方式', value: `完成后书记发送「/任务 完成 ${created.id}」` }]),
        ],
        buttons: [{ label: '收到', command: `/收到 ${created.id}`, style: 'primary' }],
      },
    );
  }
  return {
    kind: 'task_created',
    title: '任务已下达',
    tone: 'success',
    lines: [`任务 #${created.id}「${input.title}」已下达给 ${ownerText}，已通知各支部群。`],
    fields: [
      { label: '截止', value: chineseDate(input.deadline, today) },
      { label: '类型', value: taskKindNames[input.kind] },
      ...(input.phase ? [{ label: '阶段', value: input.phase }] : []),
    ],
    note: '到期前 7、3、1 天和当天上午会提醒各支部群（可用 /提醒设置 调整），逾期未完成报领导小组群督办。',
  };
}

async function complete(ctx: CommandContext, arg: string): Promise<MessageView> {
  const id = Number(toHalfWidth(arg.trim()).replace(/^#/, ''));
  if (!Number.isInteger(id) || id <= 0) throw new UserError(`「编号」应是任务的数字编号，收到的是「${arg.trim() || '（空）'}」。`, '/任务 完成 <编号>');
  const orgId = contextOrgId(ctx);
  if (orgId === null) throw new UserError('请在本支部的工作群里发送这个指令。', '/任务 完成 <编号>');
  if (!(await actorHasRole(ctx, ['SECRETARY', 'ORG_COMMITTEE', 'ADMIN'], orgId))) throw new UserError('只有本支部书记、组织委员或组织办可以把任务标为完成。');
  const result = await completeAssignment(ctx.db, id, orgId, ctx.actor!.memberId, ctx.clock.now(), ctx.config.TZ_NAME);
  if (result.already) {
    return {
      kind: 'task_done',
      title: '任务已完成',
      tone: 'info',
      lines: [`任务 #${id}「${result.assignment.task.title}」${result.byRecord ? '已随上报的记录自动销号' : '之前已标为完成'}，无需重复操作。`],
    };
  }
  return {
    kind: 'task_done',
    title: '任务已完成',
    tone: 'success',
    lines: [`${result.assignment.organization.name}：任务 #${id}「${result.assignment.task.title}」已销号。`],
  };
}

export const taskCommand = defineCommand({
  name: '任务',
  aliases: ['待办'],
  keywords: ['任务', '待办', '截止', '要交什么', '要做什么', '下达'],
  ask: '查看待办任务',
  summary: '查看本组织待办任务；组织办用「/任务 新建」下达任务；书记用「/任务 完成 编号」销号',
  usage: USAGE,
  examples: ['/任务', '/任务 新建', '/任务 新建 标题：报送支部工作计划；截止：2026-12-10；对象：全部支部', '/任务 完成 12'],
  roles: 'member',
  args: [{ name: '内容', type: 'rest', optional: true, maxLength: 2000 }] as const,
  help: '会议、活动类任务（如每月主题党日、支委会）在上报记录后自动销号；其他任务完成后由书记发送「/任务 完成 编号」。',
  async run(ctx, args) {
    const text = args['内容'] ?? '';
    const m = /^(\S+)\s*([\s\S]*)$/u.exec(text.trim());
    const action = m?.[1] ?? '';
    if (!action || action === '列表' || action === '待办') return list(ctx);
    if (action === '新建' || action === '下达') return create(ctx, m![2] ?? '');
    if (action === '完成' || action === '销号') return complete(ctx, m![2] ?? '');
    throw new UserError(`不认识「${action.slice(0, 10)}」。可以写：/任务、/任务 新建、/任务 完成 编号。`, USAGE);
  },
});
