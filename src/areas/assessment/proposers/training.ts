import { clampScore, recordRef } from './cadence.ts';
import type { Deduction, Proposer } from './types.ts';

/**
 * Training hours per person against the yearly floors (domain.md §2: 村 24/24, 两新 32/56 for 书记 and 班子),
 * prorated for a half-year or quarter. Hours come from each attendee row, else the record's hours per attendee.
 */
export const training: Proposer = (set, maxPoints, params) => {
  const share = set.period.months.length / 12;
  const memberFloor = round((params.memberFloor ?? 24) * share);
  const cadreFloor = round((params.cadreFloor ?? 24) * share);
  const hoursRecords = set.records.filter((r) => r.type === 'TRAINING' || r.type === 'PARTY_LESSON' || (r.hours ?? 0) > 0);
  const hours = new Map<number, number>();
  const attendedTraining = new Set<number>();
  for (const r of hoursRecords) {
    for (const a of r.attendees) {
      if (!a.present) continue;
      hours.set(a.memberId, (hours.get(a.memberId) ?? 0) + (a.hours ?? r.hours ?? 0));
      if (r.type === 'TRAINING') attendedTraining.add(a.memberId);
    }
  }
  const records = hoursRecords.map(recordRef);
  const summary = [`学时要求（按期间折算）：党员 ≥ ${memberFloor} 学时，班子成员 ≥ ${cadreFloor} 学时`, `计入学时的记录 ${hoursRecords.length} 条`];
  if (params.noneZero && hoursRecords.length === 0) {
    return {
      score: 0,
      evidence: {
        rule: '全年无培训的不得分',
        summary: [...summary, '本期间没有任何学习培训记录'],
        records,
        missing: ['无培训记录'],
        deductions: [{ points: maxPoints, reason: '无培训' }],
      },
    };
  }
  const shortMembers = set.members.filter((m) => !m.isCadre && (hours.get(m.id) ?? 0) < memberFloor);
  const shortCadres = set.members.filter((m) => m.isCadre && (hours.get(m.id) ?? 0) < cadreFloor);
  const cadresWithoutTraining = set.members.filter((m) => m.isCadre && !attendedTraining.has(m.id));
  const missing = [
    ...shortMembers.map((m) => `党员 ${m.name}：${round(hours.get(m.id) ?? 0)} 学时`),
    ...shortCadres.map((m) => `班子成员 ${m.name}：${round(hours.get(m.id) ?? 0)} 学时`),
  ];
  const deductions: Deduction[] = [];
  if (shortMembers.length) deductions.push({ points: params.memberDeduct ?? 1, reason: `${shortMembers.length} 名党员学时不足 ${memberFloor}` });
  if (params.noTrainingDeduct && cadresWithoutTraining.length) {
    deductions.push({ points: params.noTrainingDeduct, reason: `${cadresWithoutTraining.length} 名班子成员没有参加集中培训` });
    missing.push(...cadresWithoutTraining.map((m) => `班子成员 ${m.name}：未参加集中培训`));
  } else if (shortCadres.length) {
    deductions.push({ points: params.cadreDeduct ?? 1, reason: `${shortCadres.length} 名班子成员学时不足 ${cadreFloor}` });
  }
  summary.push(
    shortMembers.length ? `学时不足的党员 ${shortMembers.length} 名` : '党员学时均达标',
    shortCadres.length ? `学时不足的班子成员 ${shortCadres.length} 名` : '班子成员学时均达标',
  );
  return {
    score: clampScore(
      maxPoints,
      deductions.reduce((s, d) => s + d.points, 0),
    ),
    evidence: {
      rule: `学时：党员 ${params.memberFloor ?? 24}、班子成员 ${params.cadreFloor ?? 24} 学时/年，不足按标准扣分`,
      summary,
      records,
      missing,
      deductions,
    },
  };
};

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
