import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster, rosterFigures } from '../../../src/areas/roster/importRoster.ts';
import { seededDatabase } from '../assessment/seededDatabase.ts';
import { rosterWorkbook } from './rosterWorkbook.ts';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';

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
    expect((await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900002221' }, include: { organization: true } })).organization.name).toBe(
      '东湾村党支部',
    );
  });

  it('reads a CSV saved by Excel in China (GB18030/GBK), with a name written with a space', async () => {
    const csv = iconv.encode('组织,姓名,手机,角色,班子成员\r\n东湾村党支部,曾 伟,13900002231,宣传委员,否\r\n', 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(csv)).toThrow();
    const result = await importRoster(db.prisma, csv, '名册.csv', null);
    expect(result).toMatchObject({ ok: true, membersCreated: 1 });
    const member = await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900002231' }, include: { roles: true } });
    expect(member.name).toBe('曾伟');
    // 宣传委员 carries no permission here: it is kept as the member's title.
    expect(member.roles.map((r) => [r.role, r.title])).toEqual([['MEMBER', '宣传委员']]);
  });

  it('refuses a formula cell instead of reading what Excel last computed', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名册');
    sheet.addRow(['组织', '姓名', '手机', '角色', '班子成员']);
    sheet.addRow(['东湾村党支部', '丙一', { formula: '"1390000"&"2241"', result: '13900002241' }, '党员', '否']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await importRoster(db.prisma, file, '名册.xlsx', null);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringContaining('「手机」是公式') }),
      expect.objectContaining({ row: 2, message: '缺少「手机」' }),
    ]);
    expect(await db.prisma.member.count({ where: { phone: '13900002241' } })).toBe(0);
  });

  it('imported again, updates changed rows, adds new ones and lists members the file no longer has, changing none of them', async () => {
    const first = await rosterWorkbook(
      [
        ['南湾村党支部', '丁一', '13900003331', '书记', '是'],
        ['南湾村党支部', '丁二', '13900003332', '党员', '否'],
        ['南湾村党支部', '丁三', '13900003333', '党员', '否'],
      ],
      [['南湾村党支部', '南湾村', '党支部', '村(社区)', '青禾镇党委', '南片区', 6]],
    );
    expect(await importRoster(db.prisma, first, '名册.xlsx', null)).toMatchObject({ ok: true, membersCreated: 3, missing: [] });
    const second = await rosterWorkbook([
      ['南湾村党支部', '丁一', '13900003331', '书记', '是'],
      ['南湾村党支部', '丁二改', '13900003332', '党员', '是'],
      ['南湾村党支部', '丁四', '13900003334', '党员', '否'],
    ]);
    const result = await importRoster(db.prisma, second, '名册.xlsx', null);
    // 丁一 is listed exactly as before: unchanged, not updated.
    expect(result).toMatchObject({ ok: true, membersCreated: 1, membersUpdated: 1, membersUnchanged: 1 });
    expect(result.missing.map((m) => [m.name, m.organization])).toEqual([['丁三', '南湾村党支部']]);
    const renamed = await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900003332' } });
    expect([renamed.name, renamed.isCadre]).toEqual(['丁二改', true]);
    expect((await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900003333' } })).status).toBe('NORMAL');
  });

  it('counts as updated only the members a full roster sent again changes: a detail, a new role, a title', async () => {
    const orgs = [['北塘村党支部', '北塘村', '党支部', '村(社区)', '青禾镇党委', '北片区', 6]];
    const rows = [
      ['北塘村党支部', '戊一', '13900006661', '书记', '是'],
      ['北塘村党支部', '戊二', '13900006662', '党员', '否'],
      ['北塘村党支部', '戊三', '13900006663', '党员', '否'],
      ['北塘村党支部', '戊四', '13900006664', '党员', '否'],
      ['北塘村党支部', '戊五', '13900006665', '党员', '否'],
    ];
    expect(await importRoster(db.prisma, await rosterWorkbook(rows, orgs), '名册.xlsx', null)).toMatchObject({ ok: true, membersCreated: 5 });
    const before = await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900006661' } });

    const same = await importRoster(db.prisma, await rosterWorkbook(rows), '名册.xlsx', null);
    expect(same).toMatchObject({ ok: true, membersCreated: 0, membersUpdated: 0, membersUnchanged: 5 });
    // Nothing was written for an unchanged member.
    expect((await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900006661' } })).updatedAt).toEqual(before.updatedAt);

    const changed = await importRoster(
      db.prisma,
      await rosterWorkbook([
        rows[0]!,
        ['北塘村党支部', '戊二', '13900006662', '党员', '是'],
        ['北塘村党支部', '戊三', '13900006663', '联络员', '否'],
        ['北塘村党支部', '戊四', '13900006664', '宣传委员', '否'],
        rows[4]!,
      ]),
      '名册.xlsx',
      null,
    );
    expect(changed).toMatchObject({ ok: true, membersCreated: 0, membersUpdated: 3, membersUnchanged: 2 });
    expect(rosterFigures(changed)).toBe('新建组织 0 个，新增党员 0 名，更新党员 3 名，其余 2 名没有变化。');
    expect((await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900006662' } })).isCadre).toBe(true);
    const liaison = await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900006663' }, include: { roles: true } });
    expect(liaison.roles.map((r) => r.role).sort()).toEqual(['LIAISON', 'MEMBER']);
    const titled = await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900006664' }, include: { roles: true } });
    expect(titled.roles.map((r) => [r.role, r.title])).toEqual([['MEMBER', '宣传委员']]);
  });

  it('leaves 班子成员 as it is where the file does not say: no such column, or the cell left blank', async () => {
    const cadre = ['东湾村党支部', '己一', '13900007771', '党员', '是'];
    expect(await importRoster(db.prisma, await rosterWorkbook([cadre]), '名册.xlsx', null)).toMatchObject({ ok: true, membersCreated: 1 });
    const isCadre = async () => (await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900007771' } })).isCadre;
    expect(await isCadre()).toBe(true);

    const withoutColumn = Buffer.from('组织,姓名,手机,角色\n东湾村党支部,己一,13900007771,党员\n', 'utf8');
    expect(await importRoster(db.prisma, withoutColumn, '名册.csv', null)).toMatchObject({ ok: true, membersUpdated: 0, membersUnchanged: 1 });
    expect(await isCadre()).toBe(true);
    const blankCell = Buffer.from('组织,姓名,手机,角色,班子成员\n东湾村党支部,己一,13900007771,党员,\n', 'utf8');
    expect(await importRoster(db.prisma, blankCell, '名册.csv', null)).toMatchObject({ ok: true, membersUpdated: 0, membersUnchanged: 1 });
    expect(await isCadre()).toBe(true);

    // Said outright, it changes; a new member the file says nothing about is not a cadre.
    const saidNo = Buffer.from('组织,姓名,手机,角色,班子成员\n东湾村党支部,己一,13900007771,党员,否\n东湾村党支部,己二,13900007772,党员,\n', 'utf8');
    expect(await importRoster(db.prisma, saidNo, '名册.csv', null)).toMatchObject({ ok: true, membersCreated: 1, membersUpdated: 1 });
    expect(await isCadre()).toBe(false);
    expect((await db.prisma.member.findUniqueOrThrow({ where: { phone: '13900007772' } })).isCadre).toBe(false);
  });
});
