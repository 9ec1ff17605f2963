import { DateTime } from 'luxon';
import type { Db } from '../../../core/db/openDatabase.ts';
import type { Push } from '../../../engine/notify/Push.ts';
import type { PushSettings } from '../pushSettings.ts';
import type { OrganizationTree } from '../queries/organizationTree.ts';
import { memberYearTotals, roundPoints as round } from '../../points/memberTotals.ts';
import { weeklyPointsView } from './weeklyPointsView.ts';
import { sendTime } from '../sendTime.ts';
import { entriesInPeriod } from '../../points/entriesInPeriod.ts';
import { groupBy } from '../../../core/util/groupBy.ts';

/** How far through its year `today` is (0..1], counting today. */
export function yearFraction(today: DateTime): number {
  return today.ordinal / (today.isInLeapYear ? 366 : 365);
}

/**
 * The weekly points update of every organisation that has members and a bound branch group: this week's
 * changes per member (Monday to today; a meeting's points in the week of its date, see entriesInPeriod), the top of the year's ranking and the members at risk.
 * At risk = not exempt and year-to-date total below threshold × the share of the year gone (pro-rated).
 */
export async function buildWeeklyPointsPushes(
  db: Db,
  tree: OrganizationTree,
  now: Date,
  settings: PushSettings,
  zone: string,
  hour = DateTime.fromJSDate(now, { zone }).hour,
): Promise<Push[]> {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const weekStart = today.startOf('week');
  const year = today.year;
  const groups = await db.chatGroup.findMany({ where: { purpose: 'BRANCH', organizationId: { not: null } }, select: { organizationId: true } });
  const orgIds = [...new Set(groups.map((g) => g.organizationId!))];
  if (orgIds.length === 0) return [];
  const [totals, week] = await Promise.all([
    memberYearTotals(db, orgIds, year),
    entriesInPeriod(db, { organizationIds: orgIds, from: weekStart.toISODate()!, to: today.toISODate()!, start: weekStart.toJSDate(), end: now }),
  ]);
  const weekByMember = new Map<number, { delta: number; reasons: string[] }>();
  for (const e of week) {
    const w = weekByMember.get(e.memberId) ?? { delta: 0, reasons: [] };
    w.delta += e.points;
    if (w.reasons.length < 3) w.reasons.push(`${e.reason}${e.points > 0 ? '+' : ''}${e.points}`);
    weekByMember.set(e.memberId, w);
  }
  const members = totals
    .map((m) => ({ id: m.memberId, name: m.name, organizationId: m.organizationId, ratingExempt: m.ratingExempt, total: m.total }))
    .sort((a, b) => a.id - b.id);
  const fraction = yearFraction(today);
  const byOrg = groupBy(members, (m) => m.organizationId);
  const pushes: Push[] = [];
  for (const [orgId, list] of byOrg) {
    const withTotals = list;
    const changes = withTotals
      .filter((m) => weekByMember.has(m.id))
      .map((m) => ({ name: m.name, delta: round(weekByMember.get(m.id)!.delta), reasons: weekByMember.get(m.id)!.reasons, total: m.total }))
      .sort((a, b) => b.delta - a.delta);
    const top = [...withTotals]
      .filter((m) => m.total > 0)
      .sort((a, b) => b.total - a.total)
      .slice(0, settings.rankingTop);
    const expected = round(settings.atRiskThreshold * fraction);
    const atRisk = withTotals
      .filter((m) => !m.ratingExempt && m.total < expected)
      .sort((a, b) => a.total - b.total)
      .map((m) => ({ name: m.name, total: m.total, expected }));
    pushes.push({
      key: `points:org${orgId}:${weekStart.toISODate()}`,
      kind: 'points',
      target: { organizationId: orgId, purpose: 'BRANCH' },
      view: weeklyPointsView({
        orgName: tree.name(orgId),
        weekStart: weekStart.toISODate()!,
        weekEnd: today.toISODate()!,
        changes,
        top,
        atRisk,
        threshold: settings.atRiskThreshold,
      }),
      sendAt: sendTime(today.toISODate()!, hour, orgId, 'points', zone),
    });
  }
  return pushes;
}
