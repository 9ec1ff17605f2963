import type { TaskKind } from '../../core/generated/prisma/enums.ts';

export const taskKindNames: Record<TaskKind, string> = {
  SUBMIT_PLAN: '报送方案',
  PROBLEM_LEDGER: '问题台账',
  HOLD_ACTIVITY: '开展活动',
  REPORT_TABLE: '报送报表',
  OTHER: '其他',
};

const aliases: Record<string, TaskKind> = {
  方案: 'SUBMIT_PLAN',
  提交方案: 'SUBMIT_PLAN',
  台账: 'PROBLEM_LEDGER',
  活动: 'HOLD_ACTIVITY',
  报表: 'REPORT_TABLE',
  三张表: 'REPORT_TABLE',
};

export function parseTaskKind(word: string): TaskKind | null {
  const trimmed = word.trim();
  for (const [kind, name] of Object.entries(taskKindNames)) if (name === trimmed) return kind as TaskKind;
  return aliases[trimmed] ?? null;
}
