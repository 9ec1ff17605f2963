import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { villageStandard } from '../../../src/areas/assessment/standards/village.ts';
import { newTwoStandard } from '../../../src/areas/assessment/standards/newTwo.ts';
import { standardSchema } from '../../../src/areas/assessment/standards/standardSchema.ts';
import { loadStandardText } from '../../../src/areas/assessment/loadStandardFile.ts';
import { StandardLoadError } from '../../../src/areas/assessment/upsertStandard.ts';
import { seedStandards } from '../../../src/areas/assessment/seedStandards.ts';
import { seededDatabase } from './seededDatabase.ts';

const sum = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

describe('seeded scoring standards (domain.md §4)', () => {
  it.each([
    [
      '村(社区)',
      villageStandard,
      { 党的组织设置: 10, 班子队伍建设: 6, 党员教育管理: 19, 党内组织生活: 12, 场地建设管理使用: 12, 为民便民服务: 14, 工作运行机制: 24, 基本经费保障: 3 },
    ],
    ['两新', newTwoStandard, { 党的组织设置: 20, 班子队伍建设: 15, 党员教育管理: 15, 党内组织生活: 20, 发挥作用途径: 10, 工作运行机制: 9, 基本工作保障: 11 }],
  ] as const)('%s sums to 100 and each category to its points', (_name, standard, expected) => {
    expect(standardSchema.safeParse(standard).success).toBe(true);
    expect(sum(standard.categories.map((c) => c.maxPoints))).toBe(100);
    expect(Object.fromEntries(standard.categories.map((c) => [c.name, sum(c.items.map((i) => i.maxPoints))]))).toEqual(expected);
  });

  it('keeps the source items and their deductions', () => {
    const items = newTwoStandard.categories.flatMap((c) => c.items);
    const lessons = items.find((i) => i.name === '三会一课')!;
    expect(lessons.maxPoints).toBe(4);
    expect(lessons.method).toContain('有一项不符合规定的扣1分');
    expect(items.find((i) => i.name === '党员教育培训')!.method).toContain('少于32学时的扣2分');
    expect(items.filter((i) => i.autoRule).map((i) => i.code)).toEqual(['N3.2', 'N4.1', 'N4.2', 'N4.3', 'N4.4', 'N6.3']);
    const village = villageStandard.categories.find((c) => c.name === '工作运行机制')!;
    expect(village.items.filter((i) => i.placeholder).map((i) => i.maxPoints)).toEqual([4, 6, 5]);
  });

  it('refuses a standard whose categories do not sum to 100', () => {
    const broken = structuredClone(villageStandard);
    broken.categories[0]!.items[0]!.maxPoints = 3;
    const result = standardSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join()).toContain('党的组织设置');
  });
});

describe('standards in the database', () => {
  let db: Awaited<ReturnType<typeof seededDatabase>>;
  beforeAll(async () => {
    db = await seededDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('seeds item by item and keeps an admin edit when seeding again', async () => {
    const items = await db.prisma.standardItem.findMany({ where: { category: { standard: { code: 'VILLAGE-2026' } } } });
    expect(sum(items.map((i) => i.maxPoints))).toBe(100);
    await db.prisma.standardItem.updateMany({ where: { code: 'V1.2' }, data: { criterion: '组织办补充的标准', placeholder: false } });
    await seedStandards(db.prisma);
    const edited = await db.prisma.standardItem.findFirstOrThrow({ where: { code: 'V1.2' } });
    expect(edited.criterion).toBe('组织办补充的标准');
    expect(await db.prisma.standardItem.count({ where: { code: 'V1.2' } })).toBe(1);
  });

  it('loads the 机关 standard from YAML and names what is wrong in a bad file', async () => {
    const yaml = `code: ORGAN-2026
name: 机关党组织评定标准
domain: ORGAN
categories:
  - name: 组织建设
    maxPoints: 60
    items:
      - { code: J1.1, name: 班子建设, maxPoints: 30, criterion: 班子健全, method: 不健全不得分 }
      - { code: J1.2, name: 三会一课, maxPoints: 30, criterion: 按期开展, method: 每缺一项扣1分, autoRule: "threeMeetings:perType=1" }
  - name: 作用发挥
    maxPoints: 40
    items:
      - { code: J2.1, name: 服务群众, maxPoints: 40, criterion: 服务到位, method: 酌情给分 }
`;
    const result = await loadStandardText(db.prisma, yaml, 'yaml');
    expect(result).toMatchObject({ code: 'ORGAN-2026', created: true, items: 3 });
    const organ = await db.prisma.scoringStandard.findFirstOrThrow({ where: { domain: 'ORGAN', active: true } });
    expect(organ.code).toBe('ORGAN-2026');
    const error = await loadStandardText(db.prisma, yaml.replace('maxPoints: 40\n    items', 'maxPoints: 30\n    items'), 'yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StandardLoadError);
    expect((error as StandardLoadError).message).toContain('应为 100');
  });
});
