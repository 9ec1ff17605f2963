import { splitNameChunks } from '../../engine/identity/nameMatching.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { toHalfWidth } from '../../core/text/toHalfWidth.ts';
import { truncate } from '../../core/text/truncate.ts';
import { readFormLines } from '../../engine/commands/readFormLines.ts';
import type { ActivityType } from '../../core/generated/prisma/enums.ts';
import { ACTIVITY_KINDS, activityKind, activityTypeFromText } from './cadence.ts';
import { DATE_FORMS, parseRecordDate } from './parseRecordDate.ts';

export const RECORD_USAGE = '/会议记录（每行一项：类型、日期、主题、应到、实到、参加人员、学时、摘要，可加项目）';

export type RecordField = '类型' | '日期' | '主题' | '应到' | '实到' | '参加人员' | '学时' | '摘要' | '项目';

const fieldAliases: Record<RecordField, readonly string[]> = {
  类型: ['类型', '会议类型', '活动类型', '会议', '活动'],
  日期: ['日期', '时间', '会议日期', '活动日期', '会议时间', '活动时间'],
  主题: ['主题', '题目', '议题', '会议主题', '活动主题'],
  应到: ['应到', '应到人数', '应参加', '应到会'],
  实到: ['实到', '实到人数', '到会', '实到会', '到会人数'],
  参加人员: ['参加人员', '参会人员', '出席人员', '出席', '参加', '参会', '人员', '到会人员', '参加人'],
  学时: ['学时', '课时', '时长'],
  摘要: ['摘要', '内容', '纪要', '会议摘要', '主要内容', '简要内容', '备注'],
  项目: ['项目', '所属项目', '计入项目'],
};

const fieldByAlias = new Map<string, RecordField>();
for (const [field, aliases] of Object.entries(fieldAliases) as [RecordField, readonly string[]][]) {
  for (const alias of aliases) fieldByAlias.set(alias, field);
}

/** The right form of each field, shown with its error: the line in 「」, then what it accepts. */
const FIELD_LINES: Record<RecordField, string> = {
  类型: `类型：主题党日（可写：${ACTIVITY_KINDS.map((k) => k.name).join('、')}）`,
  日期: `日期：3月5日（可写：${DATE_FORMS}）`,
  主题: '主题：学习贯彻全会精神（不超过 100 字）',
  应到: '应到：12（整数人数）',
  实到: '实到：10（整数，不超过应到人数）',
  参加人员: '参加人员：@张三 @李四 王五（@提及或写姓名，用空格或顿号分开）',
  学时: '学时：2（每人学时，可以有一位小数，如 1.5）',
  摘要: '摘要：会议内容简要（不超过 1000 字）',
  项目: '项目：党建品牌（可不写；写了这次活动就计入 /项目 里该项目的完成数，可写序号或名称）',
};

export const FIELD_FORMS = Object.fromEntries(
  (Object.entries(FIELD_LINES) as [RecordField, string][]).map(([field, line]) => {
    const cut = line.indexOf('（');
    return [field, cut < 0 ? `「${line}」` : `「${line.slice(0, cut)}」${line.slice(cut)}`];
  }),
) as Record<RecordField, string>;

export const MAX_TOPIC = 100;
export const MAX_SUMMARY = 1000;
export const MAX_HOURS = 40;
export const MAX_PEOPLE = 2000;

export interface ParsedRecord {
  type: ActivityType;
  heldOn: string;
  /** The date as written, and whether its year was inferred more than about two months back (ask first). */
  dateText: string;
  dateFarBack: boolean;
  topic: string;
  expectedCount: number | null;
  presentCount: number | null;
  /** Names written in 参加人员 (without @), in order, deduplicated. */
  attendeeNames: string[];
  hours: number | null;
  summary: string | null;
  /** The 项目 line as written (a programme of /项目 the record counts towards), resolved by the command. */
  programme: string | null;
}

/** One thing wrong with a record message: what, and the right form of that line. */
export interface RecordProblem {
  message: string;
  form: string;
}

