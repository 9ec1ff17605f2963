import type { Db } from '../../src/core/db/openDatabase.ts';
import { issueInviteFromCli } from '../../src/app/cli/issueInviteFromCli.ts';

/** A one-time code for a (real) member, as `npm run invite:issue -- <姓名>` prints it. */
export async function inviteCode(db: Db, name: string, org?: string): Promise<string> {
  return (await issueInviteFromCli(db, { name, ...(org ? { org } : {}), now: new Date(), ttlHours: 72 })).code;
}
