import { defineCommand } from '../../../engine/commands/defineCommand.ts';
import { actorHasRole } from '../../../engine/commands/checkPermission.ts';
import { UserError } from '../../../core/errors/UserError.ts';
import { instantToIso } from '../../../core/time/calendarDay.ts';
import { askPending } from '../../../engine/pending/pendingStore.ts';
import { readFormLines } from '../../../engine/commands/readFormLines.ts';
import { toHalfWidth } from '../../../core/text/toHalfWidth.ts';
import type { CommandContext } from '../../../engine/commands/types.ts';
import type { MessageView } from '../../../../cards/MessageView.ts';
import { ADD_MEMBER_TEMPLATE, FIELD_NAMES, parseMemberForm } from '../memberForm.ts';
import {
  addMember,
  END_REASONS,
  findMemberByWords,
  findOrganizationInScope,
  scopeOf,
  setExemption,
  setFloating,
  transferMember,
  updateMember,
  type EndReason,
  type Who,
} from '../memberService.ts';
import { memberCardView } from '../memberCardView.ts';
import { END_MEMBERSHIP } from '../endMembershipHandler.ts';
import { roleNames } from '../../../engine/commands/roleNames.ts';

const usage = '/党员 <姓名> | 新增 | 修改 <姓名> | 转接 <姓名> <转入组织> | 流动 <姓名> | 免评 <姓名> | 减少 <姓名> <转出系统外/停止党籍/去世>';

const MANAGERS = ['SECRETARY', 'ORG_COMMITTEE'] as const;
const ACTIONS = ['新增', '修改', '转接', '流动', '免评', '减少'] as const;

