import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { fixedClock } from '../../../src/core/time/clock.ts';

// The embedded database runs the same raw queries (grouped totals, 学时, JSON audit lookup) as PostgreSQL.
describe('records and points on embedded PGlite', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ db: 'pglite', clock: fixedClock('2026-11-20T04:00:00Z') });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('saves a record once, even when its job runs again, and ranks the branch', async () => {
    const text = ['/会议记录', '类型：党课', '日期：昨天', '主题：党课', '参加人员：@赵大勇 陈秀英', '学时：2'].join('\n');
    const [first] = await service.say('sb-group-dongwan', 'sb-dw-secretary', text, { messageId: 'pg-1' });
    expect(first!.text).toContain('2 人 × 5 分（参加党课） = 10 分');
    expect(first!.text).toContain('2 人 × 2 学时 = 4 学时');
    await service.database.prisma.inboundEvent.updateMany({ where: { eventId: 'pg-1' }, data: { processedAt: null } });
    await service.queues.inbound.getJob('SANDBOX-pg-1').then((j) => j?.remove());
    const [again] = await service.say('sb-group-dongwan', 'sb-dw-secretary', text, { messageId: 'pg-1' });
    expect(again!.text).toContain('2026年第1号');
    expect(await service.database.prisma.pointEntry.count()).toBe(2);
    const [board] = await service.sayText('sb-group-dongwan', 'sb-dw-member', '/积分榜');
    expect(board).toContain('1 · 陈秀英 · 5 · 暂未达到一星');
    expect(board).toContain('1 · 赵大勇 · 5 · 暂未达到一星');
    const [mine] = await service.sayText('sb-group-dongwan', 'sb-dw-member', '/积分');
    expect(mine).toContain('学时：2 学时 / 全年至少 24 学时');
  });
});
