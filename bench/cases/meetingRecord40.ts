import { DateTime } from 'luxon';
import { summarise, type BenchCase, type BenchFigure } from '../BenchCase.ts';
import { startTestService } from '../../test/support/startTestService.ts';
import { fixedClock } from '../../src/core/time/clock.ts';
import { createBenchBranch } from '../benchBranch.ts';

const SAMPLES = 60;
const WARM_UP = 5;
const ATTENDEES = 40;

/**
 * A /会议记录 naming 40 attendees, end to end through the sandbox: parse, resolve 40 names against the
 * branch, save the activity, 40 attendee rows and 40 point entries in one transaction, the receipt with what
 * the branch still lacks, and the reply back through the outbound queue. Caps are lifted so every record
 * writes all its points.
 */
const bench: BenchCase = {
  name: 'meetingRecord40',
  async run(): Promise<BenchFigure[]> {
    const clock = fixedClock('2026-11-20T04:00:00Z');
    const service = await startTestService({ clock, env: { LOG_LEVEL: 'warn' } });
    try {
      const db = service.database.prisma;
      await db.pointRule.updateMany({ data: { yearlyCap: null } });
      const branch = await createBenchBranch(db, 'r40', 45);
      const names = branch.members.slice(0, ATTENDEES).map((m) => m.name);
      const today = DateTime.fromISO('2026-11-20');
      const durations: number[] = [];
      for (let i = 0; i < WARM_UP + SAMPLES; i++) {
        const day = today.minus({ days: i }).toISODate();
        const text = [
          '/会议记录',
          '类型：专题讲习/培训',
          `日期：${day}`,
          `主题：第${i + 1}期专题讲习`,
          '学时：2',
          `参加人员：${names.join(' ')}`,
          '摘要：集中学习',
        ].join('\n');
        const t0 = performance.now();
        const replies = await service.say(branch.chatId, branch.secretaryPersona, text);
        const ms = performance.now() - t0;
        if (!replies[0]?.text.includes('会议记录已登记') || !replies[0].text.includes(`${ATTENDEES} 人 × 3 分`)) {
          throw new Error(`unexpected reply: ${replies[0]?.text}`);
        }
        if (i >= WARM_UP) durations.push(ms);
      }
      const entries = await db.pointEntry.count({ where: { organizationId: branch.org.id } });
      if (entries !== (WARM_UP + SAMPLES) * ATTENDEES) throw new Error(`expected ${(WARM_UP + SAMPLES) * ATTENDEES} point entries, found ${entries}`);
      return summarise('meeting record with 40 attendees, end to end', durations);
    } finally {
      await service.stop();
    }
  },
};

export default bench;