export const memberCommand = defineCommand({
  name: '党员',
  aliases: ['党员信息'],
  keywords: ['党员信息', '新增党员', '转接', '组织关系', '流动党员', '免评', '减少党员'],
  ask: '查看和维护党员信息',
  summary: '查看和维护党员信息：新增、修改、转接、流动党员、免评、减少',
  usage,
  examples: ['/党员 赵大勇', '/党员 新增', '/党员 转接 赵大勇 南塘社区', '/党员 减少 赵大勇 去世'],
  roles: ['ADMIN', 'LEADING_GROUP', 'SECRETARY', 'ORG_COMMITTEE'],
  args: [{ name: '内容', type: 'rest', optional: true, maxLength: 2000 }] as const,
  help:
    '组织办可以维护全镇党员，书记和组织委员维护本支部党员，领导小组可以查看。每次变动都留有记录，党员的会议记录、积分和照片不会删除；' +
    '转接后，已得积分留在原支部当年的统计里，应到人数、星级和台账按新支部计算。',
  async run(ctx, args) {
    const text = (args['内容'] ?? '').trim();
    const [firstLine = '', ...more] = text.split(/\r?\n/u);
    const words = toHalfWidth(firstLine)
      .split(/[\s\u3000]+/u)
      .filter(Boolean);
    const body = more.join('\n');
    const action = (ACTIONS as readonly string[]).includes(words[0] ?? '') ? (words.shift() as (typeof ACTIONS)[number]) : null;
    const scope = await managedScope(ctx, action === null);
    const who: Who = { actorId: ctx.actor!.memberId, platform: ctx.event.platform, at: ctx.clock.now() };
    const today = instantToIso(ctx.clock.now(), ctx.config.TZ_NAME);
    if (action === null) {
      if (words.length === 0) throw new UserError('请写要查看的党员姓名。', usage);
      const { member } = await findMemberByWords(ctx.db, words, scope);
      return memberCardView(ctx.db, member.id, Number(today.slice(0, 4)));
    }
    if (action === '新增') return add(ctx, words, body, scope, today, who);
    if (words.length === 0) throw new UserError(`请写党员姓名，如：/党员 ${action} 赵大勇`, usage);
    const { member, rest } = await findMemberByWords(ctx.db, words, scope);
    const tail = rest.join('');
    if (action === '转接') {
      if (!tail) throw new UserError(`请写转入的组织，如：/党员 转接 ${member.name} 南塘社区`, usage);
      // A 书记 sends members out of their own branch to any organisation; only the 组织办 moves people between others.
      const destination = await findOrganizationInScope(ctx.db, tail, await scopeOf(ctx.db, await rootIds(ctx)));
      const { droppedRoles } = await transferMember(ctx.db, member.id, destination.id, who);
      return {
        kind: 'member_transferred',
        title: '组织关系已转接',
        tone: 'success',
        lines: [
          `${member.name}：${member.organizationName} → ${destination.name}。`,
          '今年已得积分保留在原支部的统计里；从现在起应到人数、星级和台账按新支部计算。',
          ...(droppedRoles.length
            ? [`原支部的职务（${droppedRoles.map((r) => roleNames[r as keyof typeof roleNames]).join('、')}）已解除，请原支部另行安排。`]
            : []),
        ],
      };
    }
    if (action === '修改') {
      if (!body.trim()) {
        return {
          kind: 'member_template',
          title: `修改 ${member.name} 的信息`,
          tone: 'info',
          lines: ['在指令下面逐行写要修改的项，如：', `/党员 修改 ${member.name}\n手机：13900001234\n类别：正式`],
          note: `可以修改：${FIELD_NAMES}。转到其他组织请用「/党员 转接」。`,
        };
      }
      const form = parseMemberForm(body, today);
      if (!form.ok) throw new UserError(['信息没有修改，请改正后重新发送：', ...form.problems.map((p, i) => `${i + 1}. ${p}`)].join('\n'));
      if (form.details.org) throw new UserError('「支部」不能在这里修改：转到其他组织请用「/党员 转接 姓名 转入组织」。');
      const changed = await updateMember(ctx.db, member.id, form.details, who);
      return {
        kind: 'member_updated',
        title: changed.length ? `已修改 ${form.details.name ?? member.name} 的信息` : '没有需要修改的内容',
        tone: changed.length ? 'success' : 'info',
        lines: changed.length ? changed : ['填写的内容与现有信息相同。'],
      };
    }
    if (action === '流动') {
      if (tail === '结束') {
        await setFloating(ctx.db, member.id, null, who);
        return {
          kind: 'member_floating_end',
          title: '已结束流动党员登记',
          tone: 'success',
          lines: [`${member.name}恢复为${member.organizationName}的正常管理党员。`],
        };
      }
      const form = readSmallForm(body, { 流出地: 'out', 流入地: 'in', 联系人: 'contact', 联系方式: 'contact' }, ['out', 'in', 'contact']);
      if (!form.ok)
        throw new UserError(['没有登记，请按下面的格式写：', ...form.problems, `/党员 流动 ${member.name}\n流出地：…\n流入地：…\n联系人：…`].join('\n'));
      await setFloating(ctx.db, member.id, { out: form.values.out!, in: form.values.in!, contact: form.values.contact! }, who);
      return {
        kind: 'member_floating',
        title: '已登记为流动党员',
        tone: 'success',
        fields: [
          { label: '党员', value: member.name },
          { label: '流出地', value: form.values.out! },
          { label: '流入地', value: form.values.in! },
          { label: '联系人', value: form.values.contact! },
        ],
        note: `回到本地后发送「/党员 流动 ${member.name} 结束」。`,
      };
    }
    if (action === '免评') {
      if (tail === '取消') {
        await setExemption(ctx.db, member.id, null, who);
        return { kind: 'member_exempt_end', title: '已取消免评', tone: 'success', lines: [`${member.name}重新参加星级评定。`] };
      }
      if (!(await actorHasRole(ctx, ['ADMIN'], member.organizationId))) throw new UserError('免于星级评定要经组织办批准，请组织办登记。');
      const form = readSmallForm(body, { 原因: 'reason', 批准人: 'approver', 年度: 'year' }, ['reason', 'approver']);
      if (!form.ok)
        throw new UserError(
          ['没有登记，请按下面的格式写：', ...form.problems, `/党员 免评 ${member.name}\n原因：…\n批准人：…\n年度：${today.slice(0, 4)}`].join('\n'),
        );
      const yearText = toHalfWidth(form.values.year ?? today.slice(0, 4)).replace(/年$/u, '');
      const year = Number(yearText);
      const thisYear = Number(today.slice(0, 4));
      if (!/^\d{4}$/u.test(yearText) || year < thisYear - 1 || year > thisYear + 1)
        throw new UserError(`年度「${form.values.year}」不对，请写 ${thisYear - 1}–${thisYear + 1} 之间的年份。`);
      await setExemption(ctx.db, member.id, { reason: form.values.reason!, approver: form.values.approver!, year }, who);
      return {
        kind: 'member_exempt',
        title: '已登记免于星级评定',
        tone: 'success',
        lines: [
          `${member.name}：${year}年度免于星级评定（${form.values.reason}，${form.values.approver}批准）。`,
          '公示和星级榜上显示为「免于评定」，不计入支部的星级党员比例。',
        ],
      };
    }
    // 减少: asks first, the answer (/确认) ends the membership.
    const reason = tail as EndReason;
    if (!(END_REASONS as readonly string[]).includes(reason))
      throw new UserError(`请写减少的原因：${END_REASONS.join('、')}。如：/党员 减少 ${member.name} 去世`, usage);
    await askPending(
      ctx.db,
      { platform: ctx.event.platform, chatId: ctx.event.chatId, memberId: ctx.actor!.memberId },
      END_MEMBERSHIP,
      { memberId: member.id, name: member.name, reason, endedOn: today },
      ctx.clock.now(),
    );
    return {
      kind: 'member_end_question',
      title: `确认减少党员 ${member.name}？`,
      tone: 'warning',
      lines: [
        `${member.organizationName} ${member.name}，原因：${reason}。`,
        '确认后不再计入应到人数、积分榜和星级评定，已绑定的账号解除；以前的会议记录、积分和照片保留。',
        '确认请发送 /确认，不减少请发送 /取消。',
      ],
    };
  },
});

