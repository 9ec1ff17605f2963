import type { Db } from '../../core/db/openDatabase.ts';
import type { OrgDomain } from '../../core/generated/prisma/enums.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { showDay, instantToIso as todayIn } from '../../core/time/calendarDay.ts';
import { readFormLines } from '../../engine/commands/readFormLines.ts';
import { parseTaskKind, taskKindNames } from './taskKindNames.ts';
import { parseActivityType, activityTypeNames } from './activityTypeNames.ts';
import { parseDeadline } from './parseDeadline.ts';
import { resolveOrganizationByName } from '../../engine/identity/resolveOrganizationByName.ts';
import type { NewTask } from './createTask.ts';

export const TASK_FORM_USAGE = '/任务 新建 标题：<任务名>；截止：<日期>；对象：<全部支部|领域 两新|组织名>[；类型：…][；活动：…][；阶段：…]';

export const TASK_FORM_TEMPLATE = [
  '/任务 新建',
  '标题：报送2027年支部工作计划',
  '截止：2026-12-10',
  '对象：全部支部',
  '类型：报送方案',
  '活动：（可不填；填了则上报该类记录后自动销号，如 主题党日）',
  '阶段：（可不填，如 第一阶段 制定方案）',
];

const fieldNames = ['标题', '截止', '对象', '类型', '活动', '阶段', '计划'] as const;
type FieldName = (typeof fieldNames)[number];

const domainWords: Record<string, OrgDomain> = {
  村: 'VILLAGE',
  社区: 'VILLAGE',
  '村(社区)': 'VILLAGE',
  村社区: 'VILLAGE',
  机关: 'ORGAN',
  两新: 'NEW_TWO',
  '"两新"': 'NEW_TWO',
};

/** Splits "标题：…；截止：…" or one field per line into fields. */
export function splitFields(text: string): { fields: Partial<Record<FieldName, string>>; unknown: string[] } {
  const fields: Partial<Record<FieldName, string>> = {};
  const unknown: string[] = [];
  const fieldOf = (label: string) => ((fieldNames as readonly string[]).includes(label) ? (label as FieldName) : null);
  for (const piece of readFormLines(text, fieldOf, { semicolons: true })) {
    if (piece.field === null) {
      unknown.push(piece.line);
      continue;
    }
    const value = piece.value.replace(/^（可不填.*）$/u, '');
    if (value) fields[piece.field] = value;
  }
  return { fields, unknown };
}

/** Reads the /任务 新建 form; every field problem is listed in one Chinese answer. */
export async function parseTaskForm(db: Db, text: string, now: Date, zone: string): Promise<NewTask> {
  const todayIso = todayIn(now, zone);
  const { fields, unknown } = splitFields(text);
  const problems: string[] = [];
  if (unknown.length > 0) problems.push(`看不懂「${unknown[0]!.slice(0, 20)}」：每项写成「名称：内容」，名称可用 ${fieldNames.join('、')}。`);
  const title = fields['标题'];
  if (!title) problems.push('缺少「标题」，例如：标题：报送支部工作计划。');
  else if (title.length > 60) problems.push(`「标题」太长了（最多 60 字，现在 ${title.length} 字）。`);

  let deadline: string | null = null;
  if (!fields['截止']) problems.push('缺少「截止」日期，例如：截止：2026-12-10。');
  else {
    const read = parseDeadline(fields['截止'], now, zone);
    if (!read.ok) problems.push(`「截止」日期看不懂：${read.problem}。请写成 2026-12-10 或 12月10日。`);
    else if (read.date < todayIso) problems.push(`「截止」日期 ${showDay(read.date, todayIso)} 已经过去了，请写今天或以后的日期。`);
    else deadline = read.date;
  }

  const activityType = fields['活动'] ? parseActivityType(fields['活动']) : null;
  if (fields['活动'] && !activityType) problems.push(`「活动」只能是：${Object.values(activityTypeNames).join('、')}；收到的是「${fields['活动']}」。`);

  let kind = fields['类型'] ? parseTaskKind(fields['类型']) : activityType ? 'HOLD_ACTIVITY' : 'OTHER';
  if (fields['类型'] && !kind) problems.push(`「类型」只能是：${Object.values(taskKindNames).join('、')}；收到的是「${fields['类型']}」。`);
  if (activityType && kind && kind !== 'HOLD_ACTIVITY') kind = 'HOLD_ACTIVITY';

  let owner: Pick<NewTask, 'scope' | 'organizationId' | 'domain'> | null = null;
  const target = fields['对象'];
  if (!target) problems.push('缺少「对象」：写 全部支部、领域 两新（或 村(社区)、机关），或一个组织的名称。');
  else if (/^(全部|所有)(党)?(支部|组织)$/u.test(target)) owner = { scope: 'ALL_BRANCHES' };
  else {
    const domainMatch =
      /^领域\s*(.+)$/u.exec(target) ?? (domainWords[target.replace(/(领域|党组织|支部)$/u, '')] ? [target, target.replace(/(领域|党组织|支部)$/u, '')] : null);
    if (domainMatch) {
      const domain = domainWords[domainMatch[1]!.trim()];
      if (!domain) problems.push(`「对象」的领域只能是 村(社区)、机关、两新；收到的是「${domainMatch[1]}」。`);
      else owner = { scope: 'DOMAIN', domain };
    } else {
      const org = await resolveOrganizationByName(db, target);
      if (!org) problems.push(`「对象」里的组织「${target}」没有找到，请写组织全称，或写 全部支部。`);
      else if ('ambiguous' in org) problems.push(`「对象」「${target}」对应多个组织：${org.ambiguous.join('、')}，请写全称。`);
      else owner = { scope: 'ORGANIZATION', organizationId: org.id };
    }
  }
  if (fields['阶段'] && fields['阶段'].length > 40) problems.push('「阶段」太长了（最多 40 字）。');

  if (problems.length > 0) throw new UserError(problems.join('\n'), TASK_FORM_USAGE);
  return {
    title: title!,
    kind: kind!,
    ...owner!,
    activityType,
    deadline: deadline!,
    phase: fields['阶段'] ?? null,
    planName: fields['计划'] ?? null,
  };
}
