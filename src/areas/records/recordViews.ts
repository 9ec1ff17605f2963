import type { MessageView } from '../../../cards/MessageView.ts';
import { ACTIVITY_KINDS, activityKind, activityName } from './cadence.ts';
import { DATE_FORMS, formatDay } from './parseRecordDate.ts';
import type { RecordToSave, SavedRecord } from './saveActivityRecord.ts';
import type { BranchProgress, ProgressItem } from './branchProgress.ts';
import { formatPoints } from '../points/pointTypes.ts';

export function recordTemplateView(): MessageView {
  return {
    kind: 'record_template',
    title: '会议记录模板',
    tone: 'info',
    lines: [
      '复制下面的内容，改成实际情况后发送（每行一项，中英文冒号都可以）：',
      '/会议记录\n类型：主题党日\n日期：3月5日\n主题：学习贯彻全会精神\n应到：12\n实到：10\n参加人员：@张三 @李四 王五\n学时：2\n摘要：传达学习会议精神，讨论本村落实举措。',
    ],
    fields: [
      { label: '类型可写', value: ACTIVITY_KINDS.map((k) => k.name).join('、') },
      { label: '日期可写', value: DATE_FORMS },
      { label: '必填', value: '类型、日期、主题；实到或参加人员至少一项；党课和专题讲习/培训还要写学时' },
      { label: '说明', value: '写了参加人员才能给到会党员计积分和学时；应到不写时按支部党员人数计。' },
      { label: '项目（可不写）', value: '加一行「项目：讲学拉练」，这次活动就计入 /项目 里该项目的完成数（可写项目序号或名称）' },
    ],
  };
}

export function missingText(items: ProgressItem[], currentYear: number): string {
  return items.map((i) => `${i.kind.name}${i.overdue && i.dueDate ? `（固定日 ${formatDay(i.dueDate, currentYear)} 已过）` : ''}`).join('、');
}

/** "本月还缺 …" / "本季度还缺 …" lines for a branch. */
export function missingFields(progress: BranchProgress, currentYear: number): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const { period, items } of progress.periods) {
    if (period.kind === 'year') continue;
    const missing = items.filter((i) => !i.done);
    out.push({ label: `${period.shortLabel}还缺`, value: missing.length > 0 ? missingText(missing, currentYear) : '无，已全部登记' });
  }
  return out;
}

/** The receipt of a saved record; the day shows its year when it is not `currentYear` (today's, in TZ_NAME). */
export function recordReceiptView(input: RecordToSave, saved: SavedRecord, progress: BranchProgress, currentYear: number): MessageView {
  const name = activityName(input.type);
  const present = input.presentCount ?? input.attendees.length;
  const fields: { label: string; value: string }[] = [
    { label: '类型', value: name },
    { label: '日期', value: formatDay(input.heldOn, currentYear) },
    { label: '主题', value: input.topic },
    {
      label: '到会',
      value:
        input.expectedCount !== null
          ? `实到 ${present} 人 / 应到 ${input.expectedCount} 人（到会率 ${Math.round((present / input.expectedCount) * 100)}%）`
          : `实到 ${present} 人`,
    },
  ];
  if (input.attendees.length === 0) {
    fields.push({ label: '积分', value: '没有列出参加人员，本次未计积分和学时' });
  } else if (saved.awarded.length === 0 && saved.capped.length === 0) {
    fields.push({ label: '积分', value: `积分规则里没有「${name}」的到会积分，本次未计积分` });
  } else {
    const total = saved.awarded.reduce((s, a) => s + a.points, 0);
    const full = saved.awarded.filter((a) => a.points === saved.perMember).length;
    let value = `${full} 人 × ${formatPoints(saved.perMember)} 分（${saved.pointsRuleName ?? name}）`;
    if (full !== saved.awarded.length || saved.capped.length > 0) value += `，合计 ${formatPoints(total)} 分`;
    else value += ` = ${formatPoints(total)} 分`;
    if (saved.capped.length > 0) value += `；${saved.capped.map((c) => c.name).join('、')} 已达全年上限，少计或未计`;
    fields.push({ label: '积分', value });
  }
  if (input.hours !== null && input.attendees.length > 0) {
    fields.push({
      label: '学时',
      value: `${input.attendees.length} 人 × ${formatPoints(input.hours)} 学时 = ${formatPoints(input.hours * input.attendees.length)} 学时`,
    });
  }
  if (input.programmeName) fields.push({ label: '项目', value: `计入「${input.programmeName}」的完成数（发送 /项目 查看进度）` });
  if (saved.replaced) {
    fields.push({ label: '替换', value: `原第 ${saved.replaced.seq} 号记录已作废，撤回其积分 ${saved.replaced.reversedEntries} 条` });
  }
  fields.push(...missingFields(progress, currentYear));
  return {
    kind: 'record_receipt',
    title: `会议记录已登记 · ${saved.year}年第${saved.seq}号`,
    tone: 'success',
    fields,
    note: '发送 /进度 查看本支部本月、本季度和全年进度。',
  };
}

export function alreadyRecordedView(input: RecordToSave, existing: { year: number; seq: number; topic: string }, currentYear: number): MessageView {
  return {
    kind: 'record_already_saved',
    title: '这条记录已经登记过了',
    tone: 'info',
    lines: [
      `${formatDay(input.heldOn, currentYear)}的${activityName(input.type)}（主题：${existing.topic}）已经登记为${existing.year}年第${existing.seq}号，内容和这次发的完全相同，没有再保存，积分也没有重复计算。`,
    ],
    note: `要改这条记录，请发送「/会议记录 修改 ${existing.year === currentYear ? existing.seq : `${existing.year}年${existing.seq}号`}」。`,
  };
}

export function replaceQuestionView(input: RecordToSave, existing: { year: number; seq: number; topic: string }, currentYear: number): MessageView {
  const name = activityName(input.type);
  return {
    kind: 'record_replace_question',
    title: '已有同一天的记录',
    tone: 'warning',
    lines: [
      `${formatDay(input.heldOn, currentYear)}的${name}已经登记过（${existing.year}年第${existing.seq}号，主题：${existing.topic}）。`,
      '要用这条新记录替换原记录吗？替换后原记录作废，原记录计的积分会撤回，按新记录重新计分。',
      '30 分钟内回复有效。',
    ],
    buttons: [
      { label: '替换原记录', command: '/确认', style: 'primary' },
      ...(activityKind(input.type).severalPerDay ? [{ label: '两条都保留（同一天另开的一次）', command: '/另存' }] : []),
      { label: '保留原记录，不保存新记录', command: '/取消' },
    ],
  };
}
