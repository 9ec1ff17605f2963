import { UserError } from '../../core/errors/UserError.ts';
import { withDatabase, parseCliArgs } from './withDatabase.ts';
import { issueInviteFromCli } from './issueInviteFromCli.ts';
import { formatIssuedInvites, issueInvitesForUnbound } from './issueInvitesForUnbound.ts';
import { formatLocal } from '../../engine/commands/core/formatLocal.ts';

// npm run invite:issue -- <姓名> [--org <组织名>]   |   npm run invite:issue -- --unbound [--org <组织名>]
const argv = process.argv.slice(2).filter((a) => a !== '--');
const unbound = argv.includes('--unbound');
const { options, positional } = parseCliArgs(argv.filter((a) => a !== '--unbound'));
const name = positional[0];
if (!name && !unbound) {
  console.error(
    '用法：npm run invite:issue -- <姓名> [--org <组织名>]，或 npm run invite:issue -- --unbound [--org <组织名>]（给所有尚未绑定的书记、联络员等各发一个）',
  );
  process.exit(2);
}
try {
  if (unbound) {
    await withDatabase(async (db, config) => {
      const result = await issueInvitesForUnbound(db, {
        ...(options.org ? { org: options.org } : {}),
        now: new Date(),
        ttlHours: config.INVITE_TTL_HOURS,
        via: 'cli',
      });
      for (const line of formatIssuedInvites(result, formatLocal(result.expiresAt, config.TZ_NAME))) console.log(line);
    });
  } else {
    const { issued, zone } = await withDatabase(async (db, config) => ({
      issued: await issueInviteFromCli(db, { name: name!, ...(options.org ? { org: options.org } : {}), now: new Date(), ttlHours: config.INVITE_TTL_HOURS }),
      zone: config.TZ_NAME,
    }));
    console.log(`${issued.name}（${issued.organization}）的邀请码：${issued.code}`);
    console.log(`${formatLocal(issued.expiresAt, zone)} 前有效，只能用一次。请私下交给本人，让本人向机器人发送：/绑定 ${issued.name} ${issued.code}`);
  }
} catch (error) {
  if (error instanceof UserError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
