import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import { writeAudit } from '../../../core/audit/writeAudit.ts';
import { loadPushSettings, savePushSettings, type PushSettings } from '../pushSettings.ts';
import { schedulePatterns, type ScheduleName } from '../../../core/config/schedulePatterns.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';

const USAGE = '/提醒设置 [提前 7,3,1,0 | 时间 9 | 宽限 1 | 预警 60 | 排名 5]';

const scheduleLabels: Record<ScheduleName, string> = {
  morning: '每日提醒与督办',
  reconcile: '记录自动销号',
  weeklyPoints: '每周积分动态',
  weeklyDigest: '领导小组周报',
  monthlyDigest: '领导小组月报',
  yearEndStars: '年底星级公示',
};

/** "40 8 * * *" → 每天 08:40 and so on, for the common shapes; anything else is shown as is. */
export function describeCron(pattern: string): string {
  const [min, hour, dom, mon, dow] = pattern.split(' ');
  const at = /^\d+$/.test(hour ?? '') && /^\d+$/.test(min ?? '') ? `${hour!.padStart(2, '0')}:${min!.padStart(2, '0')}` : null;
  if (hour === '*' && /^\d+$/.test(min ?? '') && dom === '*' && dow === '*') return `每小时第 ${min} 分`;
  if (!at) return pattern;
  if (dom === '*' && mon === '*' && dow === '*') return `每天 ${at}`;
  if (dom === '*' && mon === '*' && /^[0-7]$/.test(dow ?? '')) return `每周${'日一二三四五六日'[Number(dow)]} ${at}`;
  if (/^\d+$/.test(dom ?? '') && mon === '*' && dow === '*') return `每月 ${dom} 日 ${at}`;
  if (/^\d+$/.test(dom ?? '') && /^\d+$/.test(mon ?? '') && dow === '*') return `每年 ${mon} 月 ${dom} 日 ${at}`;
  return pattern;
}

function view(settings: PushSettings, patterns: Record<ScheduleName, string>, changed?: string): MessageView {
  return {
    kind: 'push_settings',
    title: changed ? '提醒设置已更新' : '提醒设置',
    tone: changed ? 'success' : 'info',
    lines: changed ? [changed] : ['定时推送的当前设置：'],
    fields: [
      { label: '提前提醒', value: settings.reminderOffsetsDays.map((d) => (d === 0 ? '当天上午' : `${d} 天前`)).join('、') },
      { label: '提醒时间', value: `${settings.reminderHour} 点（各组织错开到不同分钟，避开整点和半点）` },
      { label: '督办宽限', value: `逾期 ${settings.escalationGraceDays} 天后报领导小组群，之后每周一次` },
      { label: '积分预警线', value: `${settings.atRiskThreshold} 分（按全年进度折算）` },
      { label: '积分排名显示', value: `前 ${settings.rankingTop} 名` },
      ...Object.entries(scheduleLabels).map(([name, label]) => ({ label, value: describeCron(patterns[name as ScheduleName]) })),
    ],
    note: `修改：${USAGE}。每天、每周、每月定时推送的时刻在系统部署时设定，要调整请联系系统管理员。`,
  };
}

function numberIn(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError(`「${name}」应是 ${min}–${max} 的整数，收到的是「${text}」。`, USAGE);
  return n;
}

export const reminderSettingsCommand = defineCommand({
  name: '提醒设置',
  keywords: ['提醒设置', '提醒时间', '提醒', '推送', '督办设置'],
  ask: '调整提醒和推送',
  summary: '查看或修改任务提醒、督办和积分预警的设置（组织办）',
  usage: USAGE,
  examples: ['/提醒设置', '/提醒设置 提前 7,3,1,0', '/提醒设置 时间 9', '/提醒设置 宽限 2'],
  roles: ['ADMIN'],
  args: [
    { name: '项目', type: 'string', optional: true },
    { name: '值', type: 'string', optional: true },
  ] as const,
  async run(ctx, args) {
    const settings = await loadPushSettings(ctx.db);
    const patterns = schedulePatterns(ctx.config);
    const item = args['项目'];
    if (!item) return view(settings, patterns);
    const raw = args['值'] ? toHalfWidth(args['值']) : '';
    if (!raw) throw new UserError(`「${item}」后面要写新的值。`, USAGE);
    const next: PushSettings = { ...settings };
    let changed: string;
    switch (item) {
      case '提前': {
        const days = raw.split(/[,，、]/u).filter(Boolean);
        if (days.length === 0 || days.length > 8) throw new UserError('「提前」写 1–8 个天数，用逗号隔开，例如 7,3,1,0（0 表示当天上午）。', USAGE);
        next.reminderOffsetsDays = days.map((d) => numberIn(d, '提前天数', 0, 60));
        changed = `提前提醒改为：${[...new Set(next.reminderOffsetsDays)].sort((a, b) => b - a).join('、')} 天。`;
        break;
      }
      case '时间':
        next.reminderHour = numberIn(raw.replace(/[点时]$/u, ''), '时间', 6, 21);
        changed = `提醒时间改为每天 ${next.reminderHour} 点。`;
        {
          const [minute, hour] = patterns.morning.split(' ').map(Number);
          if (Number.isInteger(hour) && Number.isInteger(minute) && next.reminderHour * 60 < hour! * 60 + minute!) {
            changed += `注意：每日提醒任务在${describeCron(patterns.morning)}运行，${next.reminderHour} 点的提醒会在那时才发出。`;
          }
        }
        break;
      case '宽限':
        next.escalationGraceDays = numberIn(raw.replace(/天$/u, ''), '宽限', 0, 30);
        changed = `督办宽限改为逾期 ${next.escalationGraceDays} 天。`;
        break;
      case '预警':
        next.atRiskThreshold = numberIn(raw.replace(/分$/u, ''), '预警', 1, 100);
        changed = `积分预警线改为 ${next.atRiskThreshold} 分。`;
        break;
      case '排名':
        next.rankingTop = numberIn(raw, '排名', 1, 20);
        changed = `积分排名显示前 ${next.rankingTop} 名。`;
        break;
      default:
        throw new UserError(`不认识设置项「${item}」。可以改：提前、时间、宽限、预警、排名。`, USAGE);
    }
    const saved = await savePushSettings(ctx.db, next);
    await writeAudit(ctx.db, {
      actorId: ctx.actor!.memberId,
      action: 'pushes.settings',
      targetType: 'Setting',
      targetId: 'pushes',
      platform: ctx.event.platform,
      detail: { item, value: raw },
    });
    return view(saved, patterns, changed);
  },
});
