import { performance } from 'node:perf_hooks';
import type { BenchCase } from '../BenchCase.ts';
import { summarise } from '../BenchCase.ts';
import { openDatabase } from '../../src/core/db/openDatabase.ts';
import { migrate } from '../../src/core/db/migrate.ts';
import { seedReferenceData } from '../../src/app/seed/seedReferenceData.ts';
import { seedDemo } from '../../src/app/demo/seedDemo.ts';
import { startAssessment } from '../../src/areas/assessment/assessmentService.ts';
import { parsePeriod } from '../../src/areas/assessment/period.ts';
import { buildLedgerWorkbook } from '../../src/areas/ledgers/buildLedgerWorkbook.ts';
import type { ActivityType } from '../../src/core/generated/prisma/enums.ts';

const SAMPLES = 8;

/** A 两新 branch with 60 members and a full year of records: proposing every item, and exporting its ledger. */
const bench: BenchCase = {
  name: 'assessment-and-export',
  async run() {
    const database = await openDatabase({ pgliteDir: 'memory://' });
    try {
      const db = database.prisma;
      await migrate(database);
      await seedReferenceData(db);
      await seedDemo(db);
      const org = await db.organization.findUniqueOrThrow({ where: { name: '青禾精密机械有限公司党支部' } });
      for (let i = 0; i < 52; i++) {
        const phone = `1980000${String(i).padStart(4, '0')}`;
        await db.member.create({ data: { name: `成员${i}`, phone, phoneLast4: phone.slice(-4), organizationId: org.id, isCadre: i < 5 } });
      }
      const members = await db.member.findMany({ where: { organizationId: org.id } });
      const plan: [ActivityType, number][] = [
        ['COMMITTEE_MEETING', 1],
        ['GROUP_MEETING', 2],
        ['THEME_DAY', 1],
        ['TRAINING', 1],
      ];
      let seq = 0;
      for (let month = 1; month <= 12; month++) {
        for (const [type, times] of plan) {
          for (let t = 0; t < times; t++) {
            await db.activity.create({
              data: {
                organizationId: org.id,
                year: 2026,
                seq: ++seq,
                type,
                topic: `${type} ${month}`,
                heldOn: new Date(Date.UTC(2026, month - 1, 5 + t * 10)),
                hours: type === 'TRAINING' ? 3 : null,
                attendees: { create: members.map((m) => ({ memberId: m.id, present: (m.id + month) % 9 !== 0 })) },
              },
            });
          }
        }
      }
      const assessor = await db.member.findFirstOrThrow({ where: { name: '冯雅琴' } });
      const proposals: number[] = [];
      const exports: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        let started = performance.now();
        await startAssessment(db, { organizationId: org.id, kind: 'TEAM', period: parsePeriod('2026'), actorId: assessor.id, today: '2026-12-31' });
        proposals.push(performance.now() - started);
        started = performance.now();
        await buildLedgerWorkbook(db, { organizationId: org.id, year: 2026, zone: 'Asia/Shanghai' });
        exports.push(performance.now() - started);
      }
      return [...summarise('propose all items (60 members, 252 records)', proposals), ...summarise('export ledger workbook', exports)];
    } finally {
      await database.close();
    }
  },
};

export default bench;