function fieldProblem(field: RecordField, problem: string): RecordProblem {
  return { message: `「${field}」${problem}。`, form: FIELD_FORMS[field] };
}

class FieldProblem extends Error {
  constructor(readonly problem: RecordProblem) {
    super(problem.message);
  }
}

function fieldError(field: RecordField, problem: string): FieldProblem {
  return new FieldProblem(fieldProblem(field, problem));
}

const FIELD_LIST = '类型、日期、主题、应到、实到、参加人员、学时、摘要、项目';

/**
 * Splits the lines of a record message into fields. Lines without a label continue the 摘要 (or 参加人员);
 * a line with a label that is not a field, or a field written twice, is a problem (never silently dropped).
 */
export function splitRecordFields(text: string): { fields: Map<RecordField, string>; problems: RecordProblem[] } {
  const fields = new Map<RecordField, string>();
  const problems: RecordProblem[] = [];
  let last: RecordField | null = null;
  for (const piece of readFormLines(text, (label) => fieldByAlias.get(label))) {
    const { line } = piece;
    if (piece.field === null) {
      if (last === '摘要' || last === '参加人员') {
        fields.set(last, `${fields.get(last)}${last === '摘要' ? '\n' : ' '}${line}`);
        continue;
      }
      const hint = piece.label ? `「${truncate(piece.label, 10)}」不是记录里的项目` : `第 ${piece.index + 1} 行「${truncate(line, 20)}」没有写明是哪一项`;
      problems.push({
        message: `${hint}。每行写一项，格式为「项目：内容」，项目可以是：${FIELD_LIST}。`,
        form: '每行「项目：内容」，如「类型：主题党日」「日期：3月5日」；只发送 /会议记录 可看完整模板',
      });
      continue;
    }
    if (fields.has(piece.field)) {
      problems.push(fieldProblem(piece.field, '写了两次，请只保留一行'));
      continue;
    }
    fields.set(piece.field, piece.value);
    last = piece.field;
  }
  return { fields, problems };
}

/** All the problems of a record in one answer, each with its right form, so the secretary fixes them in one go. */
export function recordProblemsError(problems: RecordProblem[]): UserError {
  if (problems.length === 1) return new UserError(problems[0]!.message, problems[0]!.form);
  const forms = [...new Set(problems.map((p) => p.form))];
  return new UserError(
    `这条记录有 ${problems.length} 处要改，改好后重新发送（这次没有保存）：\n${problems.map((p, i) => `${i + 1}. ${p.message}`).join('\n')}`,
    forms.join('\n'),
  );
}

function parseCount(field: '应到' | '实到', value: string): number {
  const text = toHalfWidth(value)
    .replace(/\s+/g, '')
    .replace(/(人|名)$/u, '');
  if (!/^\d+$/.test(text)) throw fieldError(field, `应是整数人数，收到的是「${truncate(value, 20)}」`);
  const n = Number(text);
  if (field === '应到' && n < 1) throw fieldError(field, '至少是 1 人');
  if (n > MAX_PEOPLE) throw fieldError(field, `人数 ${n} 不合理（最多 ${MAX_PEOPLE}）`);
  return n;
}

function parseHours(value: string): number {
  const text = toHalfWidth(value)
    .replace(/\s+/g, '')
    .replace(/(个)?(学时|小时|课时|h)$/iu, '');
  if (!/^\d+(\.\d)?$/.test(text)) throw fieldError('学时', `应是数字（最多一位小数），收到的是「${truncate(value, 20)}」`);
  const n = Number(text);
  if (n <= 0) throw fieldError('学时', '应大于 0');
  if (n > MAX_HOURS) throw fieldError('学时', `${n} 学时不合理（一次活动最多 ${MAX_HOURS} 学时）`);
  return n;
}

/**
 * The chunks of 参加人员 as written, split on ，、,;；/ (a closing 等 dropped, a leading @ too); words within a chunk
 * keep one space between them: 「李 春生」 may be one name or 「赵大勇 陈秀英」 two, which only the roster can tell
 * (src/engine/identity/nameMatching.ts, in resolveAttendees).
 */
