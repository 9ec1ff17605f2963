import { UserError } from '../../core/errors/UserError.ts';
import { readDay } from '../../core/time/readDay.ts';
import { showDay, instantToIso } from '../../core/time/calendarDay.ts';
import { readFormLines } from '../../engine/commands/readFormLines.ts';

export interface ProblemForm {
  problem: string;
  cause: string;
  target: string;
  measures: string;
  deadline: string; // YYYY-MM-DD
  responsible: string;
}

const FIELDS: { key: keyof ProblemForm; label: string; aliases: string[]; max: number }[] = [
  { key: 'problem', label: '问题', aliases: ['问题', '突出问题', '存在问题'], max: 500 },
  { key: 'cause', label: '原因', aliases: ['原因', '原因分析'], max: 500 },
  { key: 'target', label: '整改目标', aliases: ['整改目标', '目标'], max: 300 },
  { key: 'measures', label: '措施', aliases: ['措施', '整改措施'], max: 800 },
  { key: 'deadline', label: '时限', aliases: ['时限', '时间节点', '完成时限', '截止日期'], max: 20 },
  { key: 'responsible', label: '责任人', aliases: ['责任人', '责任主体'], max: 40 },
];

/** A continuation line may start with an enumeration (一是：, 第二：, 1、) before a colon; any other label must be a field. */
const ENUMERATION = /^(第?[一二三四五六七八九十\d]+[是条点项、.)）]?|[(（][一二三四五六七八九十\d]+[)）])$/u;

export const PROBLEM_TEMPLATE = ['/问题 新增', '问题：', '原因：', '整改目标：', '措施：', '时限：2026-06-30', '责任人：'].join('\n');

/**
 * Reads the multi-line form (one "字段：内容" per line; a line without a field name continues the previous
 * field). Every problem is reported at once, each in Chinese, so the secretary fixes them in one go.
 */
export function parseProblemForm(text: string, now: Date, zone: string): ProblemForm {
  const today = instantToIso(now, zone);
  const values: Partial<Record<keyof ProblemForm, string>> = {};
  const problems: string[] = [];
  let current: keyof ProblemForm | null = null;
  for (const piece of readFormLines(text, (label) => FIELDS.find((f) => f.aliases.includes(label))?.key)) {
    const { line } = piece;
    if (piece.field) {
      current = piece.field;
      values[current] = piece.value;
    } else if (piece.label && !ENUMERATION.test(piece.label)) {
      problems.push(`「${piece.label.slice(0, 10)}」不是问题台账里的项目，项目可以是：${FIELDS.map((f) => f.label).join('、')}`);
    } else if (current) {
      values[current] = `${values[current] ? `${values[current]}\n` : ''}${line}`;
    } else {
      problems.push(`第一行「${line.slice(0, 20)}」前面没有字段名，请写成「问题：……」`);
    }
  }
  for (const f of FIELDS) {
    const v = values[f.key]?.trim();
    if (!v) problems.push(`缺少「${f.label}」`);
    else if (v.length > f.max) problems.push(`「${f.label}」太长了（最多 ${f.max} 字）`);
  }
  let deadline = '';
  if (values.deadline?.trim()) {
    const read = readDay(values.deadline.trim(), { now, zone, toward: 'future' });
    if (!read.ok) problems.push(`「时限」应是日期，例如 2026-06-30 或 6月30日：${read.problem}`);
    else if (read.date < today) problems.push(`「时限」${showDay(read.date, 0)} 已经过了，请写今天（${showDay(today, 0)}）以后的日期`);
    else deadline = read.date;
  }
  if (problems.length)
    throw new UserError(`问题台账没能登记：\n${problems.map((p) => `· ${p}`).join('\n')}`, `按下面的格式发送（每项一行）：\n${PROBLEM_TEMPLATE}`);
  return {
    problem: values.problem!.trim(),
    cause: values.cause!.trim(),
    target: values.target!.trim(),
    measures: values.measures!.trim(),
    deadline,
    responsible: values.responsible!.trim(),
  };
}
