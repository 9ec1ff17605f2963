import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../../src/areas/roster/importRoster.ts';
import { seededDatabase } from '../assessment/seededDatabase.ts';
import { rosterWorkbook } from './rosterWorkbook.ts';

describe('roster import', () => {
  let db: Awaited<ReturnType<typeof seededDatabase>>;
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('imports nothing when one row is bad, and names every bad row', async () => {
    const before = await db.prisma.member.count();
    const file = await rosterWorkbook(
      [
        ['北湖村党支部', '甲一', '13900001111', '书记', '是'],
        ['北湖村党支部', '甲二', '13900001112', '党员', '否'],
        ['不存在的支部', '甲三', '13900001113', '党员', '否'],
        ['北湖村党支部', '甲四', '13900001112', '党员', '否'],
        ['北湖村党支部', '', '1390000', '队长', '否'],
      ],
      [['北湖村党支部', '北湖村', '党支部', '村(社区)', '青禾镇党委', '北片区', 6]],
    );
    const result = await importRoster(db.prisma, file, '名册.xlsx', null);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.row, e.message])).toEqual([
      [4, expect.stringContaining('组织「不存在的支部」不存在')],
      [5, expect.stringContaining('与第 3 行重复')],
      [6, '缺少「姓名」'],
      [6, expect.stringContaining('手机号格式不对')],
      [6, expect.stringContaining('角色「队长」不认识')],
    ]);
    expect(await db.prisma.member.count()).toBe(before);
    expect(await db.prisma.organization.count({ where: { name: '北湖村党支部' } })).toBe(0);
    // The error report never shows a full phone number.
    expect(JSON.stringify(result.errors)).not.toContain('13900001112');
  });

  it('imports every row of a good file in one go, with roles, cadre flag and last four digits', async () => {
    const file = await rosterWorkbook(
      [
        ['北湖村党支部', '甲一', '13900001111', '书记、联络员', '是'],
        ['北湖村党支部', '甲二', '139 0000 1112', '党员', '否'],
      ],
      [['北湖村党支部', '北湖村', '党支部', '村(社区)', '青禾镇党委', '北片区', 6]],
    );
    const result = await importRoster(db.prisma, file, '名册.xlsx', null);
    expect(result).toMatchObject({ ok: true, organizationsCreated: 1, membersCreated: 2, membersUpdated: 0 });
    const secretary = await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900001111' }, include: { roles: true, organization: true } });
    expect(secretary).toMatchObject({ name: '甲一', phoneLast4: '1111', isCadre: true });
    expect(secretary.organization).toMatchObject({ level: 'BRANCH', domain: 'VILLAGE', themeDay: 6 });
    expect(secretary.roles.map((r) => r.role).sort()).toEqual(['LIAISON', 'MEMBER', 'SECRETARY']);
    // Importing again updates by phone instead of duplicating.
    const again = await importRoster(db.prisma, await rosterWorkbook([['北湖村党支部', '甲二', '13900001112', '党小组长', '否']]), '名册.xlsx', null);
    expect(again).toMatchObject({ ok: true, membersCreated: 0, membersUpdated: 1 });
  });

  it('reads a UTF-8 CSV', async () => {
    const csv = Buffer.from('\uFEFF组织,姓名,手机,角色,班子成员\n东湾村党支部,乙一,13900002221,党员,否\n', 'utf8');
    const result = await importRoster(db.prisma, csv, 'roster.csv', null);
    expect(result).toMatchObject({ ok: true, membersCreated: 1 });
    expect((await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900002221' }, include: { organization: true } })).organization.name).toBe('东湾村党支部');
  });
});
