import type { Db } from '../../core/db/openDatabase.ts';
import { standardSchema, type StandardData } from './standards/standardSchema.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface UpsertResult {
  code: string;
  created: boolean;
  items: number;
}

/**
 * Seeds (mode 'seed': creates what is missing, never touches what exists, so admin edits survive restarts)
 * or loads a revision (mode 'replace': the file's text wins, the standard becomes the active one of its domain).
 */
export async function upsertStandard(db: Db, input: StandardData, mode: 'seed' | 'replace'): Promise<UpsertResult> {
  const data = standardSchema.parse(input);
  return db.$transaction(
    async (tx) => {
      const existing = await tx.scoringStandard.findUnique({ where: { code: data.code } });
      if (existing && mode === 'seed') {
        // Add categories or items that a newer seed knows and this installation lacks; keep edited ones.
        const have = await tx.standardCategory.findMany({ where: { standardId: existing.id }, include: { items: { select: { code: true } } } });
        let items = 0;
        for (const [ci, category] of data.categories.entries()) {
          const found = have.find((c) => c.name === category.name);
          const cat =
            found ??
            (await tx.standardCategory.create({ data: { standardId: existing.id, name: category.name, maxPoints: category.maxPoints, sortOrder: ci } }));
          const codes = new Set((found?.items ?? []).map((i) => i.code));
          for (const [ii, item] of category.items.entries()) {
            if (!codes.has(item.code)) await tx.standardItem.create({ data: itemData(cat.id, item, ii) });
            items++;
          }
        }
        return { code: data.code, created: false, items };
      }
      const activeOther = await tx.scoringStandard.count({ where: { domain: data.domain, active: true, NOT: { code: data.code } } });
      if (mode === 'replace') {
        await tx.scoringStandard.updateMany({ where: { domain: data.domain, NOT: { code: data.code } }, data: { active: false } });
      }
      const standard = await tx.scoringStandard.upsert({
        where: { code: data.code },
        create: { code: data.code, name: data.name, domain: data.domain, version: data.version, active: mode === 'replace' || activeOther === 0 },
        update: { name: data.name, domain: data.domain, version: data.version, active: true },
      });
      let items = 0;
      const keepItemIds: number[] = [];
      const keepCategoryIds: number[] = [];
      for (const [ci, category] of data.categories.entries()) {
        const cat = await tx.standardCategory.upsert({
          where: { standardId_name: { standardId: standard.id, name: category.name } },
          create: { standardId: standard.id, name: category.name, maxPoints: category.maxPoints, sortOrder: ci },
          update: { maxPoints: category.maxPoints, sortOrder: ci },
        });
        keepCategoryIds.push(cat.id);
        for (const [ii, item] of category.items.entries()) {
          const row = await upsertItem(tx, cat.id, item, ii, standard.id);
          keepItemIds.push(row.id);
          items++;
        }
      }
      if (existing) {
        const stale = await tx.standardItem.findMany({
          where: { category: { standardId: standard.id }, id: { notIn: keepItemIds } },
          include: { _count: { select: { scores: true } } },
        });
        const scored = stale.filter((s) => s._count.scores > 0);
        if (scored.length > 0) {
          throw new StandardLoadError([
            `项目 ${scored.map((s) => s.code).join('、')} 已有评分记录，不能从标准中删除；请保留这些项目，或换一个标准编号作为新版本。`,
          ]);
        }
        await tx.standardItem.deleteMany({ where: { id: { in: stale.map((s) => s.id) } } });
        await tx.standardCategory.deleteMany({ where: { standardId: standard.id, id: { notIn: keepCategoryIds } } });
      }
      return { code: data.code, created: !existing, items };
    },
    { timeout: 60_000 },
  );
}

async function upsertItem(tx: Tx, categoryId: number, item: StandardData['categories'][number]['items'][number], sortOrder: number, standardId: number) {
  // An item keeps its code when it moves between categories of the same standard.
  const same = await tx.standardItem.findFirst({ where: { code: item.code, category: { standardId } } });
  const data = itemData(categoryId, item, sortOrder);
  if (same) return tx.standardItem.update({ where: { id: same.id }, data });
  return tx.standardItem.create({ data });
}

function itemData(categoryId: number, item: StandardData['categories'][number]['items'][number], sortOrder: number) {
  return {
    categoryId,
    code: item.code,
    name: item.name,
    maxPoints: item.maxPoints,
    criterion: item.criterion,
    method: item.method,
    autoRule: item.autoRule ?? null,
    placeholder: item.placeholder ?? false,
    sortOrder,
  };
}

export class StandardLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`评定标准文件有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StandardLoadError';
  }
}
