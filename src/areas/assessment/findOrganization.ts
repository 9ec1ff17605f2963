import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';

/** An organisation by full name, short name or a unique part of its name. */
export async function findOrganization(db: Db, text: string, usage?: string) {
  const exact = (await db.organization.findUnique({ where: { name: text } })) ?? (await db.organization.findFirst({ where: { shortName: text } }));
  if (exact) return exact;
  const partial = await db.organization.findMany({ where: { name: { contains: text } }, take: 5, orderBy: { id: 'asc' } });
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) {
    throw new UserError(`「${text}」对应多个组织：${partial.map((o) => o.name).join('、')}。请写全称。`, usage);
  }
  throw new UserError(`没有找到组织「${text}」。请写组织的全称或简称，例如「东湾村党支部」。`, usage);
}
