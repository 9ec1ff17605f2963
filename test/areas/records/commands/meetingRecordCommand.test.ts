import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../../support/startTestService.ts';
import { fixedClock } from '../../../../src/core/time/clock.ts';
import { memberYearHours } from '../../../../src/areas/points/memberTotals.ts';

const G = 'sb-group-dongwan';
const SEC = 'sb-dw-secretary';
const COMMITTEE = 'sb-dw-committee';
const MEMBER = 'sb-dw-member';

// 2026-11-20 12:00 in Asia/Shanghai.
const clock = fixedClock('2026-11-20T04:00:00Z');

function record(lines: string[]): string {
  return ['/会议记录', ...lines].join('\n');
}

describe('/会议记录', () => {
  let service: TestService;
  let names: string[];
  let ids: Map<string, number>;
  const db = () => service.database.prisma;
  const activityCount = () => db().activity.count();
  const pointsOf = async (name: string) => (await db().pointEntry.aggregate({ where: { memberId: ids.get(name)! }, _sum: { points: true } }))._sum.points ?? 0;

  beforeAll(async () => {
    service = await startTestService({ clock });
    const org = await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } });
    const members = await db().member.findMany({ where: { organizationId: org.id }, orderBy: { id: 'asc' } });
    names = members.map((m) => m.name);
    ids = new Map(members.map((m) => [m.name, m.id]));
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('shows the template when sent alone', async () => {
    const [reply] = await service.sayText(G, SEC, '/会议记录');
    expect(reply).toContain('会议记录模板');
    expect(reply).toContain('类型：主题党日');
    expect(reply).toContain('参加人员：');
  });

  it('saves a theme day, awards 3 points to each attendee and says what is missing', async () => {
    const attendees = names.slice(0, 4);
    const [reply] = await service.sayText(
      G,
      SEC,
      record(['类型：主题党日', '日期：11月5日', '主题：学习全会精神', `参加人员：@${attendees[0]} ${attendees.slice(1).join('、')}`, '摘要：传达学习']),
    );
    expect(reply).toContain('会议记录已登记 · 2026年第1号');
    expect(reply).toContain('4 人 × 3 分（参加主题党日） = 12 分');
    expect(reply).toContain(`实到 4 人 / 应到 ${names.length} 人`);
    expect(reply).toContain('本月还缺：支委会、党小组会');
    expect(reply).toContain('本季度还缺：支部党员大会、党课');
    const activity = await db().activity.findFirstOrThrow({ where: { type: 'THEME_DAY' }, include: { attendees: true } });
    expect(activity.heldOn.toISOString().slice(0, 10)).toBe('2026-11-05');
    expect(activity.attendees).toHaveLength(4);
    expect(activity.presentCount).toBe(4);
    expect(activity.expectedCount).toBe(names.length);
    const entries = await db().pointEntry.findMany({ where: { sourceType: 'ACTIVITY', sourceId: activity.id } });
    expect(entries.map((e) => e.points)).toEqual([3, 3, 3, 3]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'activity.recorded', targetId: String(activity.id) } });
    expect(audit.actorId).toBe(ids.get('李春生'));
  });

  it('lets the 组织委员 record a party lesson with hours and counts 学时 per attendee', async () => {
    const attendees = [names[1]!, names[2]!, names[5]!];
    const [reply] = await service.sayText(
      G,
      COMMITTEE,
      record(['类型 ： 党课', '日期:2026-11-12', '主题：党史学习', '应到：12', '实到：3', `参加人员：${attendees.join(' ')}`, '学时：2.5']),
    );
    expect(reply).toContain('2026年第2号');
    expect(reply).toContain('3 人 × 5 分（参加党课） = 15 分');
    expect(reply).toContain('3 人 × 2.5 学时 = 7.5 学时');
    expect(reply).toContain('本季度还缺：支部党员大会');
    expect(reply).not.toContain('本季度还缺：支部党员大会、党课');
    const hours = await memberYearHours(
      db(),
      attendees.map((n) => ids.get(n)!),
      2026,
    );
    expect(attendees.map((n) => hours.get(ids.get(n)!))).toEqual([2.5, 2.5, 2.5]);
  });

  it('records counts only, without points, when no attendees are named', async () => {
    const before = await db().pointEntry.count();
    const [reply] = await service.sayText(G, SEC, record(['类型：支委会', '日期：昨天', '主题：研究年底工作', '应到：5', '实到：5']));
    expect(reply).toContain('会议记录已登记');
    expect(reply).toContain('没有列出参加人员，本次未计积分和学时');
    expect(await db().pointEntry.count()).toBe(before);
    const activity = await db().activity.findFirstOrThrow({ where: { type: 'COMMITTEE_MEETING' } });
    expect(activity.heldOn.toISOString().slice(0, 10)).toBe('2026-11-19');
  });

  const invalid: [string, string[], string[]][] = [
    ['unknown type', ['类型：联欢会', '日期：昨天', '主题：x', '实到：3'], ['「类型」', '联欢会', '正确写法：「类型：主题党日」（可写：支部党员大会、']],
    ['missing type', ['日期：昨天', '主题：x', '实到：3'], ['「类型」没有填写']],
    ['future date', ['类型：支委会', '日期：2026-12-01', '主题：x', '实到：3'], ['「日期」', '将来的日期', '正确写法：「日期：3月5日」（可写：2026-03-05']],
    ['garbled date', ['类型：支委会', '日期：上周', '主题：x', '实到：3'], ['「日期」', '不是能识别的日期']],
    ['impossible date', ['类型：支委会', '日期：2026-02-30', '主题：x', '实到：3'], ['「日期」', '没有这一天']],
    ['too old date', ['类型：支委会', '日期：2023-05-01', '主题：x', '实到：3'], ['「日期」', '太早了']],
    ['missing topic', ['类型：支委会', '日期：昨天', '实到：3'], ['「主题」没有填写']],
    ['bad expected', ['类型：支委会', '日期：昨天', '主题：x', '应到：很多', '实到：3'], ['「应到」应是整数人数']],
    ['present above expected', ['类型：支委会', '日期：昨天', '主题：x', '应到：3', '实到：5'], ['「实到」5 人多于应到 3 人']],
    ['no present nor attendees', ['类型：支委会', '日期：昨天', '主题：x'], ['「实到」和「参加人员」至少要写一项']],
    [
      'unknown attendee',
      ['类型：支委会', '日期：昨天', '主题：x', '参加人员：李春生 不存在的人'],
      ['「参加人员」', '「不存在的人」', '不是本支部名册里的党员'],
    ],
    ['attendee of another branch', ['类型：支委会', '日期：昨天', '主题：x', '参加人员：林国栋'], ['「林国栋」', '不是本支部名册里的党员']],
    ['present differs from attendees', ['类型：支委会', '日期：昨天', '主题：x', '实到：3', '参加人员：李春生 陈秀英'], ['「实到」写的是 3 人', '列了 2 人']],
    ['lesson without hours', ['类型：党课', '日期：昨天', '主题：x', '参加人员：李春生'], ['「学时」没有填写，党课必须写明学时']],
    ['bad hours', ['类型：专题讲习/培训', '日期：昨天', '主题：x', '参加人员：李春生', '学时：两个'], ['「学时」应是数字']],
    ['absurd hours', ['类型：培训', '日期：昨天', '主题：x', '参加人员：李春生', '学时：100'], ['「学时」100 学时不合理']],
    ['unknown label', ['类型：支委会', '日期：昨天', '主题：x', '实到：3', '地点：村委会'], ['「地点」不是记录里的项目']],
    ['field twice', ['类型：支委会', '类型：党课', '日期：昨天', '主题：x', '实到：3'], ['「类型」写了两次']],
  ];
  it.each(invalid)('refuses a record with %s, naming the field, and saves nothing', async (_label, lines, expected) => {
    const before = await activityCount();
    const [reply] = await service.sayText(G, SEC, record(lines));
    expect(reply).toContain('没能办理');
    for (const text of expected) expect(reply).toContain(text);
    expect(await activityCount()).toBe(before);
  });

  it('refuses ordinary members and liaisons', async () => {
    for (const persona of [MEMBER, 'sb-dw-liaison']) {
      const [reply] = await service.sayText(G, persona, record(['类型：支委会', '日期：昨天', '主题：x', '实到：3']));
      expect(reply).toContain('只有书记、组织委员可以使用');
    }
  });

  it('refuses a secretary of another branch in this branch group', async () => {
    const [reply] = await service.sayText(G, 'sb-jx-secretary', record(['类型：支委会', '日期：昨天', '主题：x', '实到：3']));
    expect(reply).toContain('没有这个权限');
  });

  it('refuses the wrong group: a liaison group and an unbound group', async () => {
    const [liaison] = await service.sayText('sb-group-liaison', SEC, record(['类型：支委会', '日期：昨天', '主题：x', '实到：3']));
    expect(liaison).toContain('只能在支部群里使用');
    const [unbound] = await service.sayText('sb-group-new', SEC, record(['类型：支委会', '日期：昨天', '主题：x', '实到：3']));
    expect(unbound).toContain('已绑定组织的工作群');
  });

  it('asks before replacing a record of the same type and day; 取消 keeps the first', async () => {
    const before = await activityCount();
    const [question] = await service.sayText(G, SEC, record(['类型：主题党日', '日期：2026/11/5', '主题：改过的主题', `参加人员：${names[6]}`]));
    expect(question).toContain('已有同一天的记录');
    expect(question).toContain('2026年第1号');
    expect(question).toContain('/确认');
    expect(question).not.toContain('/另存'); // one 主题党日 a day
    expect(await activityCount()).toBe(before);
    const [notHere] = await service.sayText(G, SEC, '/另存');
    expect(notHere).toContain('主题党日同一天只能有一条记录');
    const [askedAgain] = await service.sayText(G, SEC, record(['类型：主题党日', '日期：2026/11/5', '主题：改过的主题', `参加人员：${names[6]}`]));
    expect(askedAgain).toContain('已有同一天的记录');
    const [cancelled] = await service.sayText(G, SEC, '/取消');
    expect(cancelled).toContain('新记录没有保存');
    expect(await activityCount()).toBe(before);
    const [nothing] = await service.sayText(G, SEC, '/确认');
    expect(nothing).toContain('现在没有等你确认的事项');
    // A bare 确认 in ordinary chat, with nothing to confirm, gets no answer, bound or not.
    expect(await service.sayText(G, SEC, '确认')).toEqual([]);
    expect(await service.sayText(G, 'guest-1', '确认')).toEqual([]);
  });

  it('says a form sent twice is already saved (full-width, one @ less), without asking or saving anything', async () => {
    const before = await activityCount();
    const points = await db().pointEntry.count();
    const attendees = names.slice(0, 4);
    const [again] = await service.sayText(
      G,
      SEC,
      record(['类型：主题党日', '日期：11月5日', '主题：学习全会精神', `参加人员：${attendees.join('，')}`, '摘要：传达学习']),
    );
    expect(again).toContain('这条记录已经登记过了');
    expect(again).toContain('已经登记为2026年第1号，内容和这次发的完全相同，没有再保存');
    expect(again).toContain('/会议记录 修改 1');
    expect(again).not.toContain('/确认');
    expect(await activityCount()).toBe(before);
    expect(await db().pointEntry.count()).toBe(points);
    const [nothing] = await service.sayText(G, SEC, '/确认');
    expect(nothing).toContain('现在没有等你确认的事项');
  });

  it('replaces the first record on 确认 (bare word), reversing its points in the same step', async () => {
    const first = await db().activity.findFirstOrThrow({ where: { type: 'THEME_DAY', status: 'ACTIVE' }, include: { attendees: true } });
    const dropped = names[0]!; // attended the first record only
    const kept = names[1]!; // attends both
    const newcomer = names[7]!;
    const [droppedBefore, keptBefore] = [await pointsOf(dropped), await pointsOf(kept)];
    const [question] = await service.sayText(G, SEC, record(['类型：主题党日', '日期：11.5', '主题：更正后的主题', `参加人员：${kept} ${newcomer}`]));
    expect(question).toContain('已有同一天的记录');
    // Someone else's 确认 answers nothing of the secretary's question.
    expect(await service.sayText(G, COMMITTEE, '确认')).toEqual([]);
    const [done] = await service.sayText(G, SEC, '确认');
    expect(done).toContain('会议记录已登记');
    expect(done).toContain('原第 1 号记录已作废，撤回其积分 4 条');
    expect(done).toContain('2 人 × 3 分');
    const old = await db().activity.findUniqueOrThrow({ where: { id: first.id } });
    expect(old.status).toBe('REPLACED');
    expect(old.replacedById).not.toBeNull();
    expect(await pointsOf(dropped)).toBe(droppedBefore - 3);
    expect(await pointsOf(kept)).toBe(keptBefore);
    expect(await pointsOf(newcomer)).toBe(3);
    expect(await db().activity.count({ where: { type: 'THEME_DAY', status: 'ACTIVE' } })).toBe(1);
    // The replaced record no longer counts for 学时 nor progress; the answer is closed.
    expect(await service.sayText(G, SEC, '确认')).toEqual([]);
  });

  it('awards points once when the same message is delivered twice or its job runs again', async () => {
    const text = record(['类型：党小组会', '日期：前天', '主题：学习', `参加人员：${names[3]} ${names[4]}`]);
    const first = await service.say(G, SEC, text, { messageId: 'retry-1' });
    expect(first[0]!.text).toContain('会议记录已登记');
    // A platform re-delivery: the same job answers; nothing is saved again.
    await service.say(G, SEC, text, { messageId: 'retry-1' });
    expect(await db().activity.count({ where: { type: 'GROUP_MEETING' } })).toBe(1);
    // A job that crashed after saving runs again: the record and its points are not repeated.
    await db().inboundEvent.updateMany({ where: { eventId: 'retry-1' }, data: { processedAt: null } });
    await service.queues.inbound.getJob('SANDBOX-retry-1').then((j) => j?.remove());
    const rerun = await service.say(G, SEC, text, { messageId: 'retry-1' });
    expect(rerun[0]!.text).toContain(first[0]!.text.match(/2026年第\d+号/)![0]);
    expect(await db().activity.count({ where: { type: 'GROUP_MEETING' } })).toBe(1);
    const activity = await db().activity.findFirstOrThrow({ where: { type: 'GROUP_MEETING' } });
    expect(await db().pointEntry.count({ where: { sourceId: activity.id, sourceType: 'ACTIVITY' } })).toBe(2);
  });

  it('keeps two 谈心谈话 of the same day when told /另存', async () => {
    const [first] = await service.sayText(G, SEC, record(['类型：谈心谈话', '日期：11月16日', '主题：与新党员谈心', `参加人员：李春生 ${names[9]}`]));
    expect(first).toContain('2 人 × 2 分');
    const [question] = await service.sayText(G, SEC, record(['类型：谈心谈话', '日期：11月16日', '主题：与老党员谈心', `参加人员：李春生 ${names[10]}`]));
    expect(question).toContain('回复「/另存」两条都保留');
    const [kept] = await service.sayText(G, SEC, '/另存');
    expect(kept).toContain('会议记录已登记');
    expect(kept).not.toContain('作废');
    expect(await db().activity.count({ where: { type: 'HEART_TALK', status: 'ACTIVE' } })).toBe(2);
    expect(await pointsOf(names[10]!)).toBe(2);
    const [gone] = await service.sayText(G, SEC, '/另存');
    expect(gone).toContain('现在没有等你决定的同日记录');
  });

  it('stops at the yearly cap of a rule', async () => {
    const person = names[8]!;
    const before = await pointsOf(person);
    const [first] = await service.sayText(G, SEC, record(['类型：组织生活会', '日期：2026-03-01', '主题：年度组织生活会', `参加人员：${person}`]));
    expect(first).toContain('1 人 × 5 分');
    const [second] = await service.sayText(G, SEC, record(['类型：组织生活会', '日期：2026-06-01', '主题：专题组织生活会', `参加人员：${person}`]));
    expect(second).toContain(`${person} 已达全年上限`);
    expect(await pointsOf(person)).toBe(before + 5);
  });
});
