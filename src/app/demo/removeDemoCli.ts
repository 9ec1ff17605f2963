import { withDatabase } from '../cli/withDatabase.ts';
import { countDemo, removeDemo } from './removeDemo.ts';

// npm run demo:remove — stop the service first (or at least expect the sandbox to go empty).
const result = await withDatabase(async (db) => {
  const before = await countDemo(db);
  if (before.organizations === 0) return null;
  return removeDemo(db);
});
if (!result) console.log('数据库里没有演示组织，无需删除。');
else
  console.log(
    `已删除演示组织：${result.organizations} 个组织、${result.members} 名党员、${result.groups} 个沙盒群、${result.activities} 条活动记录（全部在一个事务里完成）。`,
  );
