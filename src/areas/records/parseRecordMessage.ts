import { splitNameChunks } from '../../engine/identity/nameMatching.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { toHalfWidth, truncate } from '../../engine/commands/parseArgs.ts';
import { readFormLines } from '../../engine/commands/readFormLines.ts';
import type { ActivityType } from '../../core/generated/prisma/enums.ts';
import { ACTIVITY_KINDS, activityKind, activityTypeFromText } from './cadence.ts';
import { DATE_FORMS, parseRecordDate } from './parseRecordDate.ts';

export const RECORD_USAGE = '/会议记录（每行一项：类型、日期、主题、应到、实到、参加人员、学时、摘要）';

export type RecordField = '类型' | '日期' | '主题' | '应到' | '实到' | '参加人员' | '学时' | '摘要';

const fieldAliases: Record<RecordField, readonly string[]> = {
  类型: ['类型', '会议类型', '活动类型', '会议', '活动'],
  日期: ['日期', '时间', '会议日期', '活动日期', '会议时间', '活动时间'],
  主题: ['主题', '题目', '议题', '会议主题', '活动主题'],
  应到: ['应到', '应到人数', '应参加', '应到会'],
  实到: ['实到', '实到人数', '到会', '实到会', '到会人数'],
  参加人员: ['参加人员', '参会人员', '出席人员', '出席', '参加', '参会', '人员', '到会人员', '参加人'],
  学时: ['学时', '课时', '时长'],
  摘要: ['摘要', '内容', '纪要', '会议摘要', '主要内容', '简要内容', '备注'],
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
  topic: string;
  expectedCount: number | null;
  presentCount: number | null;
  /** Names written in 参加人员 (without @), in order, deduplicated. */
  attendeeNames: string[];
  hours: number | null;
  summary: string | null;
}

function fieldError(field: RecordField, problem: string): UserError {
  return new UserError(`「${field}」${problem}。`, FIELD_FORMS[field]);
}

/** Splits the lines of a record message into fields. Lines without a label continue the 摘要. */
export function splitRecordFields(text: string): Map<RecordField, string> {
  const fields = new Map<RecordField, string>();
  let last: RecordField | null = null;
  for (const piece of readFormLines(text, (label) => fieldByAlias.get(label))) {
    const { line } = piece;
    if (piece.field === null) {
      if (last === '摘要' || last === '参加人员') {
        fields.set(last, `${fields.get(last)}${last === '摘要' ? '\n' : ' '}${line}`);
        continue;
      }
      const hint = piece.label ? `「${piece.label}」不是记录里的项目` : `第 ${piece.index + 1} 行「${truncate(line, 20)}」没有写明是哪一项`;
      throw new UserError(
        `${hint}。每行写一项，格式为「项目：内容」，项目可以是：类型、日期、主题、应到、实到、参加人员、学时、摘要。`,
        '每行「项目：内容」，如「类型：主题党日」「日期：3月5日」；只发送 /会议记录 可看完整模板',
      );
    }
    if (fields.has(piece.field)) throw fieldError(piece.field, '写了两次，请只保留一行');
    fields.set(piece.field, piece.value);
    last = piece.field;
  }
  return fields;
}

function parseCount(field: '应到' | '实到', value: string): number {
  const text = toHalfWidth(value).replace(/\s+/g, '').replace(/(人|名)$/u, '');
  if (!/^\d+$/.test(text)) throw fieldError(field, `应是整数人数，收到的是「${truncate(value, 20)}」`);
  const n = Number(text);
  if (field === '应到' && n < 1) throw fieldError(field, '至少是 1 人');
  if (n > MAX_PEOPLE) throw fieldError(field, `人数 ${n} 不合理（最多 ${MAX_PEOPLE}）`);
  return n;
}

function parseHours(value: string): number {
  const text = toHalfWidth(value).replace(/\s+/g, '').replace(/(个)?(学时|小时|课时|h)$/iu, '');
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

/**
 * Reads and checks a /会议记录 message (everything after the command). Every problem is a UserError naming the
 * field and showing its right form; members are resolved later, against the branch.
 */
export function parseRecordMessage(text: string, now: Date, zone: string): ParsedRecord {
  const fields = splitRecordFields(text);
  const typeText = fields.get('类型');
  if (!typeText) throw fieldError('类型', '没有填写');
  const type = activityTypeFromText(typeText);
  if (!type) throw fieldError('类型', `写的是「${truncate(typeText, 20)}」，不是能登记的会议或活动类型`);
  const kind = activityKind(type);

  const dateText = fields.get('日期');
  if (!dateText) throw fieldError('日期', '没有填写');
  const date = parseRecordDate(dateText, now, zone);
  if (!date.ok) throw fieldError('日期', date.problem.replace(/^/, '填写有误：'));

  const topic = fields.get('主题')?.trim();
  if (!topic) throw fieldError('主题', '没有填写');
  if (topic.length > MAX_TOPIC) throw fieldError('主题', `太长了（最多 ${MAX_TOPIC} 字，现在 ${topic.length} 字）`);

  const expectedText = fields.get('应到');
  const expectedCount = expectedText ? parseCount('应到', expectedText) : null;
  const presentText = fields.get('实到');
  const presentCount = presentText ? parseCount('实到', presentText) : null;
  if (expectedCount !== null && presentCount !== null && presentCount > expectedCount) {
    throw fieldError('实到', `${presentCount} 人多于应到 ${expectedCount} 人`);
  }

  const attendeeText = fields.get('参加人员');
  const attendeeNames = attendeeText ? splitNames(attendeeText) : [];
  if (attendeeText !== undefined && attendeeNames.length === 0) throw fieldError('参加人员', '写了但没有人名');
  if (presentCount === null && attendeeNames.length === 0) {
    throw new UserError('「实到」和「参加人员」至少要写一项，写了参加人员才能给到会党员计积分和学时。', FIELD_FORMS.参加人员);
  }

  const hoursText = fields.get('学时');
  if (kind.requiresHours && !hoursText) throw fieldError('学时', `没有填写，${kind.name}必须写明学时`);
  const hours = hoursText ? parseHours(hoursText) : null;

  const summary = fields.get('摘要')?.trim() || null;
  if (summary && summary.length > MAX_SUMMARY) throw fieldError('摘要', `太长了（最多 ${MAX_SUMMARY} 字，现在 ${summary.length} 字）`);

  return { type, heldOn: date.date, topic, expectedCount, presentCount, attendeeNames, hours, summary };
}