async function add(ctx: CommandContext, words: string[], body: string, scope: number[], today: string, who: Who): Promise<MessageView> {
  if (!body.trim() && words.length === 0) {
    return {
      kind: 'member_template',
      title: '新增党员',
      tone: 'info',
      lines: ['请复制下面的格式，逐项填写后发送：', `/党员 新增\n${ADD_MEMBER_TEMPLATE}`],
      note: `可以填写：${FIELD_NAMES}；书记在本支部群新增时可以不写支部。`,
    };
  }
  const form = parseMemberForm(body || words.join('\n'), today);
  const problems = form.ok ? [] : [...form.problems];
  const details = form.ok ? form.details : {};
  if (form.ok && !details.name) problems.push('缺少「姓名」');
  if (form.ok && !details.phone) problems.push('缺少「手机」（绑定身份要用手机后四位）');
  let organizationId: number | null = null;
  if (details.org) {
    try {
      organizationId = (await findOrganizationInScope(ctx.db, details.org, scope)).id;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(error.message);
    }
  } else if (ctx.group?.purpose === 'BRANCH' && ctx.group.organizationId !== null && scope.includes(ctx.group.organizationId)) {
    organizationId = ctx.group.organizationId;
  } else if (form.ok) {
    problems.push('缺少「支部」（在本支部群里新增时可以不写）');
  }
  if (problems.length || organizationId === null) throw new UserError(['没有新增，请改正后重新发送：', ...problems.map((p, i) => `${i + 1}. ${p}`)].join('\n'));
  const member = await addMember(ctx.db, { ...details, name: details.name!, phone: details.phone! }, organizationId, who);
  const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  return {
    kind: 'member_added',
    title: '已新增党员',
    tone: 'success',
    fields: [
      { label: '姓名', value: member.name },
      { label: '组织', value: org.name },
      { label: '类别', value: member.probationary ? '预备党员' : '正式党员' },
      { label: '手机', value: `尾号 ${member.phoneLast4}` },
    ],
    note: '本人在群里发送「/绑定 姓名 手机后四位」即可绑定身份。',
  };
}

/** The organisations whose members the sender may see (`reading`) or change. */
async function managedScope(ctx: CommandContext, reading: boolean): Promise<number[]> {
  const actor = ctx.actor!;
  const global = actor.roles.some((r) => r.role === 'ADMIN' || (reading && r.role === 'LEADING_GROUP'));
  if (global) return scopeOf(ctx.db, await rootIds(ctx));
  const managed = actor.roles.filter((r) => (MANAGERS as readonly string[]).includes(r.role)).map((r) => r.organizationId);
  if (managed.length === 0) throw new UserError('只有组织办、本支部书记或组织委员可以维护党员信息。');
  return scopeOf(ctx.db, managed);
}

async function rootIds(ctx: CommandContext): Promise<number[]> {
  return (await ctx.db.organization.findMany({ where: { parentId: null }, select: { id: true } })).map((o) => o.id);
}

type SmallForm<K extends string> = { ok: true; values: Partial<Record<K, string>> } | { ok: false; problems: string[] };

function readSmallForm<K extends string>(text: string, labels: Record<string, K>, required: K[]): SmallForm<K> {
  const values: Partial<Record<K, string>> = {};
  const problems: string[] = [];
  const names = [...new Set(Object.keys(labels))];
  for (const line of readFormLines(text, (label) => labels[label])) {
    if (!('value' in line)) problems.push(line.label ? `不认识「${line.label}」这一项（可以写：${names.join('、')}）` : `「${line.line}」没有写是哪一项`);
    else if (line.value.length > 100) problems.push(`「${line.line.slice(0, 10)}…」太长了（最多 100 字）`);
    else if (line.value) values[line.field] = line.value;
  }
  for (const key of required) {
    if (!values[key]) problems.push(`缺少「${Object.entries(labels).find(([, v]) => v === key)![0]}」`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}