export function splitNames(value: string): string[] {
  return [...new Set(splitNameChunks(value).map((words) => words.join(' ')))];
}

/** The fields read so far and every problem found; `record` is set only when there is no problem. */
export interface RecordReading {
  record: ParsedRecord | null;
  /** What could be read even with problems elsewhere (to check attendees in the same answer). */
  type: ActivityType | null;
  attendeeNames: string[];
  presentCount: number | null;
  expectedCount: number | null;
  problems: RecordProblem[];
}

/**
 * Reads and checks a /会议记录 message (everything after the command), collecting every problem (each naming
 * the field and showing its right form) instead of stopping at the first; members are resolved later, against
 * the branch.
 */
export function readRecordMessage(text: string, now: Date, zone: string): RecordReading {
  const { fields, problems } = splitRecordFields(text);
  const check = <T>(read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (error instanceof FieldProblem) {
        problems.push(error.problem);
        return null;
      }
      throw error;
    }
  };

  const typeText = fields.get('类型');
  const type = check(() => {
    if (!typeText) throw fieldError('类型', '没有填写');
    const found = activityTypeFromText(typeText);
    if (!found) throw fieldError('类型', `写的是「${truncate(typeText, 20)}」，不是能登记的会议或活动类型`);
    return found;
  });
  const kind = type ? activityKind(type) : null;

  const dateText = fields.get('日期') ?? '';
  const date = check(() => {
    if (!dateText) throw fieldError('日期', '没有填写');
    const read = parseRecordDate(dateText, now, zone);
    if (!read.ok) throw fieldError('日期', `填写有误：${read.problem}`);
    return read;
  });

  const topic = check(() => {
    const value = fields.get('主题')?.trim();
    if (!value) throw fieldError('主题', '没有填写');
    if (value.length > MAX_TOPIC) throw fieldError('主题', `太长了（最多 ${MAX_TOPIC} 字，现在 ${value.length} 字）`);
    return value;
  });

  const expectedText = fields.get('应到');
  const expectedCount = expectedText ? check(() => parseCount('应到', expectedText)) : null;
  const presentText = fields.get('实到');
  const presentCount = presentText ? check(() => parseCount('实到', presentText)) : null;
  if (expectedCount !== null && presentCount !== null && presentCount > expectedCount) {
    problems.push(fieldProblem('实到', `${presentCount} 人多于应到 ${expectedCount} 人`));
  }

  const attendeeText = fields.get('参加人员');
  const attendeeNames = attendeeText ? splitNames(attendeeText) : [];
  if (attendeeText !== undefined && attendeeNames.length === 0) problems.push(fieldProblem('参加人员', '写了但没有人名'));
  else if (presentText === undefined && attendeeNames.length === 0) {
    problems.push({ message: '「实到」和「参加人员」至少要写一项，写了参加人员才能给到会党员计积分和学时。', form: FIELD_FORMS.参加人员 });
  }

  const hoursText = fields.get('学时');
  if (kind?.requiresHours && !hoursText) problems.push(fieldProblem('学时', `没有填写，${kind.name}必须写明学时`));
  const hours = hoursText ? check(() => parseHours(hoursText)) : null;

  const summary = fields.get('摘要')?.trim() || null;
  if (summary && summary.length > MAX_SUMMARY) problems.push(fieldProblem('摘要', `太长了（最多 ${MAX_SUMMARY} 字，现在 ${summary.length} 字）`));

  const programme = fields.get('项目')?.trim() || null;

  const record =
    problems.length === 0
      ? {
          type: type!,
          heldOn: date!.date,
          dateText,
          dateFarBack: date!.farBack,
          topic: topic!,
          expectedCount,
          presentCount,
          attendeeNames,
          hours,
          summary,
          programme,
        }
      : null;
  return { record, type, attendeeNames, presentCount, expectedCount, problems };
}

/** readRecordMessage, throwing every problem at once (a UserError) when there is any. */
export function parseRecordMessage(text: string, now: Date, zone: string): ParsedRecord {
  const reading = readRecordMessage(text, now, zone);
  if (!reading.record) throw recordProblemsError(reading.problems);
  return reading.record;
}
