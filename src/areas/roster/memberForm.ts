import { DateTime } from 'luxon';
import { readFormLines } from '../../engine/commands/readFormLines.ts';
import { toHalfWidth } from '../../core/text/toHalfWidth.ts';
import { readWrittenDate } from '../../core/time/readWrittenDate.ts';

/** The fields a member's details are written with, in `/党员 新增` and `/党员 修改`. */
export type MemberField = 'name' | 'phone' | 'org' | 'joinedAt' | 'kind' | 'cadre';

const LABELS: Record<string, MemberField> = {
  姓名: 'name',
  手机: 'phone',
  手机号: 'phone',
  手机号码: 'phone',
  联系电话: 'phone',
  支部: 'org',
  组织: 'org',
  所在支部: 'org',
  所在组织: 'org',
  入党日期: 'joinedAt',
  入党时间: 'joinedAt',
  类别: 'kind',
  党员类别: 'kind',
  班子成员: 'cadre',
};

export const FIELD_NAMES = '姓名、手机、支部、入党日期、类别（正式/预备）、班子成员（是/否）';

export const ADD_MEMBER_TEMPLATE = ['姓名：', '手机：', '支部：', '入党日期：', '类别：正式'].join('\n');

export interface MemberDetails {
  name?: string;
  phone?: string;
  org?: string;
  joinedAt?: string;
  probationary?: boolean;
  isCadre?: boolean;
}

export type MemberFormResult = { ok: true; details: MemberDetails } | { ok: false; problems: string[] };

/** A name as written, without the spaces people put between its characters (「李 春生」). */
export function normaliseName(text: string): string {
  return text.replace(/[\s\u3000]+/gu, '');
}

/** An 11-digit mainland mobile number, or null. Spaces, dashes and a leading +86 are allowed. */
export function readPhone(text: string): string | null {
  const digits = toHalfWidth(text)
    .replace(/[\s\u3000-]/gu, '')
    .replace(/^\+?86/u, '');
  return /^1\d{10}$/u.test(digits) ? digits : null;
}

/**
 * Reads a "字段：内容" form of member details. Every problem is reported at once; nothing is returned unless the
 * whole form is right. `today` (YYYY-MM-DD in TZ_NAME) bounds 入党日期.
 */
export function parseMemberForm(text: string, today: string): MemberFormResult {
  const problems: string[] = [];
  const details: MemberDetails = {};
  const seen = new Set<MemberField>();
  for (const line of readFormLines(text, (label) => LABELS[label])) {
    if (line.field === null) {
      problems.push(line.label ? `不认识「${line.label}」这一项（可以写：${FIELD_NAMES}）` : `「${line.line}」没有写是哪一项（应写成「字段：内容」）`);
      continue;
    }
    if (seen.has(line.field)) {
      problems.push(`「${line.line}」重复了，每一项只写一次`);
      continue;
    }
    seen.add(line.field);
    const value = line.value;
    if (!value) {
      problems.push(`「${line.line}」没有填写内容`);
      continue;
    }
    switch (line.field) {
      case 'name': {
        const name = normaliseName(value);
        if (name.length > 20) problems.push('姓名太长了（最多 20 个字）');
        else details.name = name;
        break;
      }
      case 'phone': {
        const phone = readPhone(value);
        if (!phone) problems.push('手机号格式不对（应是 11 位数字，以 1 开头）');
        else details.phone = phone;
        break;
      }
      case 'org':
        details.org = normaliseName(value);
        break;
      case 'joinedAt': {
        const written = readWrittenDate(value);
        const day = written && written.year !== null ? DateTime.fromObject({ year: written.year, month: written.month, day: written.day }) : null;
        if (!day) problems.push(`入党日期「${value}」要写完整的年月日，如 2015-07-01 或 2015年7月1日`);
        else if (!day.isValid) problems.push(`入党日期「${value}」不是有效的日期（没有这一天）`);
        else if (day.toISODate()! > today) problems.push(`入党日期「${value}」是将来的日期`);
        else if (day.year < 1921) problems.push(`入党日期「${value}」太早了，请核对`);
        else details.joinedAt = day.toISODate()!;
        break;
      }
      case 'kind': {
        const kind = value.replace(/党员$/u, '');
        if (kind === '正式') details.probationary = false;
        else if (kind === '预备') details.probationary = true;
        else problems.push(`类别只能写「正式」或「预备」，收到「${value}」`);
        break;
      }
      case 'cadre':
        if (['是', '否'].includes(value)) details.isCadre = value === '是';
        else problems.push(`班子成员只能写「是」或「否」，收到「${value}」`);
        break;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, details };
}
