import type { Db } from '../../core/db/openDatabase.ts';
import { UserError } from '../../core/errors/UserError.ts';
import { resolveOrganizationByName } from './resolveOrganizationByName.ts';

/** An organisation by full name, short name or a unique part of its name; otherwise a UserError saying why. */
export async function findOrganization(db: Db, text: string, usage?: string): Promise<{ id: number; name: string }> {
  const found = await resolveOrganizationByName(db, text);
  if (found && 'ambiguous' in found) throw new UserError(`「${text}」对应多个组织：${found.ambiguous.join('、')}。请写全称。`, usage);
  if (found) return found;
  throw new UserError(`没有找到组织「${text}」。请写组织的全称或简称，例如「东湾村党支部」。`, usage);
}
