import type ExcelJS from 'exceljs';
import type { Db } from '../../core/db/openDatabase.ts';
import { activityTypeNames as activityNames } from '../records/cadence.ts';
import { parseAutoRule } from '../assessment/proposers/parseAutoRule.ts';
import type { Evidence } from '../assessment/proposers/types.ts';
import { kindNames } from '../assessment/assessmentService.ts';
import { periodName } from '../assessment/period.ts';
import { statusNames } from '../../engine/commands/roleNames.ts';
import { maskPhone } from '../../core/util/maskPhone.ts';
import { rateYear, standingLabel } from '../points/yearRating.ts';
import { phaseLabel } from '../points/ratingPhase.ts';
import { maskPhonesInText } from '../../core/util/maskPhone.ts';
import { dateColumnToIso, instantToIso, isoToDateColumn, yearBounds } from '../../core/time/calendarDay.ts';
import { dueMonths, lastDueMonth } from '../dues/duesStatus.ts';
import { formatMonths } from '../dues/parseDuesEntry.ts';
import { isCurrentMember } from '../../engine/identity/memberStatus.ts';
import { SHOWN_PHOTO } from '../traces/shownPhoto.ts';
import { SHOWN_ATTACHMENT } from '../briefings/shownAttachment.ts';
import { attachmentCount } from '../briefings/attachmentViews.ts';

export type LedgerPart = 'ledgers' | 'assessment' | 'points' | 'problems';

export const SHEETS = {
  daily: '党组织日常工作',
  education: '党员教育管理',
  development: '发展党员和党费收缴',
  featured: '特色党建工作',
  problems: '问题台账',
  assessment: '考评打分',
  points: '党员积分',
  pointEntries: '积分明细',
} as const;

interface Column {
  header: string;
  width: number;
  wrap?: boolean;
}

