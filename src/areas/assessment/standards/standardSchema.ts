import { z } from 'zod';

/** One scoring standard as data (domain.md §4): categories → items, each with max points, criterion and method. */
export const standardItemSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9.-]{1,20}$/, '项目编号只能用字母、数字、点和短横线'),
  name: z.string().min(1).max(60),
  maxPoints: z.number().positive().max(100),
  criterion: z.string().min(1).max(2000),
  method: z.string().min(1).max(2000),
  autoRule: z.string().max(200).optional(),
  placeholder: z.boolean().optional(),
});

export const standardCategorySchema = z.object({
  name: z.string().min(1).max(60),
  maxPoints: z.number().positive().max(100),
  items: z.array(standardItemSchema).min(1),
});

export const standardSchema = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '标准编号只能用字母、数字、下划线和短横线'),
    name: z.string().min(1).max(100),
    domain: z.enum(['VILLAGE', 'ORGAN', 'NEW_TWO']),
    version: z.string().min(1).max(20).default('1'),
    categories: z.array(standardCategorySchema).min(1),
  })
  .superRefine((standard, ctx) => {
    const codes = new Set<string>();
    standard.categories.forEach((category, ci) => {
      const sum = round(category.items.reduce((s, i) => s + i.maxPoints, 0));
      if (sum !== round(category.maxPoints)) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', ci],
          message: `类别「${category.name}」各项分值合计 ${sum}，与类别分值 ${category.maxPoints} 不符`,
        });
      }
      category.items.forEach((item, ii) => {
        if (codes.has(item.code)) ctx.addIssue({ code: 'custom', path: ['categories', ci, 'items', ii], message: `项目编号 ${item.code} 重复` });
        codes.add(item.code);
      });
    });
    const total = round(standard.categories.reduce((s, c) => s + c.maxPoints, 0));
    if (total !== 100) ctx.addIssue({ code: 'custom', path: ['categories'], message: `各类别分值合计 ${total}，应为 100` });
  });

export type StandardData = z.input<typeof standardSchema>;
export type StandardItemData = z.infer<typeof standardItemSchema>;

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
