import { UserError } from '../../core/errors/UserError.ts';
import { withDatabase, parseCliArgs } from './withDatabase.ts';
import { issueInviteFromCli } from './issueInviteFromCli.ts';

// npm run invite:issue -- <姓名> [--org <组织名>]
const { options, positional } = parseCliArgs(process.argv.slice(2).filter((a) => a !== '--'));
const name = positional[0];
if (!name) {
  console.error('用法：npm run invite:issue -- <姓名> [--org <组织名>]');
  process.exit(2);
}
try {
  const issued = await withDatabase((db, config) => issueInviteFromCli(db, { name, ...(options.org ? { org: options.org } : {}), now: new Date(), ttlHours: config.INVITE_TTL_HOURS }));
  console.log(`${issued.name}（${issued.organization}）的邀请码：${issued.code}`);
  console.log(`${issued.expiresAt.toISOString()} 前有效，只能用一次。请私下交给本人，让本人向机器人发送：/绑定 ${issued.name} ${issued.code}`);
} catch (error) {
  if (error instanceof UserError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