/** Plain, WPS- and Excel-friendly sheet: bold grey header, frozen first row, fixed widths, wrapped long text. */
function addSheet(workbook: ExcelJS.Workbook, name: string, columns: Column[], rows: (string | number | null)[][]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  // Free text typed in chat (reasons, 责任人) may hold a phone number; the ledger never shows one in full.
  for (const row of rows) sheet.addRow(row.map((v) => (v === null ? '' : typeof v === 'string' ? maskPhonesInText(v) : v)));
  columns.forEach((c, i) => {
    if (c.wrap) sheet.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  return sheet;
}

/** A @db.Date column (a meeting's day, a deadline, 入党日期) as its calendar day. */
const day = (d: Date | null | undefined) => (d ? dateColumnToIso(d) : '');

/** Where a point entry came from, in the words of the 积分明细 sheet. */
export const SOURCE_NAMES: Record<string, string> = {
  ACTIVITY: '会议记录',
  ACTIVITY_REVERSAL: '记录替换撤回',
  MANUAL: '书记加扣分',
  IMPORT: '导入',
};

/** A 简报's attachments as its evidence in the 说明 column: 「附件 3 个（图片 2、PDF 1）：合影.jpg、方案.pdf、…」. */
function briefingEvidence(attachments: { fileName: string; file: { mimeType: string } }[]): string {
  if (attachments.length === 0) return '';
  const names = attachments.map((a) => a.fileName);
  return `附件 ${attachmentCount(attachments)}：${names.slice(0, 10).join('、')}${names.length > 10 ? ' 等' : ''}`;
}

/** What a file of these parts holds, for its name: a /导出 问题 file is a 问题台账, not a 党建台账. */
function contentName(parts: Set<LedgerPart>): string {
  if (parts.size !== 1) return '党建台账';
  if (parts.has('assessment')) return '考评表';
  if (parts.has('points')) return '积分台账';
  if (parts.has('problems')) return '问题台账';
  return '基础台账';
}

/**
 * The electronic ledger of an organisation for a year (domain.md §7): the four basic ledgers, the problem
 * ledger, the assessment sheet with item scores and evidence, and the points ledger.
 */
export async function buildLedgerWorkbook(
  db: Db,
  input: {
    organizationId: number;
    year: number;
    parts?: LedgerPart[];
    /** TZ_NAME: the calendar day of every instant (entered, closed), and the star column's 暂定 or final. */ zone: string;
    /** Today (the injected clock): the months of 党费 due, and the star column's 暂定 or final. */ now?: Date;
  },
): Promise<{
  bytes: Buffer;
  fileName: string;
  /** Rows of the year's own work (records, entries, problems, briefings, a 考评): 0 means the sheets hold only the roster and headers. */ yearEntries: number;
}> {
  const parts = new Set<LedgerPart>(input.parts ?? ['ledgers', 'problems', 'assessment', 'points']);
  const org = await db.organization.findUniqueOrThrow({ where: { id: input.organizationId } });
  const { year } = input;
  const from = isoToDateColumn(`${year}-01-01`);
  const to = isoToDateColumn(`${year}-12-31`);
  const instants = yearBounds(year, input.zone);
  /** An instant (entered, closed) as its calendar day in TZ_NAME, never the UTC day. */
  const dayOf = (d: Date | null | undefined) => (d ? instantToIso(d, input.zone) : '');
  // exceljs loads with the first export, not with every process.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = '支部助手';
  workbook.created = new Date();
  const members = await db.member.findMany({ where: { organizationId: org.id }, orderBy: { id: 'asc' } });
  let yearEntries = 0;

  if (parts.has('ledgers')) {
    const activities = await db.activity.findMany({
      where: { organizationId: org.id, status: 'ACTIVE', heldOn: { gte: from, lte: to } },
      include: { recordedBy: true, attendees: true, _count: { select: { photos: { where: SHOWN_PHOTO } } } },
      orderBy: [{ heldOn: 'asc' }, { seq: 'asc' }],
    });
    yearEntries += activities.length;
    addSheet(
      workbook,
      SHEETS.daily,
      [
        { header: '编号', width: 8 },
        { header: '日期', width: 12 },
        { header: '类型', width: 14 },
        { header: '主题', width: 36, wrap: true },
        { header: '应到', width: 8 },
        { header: '实到', width: 8 },
        { header: '学时', width: 8 },
        { header: '照片', width: 8 },
        { header: '记录人', width: 10 },
        { header: '摘要', width: 50, wrap: true },
      ],
      activities.map((a) => [
        a.seq,
        day(a.heldOn),
        activityNames[a.type],
        a.topic,
        a.expectedCount,
        a.presentCount,
        a.hours,
        a._count.photos,
        a.recordedBy?.name ?? '',
        a.summary ?? '',
      ]),
    );

    const standard = await db.scoringStandard.findFirst({ where: { domain: org.domain, active: true }, include: { categories: { include: { items: true } } } });
    const rule = standard?.categories.flatMap((c) => c.items).find((i) => i.autoRule?.startsWith('training'))?.autoRule;
    const params = rule ? parseAutoRule(rule).params : {};
    const floors = { member: params.memberFloor ?? 24, cadre: params.cadreFloor ?? 24 };
    // 民主评议 outcome of the year (/评议结果); blank when the branch has not entered one for the member.
    const reviews = new Map(
      (await db.reviewOutcome.findMany({ where: { memberId: { in: members.map((m) => m.id) }, year } })).map((r) => [r.memberId, r.outcome]),
    );
    const hours = new Map<number, { hours: number; times: number }>();
    for (const a of activities) {
      for (const x of a.attendees) {
        if (!x.present) continue;
        const h = hours.get(x.memberId) ?? { hours: 0, times: 0 };
        h.times++;
        if (a.type === 'TRAINING' || a.type === 'PARTY_LESSON' || (a.hours ?? 0) > 0) h.hours += x.hours ?? a.hours ?? 0;
        hours.set(x.memberId, h);
      }
    }
    addSheet(
      workbook,
      SHEETS.education,
      [
        { header: '姓名', width: 10 },
        { header: '班子成员', width: 10 },
        { header: '状态', width: 10 },
        { header: '参加活动次数', width: 14 },
        { header: '学时合计', width: 10 },
        { header: '年度学时要求', width: 14 },
        { header: '是否达标', width: 10 },
        { header: '民主评议', width: 10 },
      ],
      members.map((m) => {
        const h = hours.get(m.id) ?? { hours: 0, times: 0 };
        const floor = m.isCadre ? floors.cadre : floors.member;
        return [
          m.name,
          m.isCadre ? '是' : '否',
          statusNames[m.status],
          h.times,
          Math.round(h.hours * 10) / 10,
          floor,
          h.hours >= floor ? '达标' : '未达标',
          reviews.get(m.id) ?? '',
        ];
      }),
    );

    // 党费 (/党费 登记): the amount in 元 under each month paid; 备注 lists months due and not paid.
    const dues = new Map<number, Map<number, number>>();
    for (const p of await db.duesPayment.findMany({ where: { organizationId: org.id, year } })) {
      dues.set(p.memberId, (dues.get(p.memberId) ?? new Map<number, number>()).set(p.month, p.amountCents));
    }
    const duesAsOf = lastDueMonth(year, instantToIso(input.now ?? new Date(), input.zone));
    addSheet(
      workbook,
      SHEETS.development,
      [
        { header: '姓名', width: 10 },
        { header: '手机', width: 14 },
        { header: '入党日期', width: 12 },
        { header: '状态', width: 10 },
        ...Array.from({ length: 12 }, (_, i) => ({ header: `${i + 1}月党费`, width: 9 })),
        { header: '备注', width: 20, wrap: true },
      ],
      members.map((m) => {
        const paid = dues.get(m.id) ?? new Map<number, number>();
        const owed = isCurrentMember(m.status) ? dueMonths(year, duesAsOf, day(m.joinedAt)).filter((mo) => !paid.has(mo)) : [];
        return [
          m.name,
          maskPhone(m.phone),
          day(m.joinedAt),
          statusNames[m.status],
          ...Array.from({ length: 12 }, (_, i) => (paid.has(i + 1) ? paid.get(i + 1)! / 100 : '')),
          owed.length ? `欠缴 ${formatMonths(owed)}` : '',
        ];
      }),
    );

    const entries = await db.programmeEntry.findMany({
      where: { organizationId: org.id, createdAt: { gte: instants.start, lt: instants.end } },
      include: { programme: true },
      orderBy: { createdAt: 'asc' },
    });
    const tagged = activities.filter((a) => a.programmeCode);
    const programmes = new Map((await db.programme.findMany()).map((p) => [p.code, p.name]));
    const briefings = await db.briefing.findMany({
      where: { organizationId: org.id, year },
      include: { attachments: { where: SHOWN_ATTACHMENT, include: { file: { select: { mimeType: true } } }, orderBy: { id: 'asc' } } },
      orderBy: { seq: 'asc' },
    });
    yearEntries += entries.length + briefings.length;
    addSheet(
      workbook,
      SHEETS.featured,
      [
        { header: '类别', width: 12 },
        { header: '项目/标题', width: 32, wrap: true },
        { header: '数量', width: 8 },
        { header: '说明', width: 40, wrap: true },
        { header: '日期', width: 12 },
      ],
      [
        ...entries.map((e) => ['项目登记', e.programme.name, e.amount, e.note ?? '', dayOf(e.createdAt)]),
        ...tagged.map((a) => ['项目活动', programmes.get(a.programmeCode!) ?? a.programmeCode!, 1, `第${a.seq}号记录：${a.topic}`, day(a.heldOn)]),
        ...briefings.map((b) => [
          b.kind === 'BRIEFING' ? '简报信息' : '学习心得',
          b.title,
          1,
          [b.status === 'ADOPTED' ? '已采用' : b.status === 'RETURNED' ? '已退回' : '已报送', briefingEvidence(b.attachments)].filter(Boolean).join('\n'),
          dayOf(b.createdAt),
        ]),
      ],
    );
  }

  if (parts.has('problems')) {
    const problems = await db.problemEntry.findMany({
      where: { organizationId: org.id, year },
      include: { closingActivity: true, progress: true },
      orderBy: { seq: 'asc' },
    });
    yearEntries += problems.length;
    addSheet(
      workbook,
      SHEETS.problems,
      [
        { header: '编号', width: 6 },
        { header: '问题', width: 30, wrap: true },
        { header: '原因', width: 24, wrap: true },
        { header: '整改目标', width: 24, wrap: true },
        { header: '措施', width: 30, wrap: true },
        { header: '时限', width: 12 },
        { header: '责任人', width: 10 },
        { header: '进展', width: 30, wrap: true },
        { header: '状态', width: 8 },
        { header: '销号日期', width: 12 },
        { header: '销号证据', width: 24, wrap: true },
      ],
      problems.map((p) => [
        p.seq,
        p.problem,
        p.cause,
        p.target,
        p.measures,
        day(p.deadline),
        p.responsible,
        p.progress.map((x) => `${dayOf(x.createdAt)} ${x.note}`).join('\n'),
        p.status === 'CLOSED' ? '已销号' : '整改中',
        dayOf(p.closedAt),
        p.closingActivity ? `第${p.closingActivity.seq}号会议记录` : p.closingPhotoId ? `痕迹照片 ${p.closingPhotoId}` : '',
      ]),
    );
  }

  if (parts.has('assessment')) {
    const assessment = await db.assessment.findFirst({
      where: { organizationId: org.id, period: { startsWith: String(year) } },
      orderBy: [{ status: 'desc' }, { kind: 'desc' }, { createdAt: 'desc' }],
      include: {
        standard: { include: { categories: { orderBy: { sortOrder: 'asc' }, include: { items: { orderBy: { sortOrder: 'asc' } } } } } },
        scores: true,
      },
    });
    const rows: (string | number | null)[][] = [];
    if (assessment) yearEntries += 1;
    if (assessment) {
      for (const c of assessment.standard.categories) {
        for (const item of c.items) {
          const s = assessment.scores.find((x) => x.itemId === item.id);
          const evidence = s?.evidence as unknown as Evidence | null;
          const deductions = (s?.deductions as unknown as { points: number; reason: string }[] | null) ?? [];
          rows.push([
            c.name,
            item.code,
            item.name,
            item.maxPoints,
            s?.proposedScore ?? null,
            s?.score ?? null,
            [...deductions.map((d) => `−${d.points} ${d.reason}`), ...(s?.overrideReason ? [`改判理由：${s.overrideReason}`] : [])].join('\n'),
            evidence ? [evidence.rule, ...evidence.summary].join('\n') : '',
          ]);
        }
      }
      rows.push([
        '合计',
        '',
        `${kindNames[assessment.kind]} ${periodName(assessment.period)}（${assessment.status === 'FINAL' ? '已完成' : '评分中'}）`,
        100,
        null,
        assessment.totalScore,
        assessment.grade ?? '',
        '',
      ]);
    }
    addSheet(
      workbook,
      SHEETS.assessment,
      [
        { header: '类别', width: 14 },
        { header: '编号', width: 7 },
        { header: '项目', width: 18, wrap: true },
        { header: '满分', width: 7 },
        { header: '建议分', width: 8 },
        { header: '得分', width: 7 },
        { header: '扣分原因', width: 30, wrap: true },
        { header: '依据', width: 50, wrap: true },
      ],
      rows.length ? rows : [['本年度尚无考评', '', '', null, null, null, '', '']],
    );
  }

  if (parts.has('points')) {
    const entries = await db.pointEntry.findMany({
      where: { organizationId: org.id, year },
      include: { member: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    yearEntries += entries.length;
    const totals = new Map<number, number>();
    for (const e of entries) totals.set(e.memberId, (totals.get(e.memberId) ?? 0) + e.points);
    // Stars as the boards show them: 暂定 before the year is final, never 无星 / 不合格 for lack of data.
    const rating = await rateYear(db, year, input.now ?? new Date(), input.zone, [org.id]);
    const standing = new Map(rating.members.map((r) => [r.memberId, standingLabel(r, rating.phase, rating.rules)]));
    addSheet(
      workbook,
      SHEETS.points,
      [
        { header: '姓名', width: 10 },
        { header: '积分合计', width: 10 },
        { header: rating.phase.final ? '星级' : `星级（${phaseLabel(rating.phase)}）`, width: 28 },
      ],
      members.map((m) => {
        const total = Math.round((totals.get(m.id) ?? 0) * 100) / 100;
        return [m.name, total, standing.get(m.id) ?? (m.ratingExempt ? '免于评定' : '未评定')];
      }),
    );
    addSheet(
      workbook,
      SHEETS.pointEntries,
      [
        { header: '日期', width: 12 },
        { header: '姓名', width: 10 },
        { header: '分值', width: 8 },
        { header: '事由', width: 40, wrap: true },
        { header: '来源', width: 10 },
      ],
      entries.map((e) => [dayOf(e.createdAt), e.member.name, e.points, e.reason, SOURCE_NAMES[e.sourceType] ?? '其他']),
    );
  }

  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const fileName = `${org.name}-${year}年${contentName(parts)}.xlsx`;
  return { bytes, fileName, yearEntries };
}
