import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { countStatements } from '../../support/countStatements.ts';
import { rateMembers, rateYear } from '../../../src/areas/points/yearRating.ts';
import { RATING_SETTING_KEY, ratingPhase } from '../../../src/areas/points/ratingPhase.ts';
import { realmDb } from '../../../src/engine/identity/realmDb.ts';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-11-20T04:00:00Z');

/**
 * The star rating of a year read in few statements (issue 13): a member rated alone (/积分, /星级) is rated
 * exactly as on a board of their branch or of the whole town, and the phase and rules come with the members.
 */
describe('the year rating', () => {
  let service: TestService;
  const db = () => realmDb(service.database.prisma, true);
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    service = await startTestService({ env: { SCHEDULES: '0' } });
    const prisma = service.database.prisma;
    const org = async (name: string) => (await prisma.organization.findUniqueOrThrow({ where: { name } })).id;
    const member = async (orgName: string, skip = 0) =>
      prisma.member.findFirstOrThrow({ where: { organization: { name: orgName } }, orderBy: { id: 'asc' }, skip });
    const give = async (m: { id: number; organizationId: number }, year: number, points: number) =>
      prisma.pointEntry.create({ data: { memberId: m.id, organizationId: m.organizationId, year, points, reason: '测试', sourceType: 'IMPORT' } });
    ids.dongwan = await org('东湾村党支部');
    ids.xiling = await org('西岭村党总支');
    ids.xiling1 = await org('西岭村第一党支部');
    ids.nantang = await org('南塘社区党支部');

    const [a, b, c, d, e] = await Promise.all([0, 1, 2, 3, 4].map((i) => member('东湾村党支部', i)));
    await give(a!, 2026, 91.25);
    await give(a!, 2026, -1.25);
    await give(a!, 2025, 30); // another year: not counted
    await give(b!, 2026, 79.95);
    // Exempt for 2025 only: rated in 2026. Exempt without a year: never rated.
    await prisma.member.update({ where: { id: b!.id }, data: { ratingExempt: true, exemptReason: '外出', exemptYear: 2025 } });
    await prisma.member.update({ where: { id: c!.id }, data: { ratingExempt: true, exemptReason: '长期病休' } });
    await prisma.member.update({ where: { id: d!.id }, data: { joinedAt: new Date('2026-08-01T00:00:00Z') } });
    await give(e!, 2026, 88);
    await prisma.member.update({ where: { id: e!.id }, data: { status: 'TRANSFERRED_OUT' } });
    Object.assign(ids, { a: a!.id, b: b!.id, c: c!.id, d: d!.id, e: e!.id });
    // The 党总支 kept a record; its branch below kept none, and 南塘 none at all.
    await give(await member('西岭村党总支'), 2026, 5);
    ids.xilingMember = (await member('西岭村第一党支部')).id;
    ids.nantangMember = (await member('南塘社区党支部')).id;
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('says who is rated and why not, with the totals of the year and the stars they give', async () => {
    const { members } = await rateYear(db(), 2026, NOW, ZONE);
    const of = (id: number) => members.find((m) => m.memberId === id);
    expect(of(ids.a!)).toMatchObject({ score: 90, stars: 3, unrated: null });
    expect(of(ids.b!)).toMatchObject({ score: 79.95, stars: 1, unrated: null, ratingExempt: false });
    expect(of(ids.c!)).toMatchObject({ unrated: 'exempt', ratingExempt: true, exemptReason: '长期病休' });
    expect(of(ids.d!)).toMatchObject({ unrated: 'late', joinedAt: new Date('2026-08-01T00:00:00Z') });
    expect(of(ids.e!)).toBeUndefined();
    expect(of(ids.xilingMember!)).toMatchObject({ score: 0, unrated: null }); // the 党总支 above kept a record
    expect(of(ids.nantangMember!)).toMatchObject({ score: 0, unrated: 'no_records' });
  });

  it('counts a meeting record as a record kept even without points, a revoked one not', async () => {
    const prisma = service.database.prisma;
    const record = (status: 'ACTIVE' | 'REVOKED', seq: number) =>
      prisma.activity.create({
        data: { organizationId: ids.nantang!, year: 2026, seq, type: 'THEME_DAY', heldOn: new Date('2026-03-10T00:00:00Z'), topic: '主题党日', status },
      });
    const nantang = async () => (await rateMembers(db(), 2026, NOW, ZONE, { memberIds: [ids.nantangMember!] })).members[0];
    const revoked = await record('REVOKED', 1);
    expect(await nantang()).toMatchObject({ unrated: 'no_records' });
    const active = await record('ACTIVE', 2);
    try {
      expect(await nantang()).toMatchObject({ unrated: null });
    } finally {
      await prisma.activity.deleteMany({ where: { id: { in: [revoked.id, active.id] } } });
    }
  });

  it('rates a member alone, or a branch, exactly as the whole town is rated', async () => {
    const town = await rateYear(db(), 2026, NOW, ZONE);
    expect(town.members.length).toBeGreaterThan(20);
    for (const m of town.members) {
      const alone = await rateMembers(db(), 2026, NOW, ZONE, { memberIds: [m.memberId] });
      expect(alone.members).toEqual([m]);
      expect(alone.phase).toEqual(town.phase);
      expect(alone.rules).toEqual(town.rules);
    }
    const branch = await rateYear(db(), 2026, NOW, ZONE, [ids.dongwan!]);
    expect(branch.members).toEqual(town.members.filter((m) => m.organizationId === ids.dongwan));
    expect(branch.branches).toEqual(town.branches.filter((b) => b.organizationId === ids.dongwan));
  });

  it('costs one statement for members, three for the whole rating, whatever the number of members', async () => {
    expect(await countStatements(() => rateMembers(db(), 2026, NOW, ZONE, { memberIds: [ids.a!] }))).toHaveLength(1);
    expect(await countStatements(() => rateMembers(db(), 2026, NOW, ZONE, { organizationIds: [ids.dongwan!, ids.xiling!] }))).toHaveLength(1);
    expect(await countStatements(() => rateYear(db(), 2026, NOW, ZONE, [ids.dongwan!]))).toHaveLength(3);
    expect(await countStatements(() => rateYear(db(), 2026, NOW, ZONE))).toHaveLength(3);
  });

  it('reads the phase and the rules with the members, also when there are no members', async () => {
    const prisma = service.database.prisma;
    // Finalised at 00:30 on 2 January in Beijing (still 1 January in UTC): the date must come back as it went in.
    const finalizedAt = new Date('2026-01-01T16:30:00Z');
    await prisma.starYear.create({ data: { year: 2025, finalizedAt } });
    await prisma.setting.create({ data: { key: RATING_SETTING_KEY, value: { lateJoinFrom: '09-01' } } });
    try {
      for (const year of [2025, 2026]) {
        const rated = await rateMembers(db(), year, NOW, ZONE, { memberIds: [ids.d!] });
        expect(rated.phase).toEqual(await ratingPhase(db(), year, NOW, ZONE));
        expect(rated.rules).toEqual({ lateJoinFrom: '09-01' });
        const none = await rateMembers(db(), year, NOW, ZONE, { memberIds: [] });
        expect(none).toEqual({ ...rated, members: [] });
      }
      expect((await rateMembers(db(), 2025, NOW, ZONE, { memberIds: [] })).phase).toMatchObject({ final: true, finalBy: 'finalized', finalizedAt });
      // Joined on 1 August, and late only from 1 September now: rated.
      expect((await rateMembers(db(), 2026, NOW, ZONE, { memberIds: [ids.d!] })).members[0]).toMatchObject({ unrated: null });
    } finally {
      await prisma.setting.delete({ where: { key: RATING_SETTING_KEY } });
      await prisma.starYear.delete({ where: { year: 2025 } });
    }
    expect((await rateMembers(db(), 2026, NOW, ZONE, { memberIds: [ids.d!] })).members[0]).toMatchObject({ unrated: 'late' });
  });
});
