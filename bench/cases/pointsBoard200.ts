import { summarise, type BenchCase, type BenchFigure } from '../BenchCase.ts';
import { startTestService } from '../../test/support/startTestService.ts';
import { fixedClock } from '../../src/core/time/clock.ts';
import { memberYearTotals } from '../../src/areas/points/memberTotals.ts';
import { createBenchBranch } from '../benchBranch.ts';

const MEMBERS = 200;
/** Point entries per member over the year (meetings, volunteering, deductions): 10,000 in the branch. */
const ENTRIES_PER_MEMBER = 50;
const SAMPLES = 100;
const WARM_UP = 5;

/** /积分榜 for a branch of 200 members with a year of point entries, end to end; and the grouped query alone. */
const bench: BenchCase = {
  name: 'pointsBoard200',
  async run(): Promise<BenchFigure[]> {
    const clock = fixedClock('2026-11-20T04:00:00Z');
    const service = await startTestService({ clock, env: { LOG_LEVEL: 'warn' } });
    try {
      const db = service.database.prisma;
      const branch = await createBenchBranch(db, 'p200', MEMBERS);
      const rules = await db.pointRule.findMany();
      const rows = branch.members.flatMap((m, i) =>
        Array.from({ length: ENTRIES_PER_MEMBER }, (_, j) => {
          const rule = rules[(i + j) % rules.length]!;
          return { memberId: m.id, organizationId: branch.org.id, year: 2026, ruleId: rule.id, points: rule.points, reason: rule.name, sourceType: 'IMPORT' };
        }),
      );
      for (let k = 0; k < rows.length; k += 2000) await db.pointEntry.createMany({ data: rows.slice(k, k + 2000) });
      // Other years and branches are in the table too, as they would be.
      await db.pointEntry.createMany({ data: rows.slice(0, 2000).map((r) => ({ ...r, year: 2025 })) });

      const board: number[] = [];
      for (let i = 0; i < WARM_UP + SAMPLES; i++) {
        const t0 = performance.now();
        const replies = await service.say(branch.chatId, branch.memberPersona, '/积分榜');
        const ms = performance.now() - t0;
        if (!replies[0]?.text.includes(`参评 ${MEMBERS} 人`)) throw new Error(`unexpected reply: ${replies[0]?.text}`);
        if (i >= WARM_UP) board.push(ms);
      }
      const query: number[] = [];
      for (let i = 0; i < WARM_UP + SAMPLES; i++) {
        const t0 = performance.now();
        const totals = await memberYearTotals(db, [branch.org.id], 2026);
        const ms = performance.now() - t0;
        if (totals.length !== MEMBERS) throw new Error(`expected ${MEMBERS} totals, got ${totals.length}`);
        if (i >= WARM_UP) query.push(ms);
      }
      return [...summarise('/积分榜 200 members, end to end', board), ...summarise('memberYearTotals 200 members × 50 entries', query)];
    } finally {
      await service.stop();
    }
  },
};

export default bench;
