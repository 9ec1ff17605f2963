import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { groupMessages, waitForBotMessage } from '../../support/sandboxLog.ts';
import { submitBriefing } from '../../../src/areas/briefings/submitBriefing.ts';
import { adoptedBriefings } from '../../../src/areas/briefings/adoptedBriefings.ts';

const DW = 'sb-group-dongwan';
const year = DateTime.now().setZone('Asia/Shanghai').year;

describe('briefings and study reflections', () => {
  let service: TestService;
  const text = async (group: string, user: string, message: string) => (await service.sayText(group, user, message)).join('\n');
  const db = () => service.database.prisma;
  const orgId = async (name: string) => (await db().organization.findUniqueOrThrow({ where: { name } })).id;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("files a secretary's briefing with number 1 of the year and asks the 组织办 in the leading group", async () => {
    const reply = await text(
      DW,
      'sb-dw-secretary',
      '/简报 东湾村开展11月主题党日活动\n11月5日，东湾村党支部组织全体党员开展主题党日活动。\n共有18名党员参加。',
    );
    expect(reply).toContain(`东湾村〔${year}〕第1期`);
    const row = await db().briefing.findFirstOrThrow({ where: { title: '东湾村开展11月主题党日活动' }, include: { author: true } });
    expect(row).toMatchObject({ kind: 'BRIEFING', seq: 1, year, status: 'SUBMITTED', sourcePlatform: 'SANDBOX', sourceChatId: DW });
    expect(row.author.name).toBe('李春生');
    expect(row.body).toBe('11月5日，东湾村党支部组织全体党员开展主题党日活动。\n共有18名党员参加。');
    expect(reply).toContain(`编号：${row.id}`);
    const card = await waitForBotMessage(service.url, 'sb-group-leading', `东湾村〔${year}〕第1期`);
    expect(card.text).toContain(`/采用 ${row.id}`);
    expect(card.text).toContain(`/退回 ${row.id}`);
    expect(card.text).toContain('李春生');
  });

  it("numbers a liaison's briefing next, and one filed in the liaison group goes to the liaison's own branch", async () => {
    expect(await text(DW, 'sb-dw-liaison', '/简报 东湾村党员志愿服务\n组织党员清扫村道。')).toContain(`东湾村〔${year}〕第2期`);
    expect(await text('sb-group-liaison', 'sb-dw-liaison', '/信息 东湾村走访困难党员\n走访了3户困难党员。')).toContain(`东湾村〔${year}〕第3期`);
    const third = await db().briefing.findFirstOrThrow({ where: { title: '东湾村走访困难党员' } });
    expect(third.organizationId).toBe(await orgId('东湾村党支部'));
  });

  it('numbers each organisation on its own', async () => {
    expect(await text('sb-group-jixie', 'sb-jx-secretary', '/简报 精密机械党支部开展技能比武\n车间党员带头参加。')).toContain(`精密机械〔${year}〕第1期`);
  });

  it('says a repeated briefing was already filed, and files nothing new', async () => {
    const before = await db().briefing.count();
    const reply = await text(DW, 'sb-dw-liaison', '/简报 东湾村党员志愿服务\n组织党员清扫村道。');
    expect(reply).toContain('已经报送过了');
    expect(reply).toContain(`东湾村〔${year}〕第2期`);
    expect(await db().briefing.count()).toBe(before);
  });

  it('rejects a missing title, a missing body, and too long a title or body, saving nothing', async () => {
    const before = await db().briefing.count();
    expect(await text(DW, 'sb-dw-secretary', '/简报')).toMatch(/请写上简报的标题[\s\S]*正确写法/);
    expect(await text(DW, 'sb-dw-secretary', '/简报 只有标题没有正文')).toContain('没有正文');
    expect(await text(DW, 'sb-dw-secretary', `/简报 ${'长'.repeat(61)}\n正文`)).toContain('标题太长了（最多 60 字，现在 61 字）');
    expect(await text(DW, 'sb-dw-secretary', `/简报 标题\n${'字'.repeat(5001)}`)).toContain('正文太长了（最多 5000 字，现在 5001 字）');
    expect(await db().briefing.count()).toBe(before);
  });

  it('refuses a plain member, an unbound group, and an unbound account', async () => {
    expect(await text(DW, 'sb-dw-member', '/简报 标题\n正文')).toContain('只有本组织的书记、组织委员、联络员可以报送');
    expect(await text('sb-group-new', 'sb-dw-secretary', '/简报 标题\n正文')).toContain('已绑定组织的工作群');
    expect(await text(DW, 'guest-1', '/简报 标题\n正文')).toContain('请先绑定身份');
    // A branch secretary cannot file for another branch in that branch's group.
    expect(await text('sb-group-jixie', 'sb-dw-secretary', '/简报 标题\n正文')).toContain('没有这个职务');
  });

  it('numbers concurrent submissions without gaps or collisions', async () => {
    const org = await orgId('南塘社区党支部');
    const author = await db().member.findFirstOrThrow({ where: { name: '刘海涛' } });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        submitBriefing(db(), {
          organizationId: org,
          kind: 'BRIEFING',
          year,
          title: `并发${i}`,
          body: '正文',
          authorId: author.id,
          idempotencyKey: `test:concurrent:${i}`,
        }),
      ),
    );
    expect(results.map((r) => r.briefing.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const again = await submitBriefing(db(), {
      organizationId: org,
      kind: 'BRIEFING',
      year,
      title: '并发0',
      body: '正文',
      authorId: author.id,
      idempotencyKey: 'test:concurrent:0',
    });
    expect(again.created).toBe(false);
    expect(await db().briefing.count({ where: { organizationId: org } })).toBe(6);
  });

  it('lists pending briefings for the 组织办 and refuses members', async () => {
    const list = await text('sb-group-leading', 'sb-admin', '/简报列表');
    expect(list).toContain(`东湾村〔${year}〕第1期`);
    expect(list).toContain(`精密机械〔${year}〕第1期`);
    expect(await text('sb-group-leading', 'sb-admin', '/简报列表 乱写')).toContain('范围只能是');
    expect(await text(DW, 'sb-dw-secretary', '/简报列表')).toContain('只有组织办、领导小组成员可以使用');
  });

  it('adopts by 编号, tells the author in their group, and answers a repeat clearly', async () => {
    const first = await db().briefing.findFirstOrThrow({ where: { title: '东湾村开展11月主题党日活动' } });
    expect(await text(DW, 'sb-dw-secretary', `/采用 ${first.id}`)).toContain('只有组织办可以使用');
    const reply = await text('sb-group-leading', 'sb-admin', `/采用 ${first.id}`);
    expect(reply).toContain(`已采用：东湾村〔${year}〕第1期`);
    const adopted = await db().briefing.findUniqueOrThrow({ where: { id: first.id }, include: { reviewedBy: true } });
    expect(adopted.status).toBe('ADOPTED');
    expect(adopted.reviewedBy?.name).toBe('郑晓明');
    expect(adopted.reviewedAt).not.toBeNull();
    expect(await db().auditLog.count({ where: { action: 'briefing.adopted', targetId: String(first.id) } })).toBe(1);
    const told = await waitForBotMessage(service.url, DW, '已被组织办采用');
    expect(told.text).toContain('东湾村开展11月主题党日活动');

    expect(await text('sb-group-leading', 'sb-admin', `/采用 ${first.id}`)).toContain('无需重复操作');
    expect(await text('sb-group-leading', 'sb-admin', `/退回 ${first.id} 再改改`)).toContain('不能再退回');
    expect(await text('sb-group-leading', 'sb-admin', `/退回 ${first.id}`)).toContain('不能再退回');
    expect(await db().auditLog.count({ where: { action: { in: ['briefing.adopted', 'briefing.returned'] }, targetId: String(first.id) } })).toBe(1);
    expect((await groupMessages(service.url, DW)).filter((m) => m.from === 'bot' && m.text.includes('已被组织办采用'))).toHaveLength(1);
  });

  it('returns with a reason only, and tells the author the reason in the chat it came from', async () => {
    const third = await db().briefing.findFirstOrThrow({ where: { title: '东湾村走访困难党员' } });
    const prompt = await text('sb-group-leading', 'sb-admin', `/退回 ${third.id}`);
    expect(prompt).toContain('退回要写明原因');
    expect(prompt).toContain(`/退回 ${third.id} <原因>`);
    expect(await text(DW, 'sb-dw-liaison', `/退回 ${third.id} 不好`)).toContain('只有组织办可以使用');
    expect((await db().briefing.findUniqueOrThrow({ where: { id: third.id } })).status).toBe('SUBMITTED');
    const reply = await text('sb-group-leading', 'sb-admin', `/退回 ${third.id} 请补充走访的时间和人员`);
    expect(reply).toContain('已退回');
    const returned = await db().briefing.findUniqueOrThrow({ where: { id: third.id } });
    expect(returned).toMatchObject({ status: 'RETURNED', returnReason: '请补充走访的时间和人员' });
    const told = await waitForBotMessage(service.url, 'sb-group-liaison', '被组织办退回');
    expect(told.text).toContain('请补充走访的时间和人员');
    expect(await text('sb-group-leading', 'sb-admin', `/采用 ${third.id}`)).toContain('不能再采用');
  });

  it('finds a briefing by 文号 and rejects unknown or malformed numbers', async () => {
    expect(await text('sb-group-leading', 'sb-admin', `/采用 东湾村〔${year}〕第2期`)).toContain(`已采用：东湾村〔${year}〕第2期`);
    expect(await text('sb-group-leading', 'sb-admin', '/采用 999999')).toContain('没有编号为 999999');
    expect(await text('sb-group-leading', 'sb-admin', '/采用 abc')).toContain('不是有效的编号');
    expect(await text('sb-group-leading', 'sb-admin', `/采用 不存在村〔${year}〕第1期`)).toContain('没有找到');
    expect(await text('sb-group-leading', 'sb-admin', '/采用')).toContain('缺少「编号」');
  });

  it('shows the full text to the author and the 组织办, not to others', async () => {
    const first = await db().briefing.findFirstOrThrow({ where: { title: '东湾村开展11月主题党日活动' } });
    expect(await text(DW, 'sb-dw-secretary', `/查看简报 ${first.id}`)).toContain('共有18名党员参加');
    expect(await text('sb-group-leading', 'sb-admin', `/查看简报 ${first.id}`)).toContain('已采用');
    expect(await text('sb-group-jixie', 'sb-jx-secretary', `/查看简报 ${first.id}`)).toContain('不能查看');
  });

  it("files a member's 学习心得 linked to the branch's latest training, numbered on its own", async () => {
    const dongwan = await orgId('东湾村党支部');
    const today = DateTime.now().setZone('Asia/Shanghai').toISODate()!;
    const training = await db().activity.create({
      data: { organizationId: dongwan, year, seq: 40, type: 'TRAINING', heldOn: new Date(`${today}T00:00:00Z`), topic: '学习党的二十届四中全会精神', hours: 3 },
    });
    const reply = await text(DW, 'sb-dw-member', '/学习心得 学习四中全会精神的体会\n通过这次专题讲习，我深刻认识到……');
    expect(reply).toContain(`东湾村〔${year}〕学习心得第1篇`);
    expect(reply).toContain('第40号记录');
    const row = await db().briefing.findFirstOrThrow({ where: { kind: 'REFLECTION' } });
    expect(row).toMatchObject({ seq: 1, activityId: training.id, organizationId: dongwan });
    await waitForBotMessage(service.url, 'sb-group-leading', `东湾村〔${year}〕学习心得第1篇`);
    expect(await text(DW, 'sb-dw-member', '/心得 第二篇体会\n继续学习。')).toContain('学习心得第2篇');
    expect(await text('sb-group-new', 'sb-dw-member', '/学习心得 标题\n正文')).toContain('已绑定组织的工作群');
    expect(await text(DW, 'sb-dw-member', '/学习心得 只有标题')).toContain('学习心得没有正文');
    expect(await text(DW, 'guest-1', '/学习心得 标题\n正文')).toContain('请先绑定身份');

    expect(await text('sb-group-leading', 'sb-admin', `/采用 ${row.id}`)).toContain('已采用');
    const told = await waitForBotMessage(service.url, DW, '优秀学习心得');
    expect(told.text).toContain('学习四中全会精神的体会');
  });

  it('sends the review card to the liaison group when no leading-group group is bound', async () => {
    await db().chatGroup.updateMany({ where: { chatId: 'sb-group-leading' }, data: { purpose: null, organizationId: null } });
    try {
      expect(await text(DW, 'sb-dw-secretary', '/简报 东湾村召开村民代表会议\n党员代表带头发言。')).toContain(`东湾村〔${year}〕第4期`);
      const card = await waitForBotMessage(service.url, 'sb-group-liaison', `东湾村〔${year}〕第4期`);
      expect(card.text).toContain('/采用 ');
    } finally {
      const town = await orgId('青禾镇党委');
      await db().chatGroup.updateMany({ where: { chatId: 'sb-group-leading' }, data: { purpose: 'LEADING_GROUP', organizationId: town } });
    }
  });

  it('takes a briefing from the 组织委员 too', async () => {
    expect(await text(DW, 'sb-dw-committee', '/简报 东湾村发展党员工作推进\n确定2名入党积极分子。')).toContain(`东湾村〔${year}〕第5期`);
    const row = await db().briefing.findFirstOrThrow({ where: { title: '东湾村发展党员工作推进' }, include: { author: true } });
    expect(row.author.name).toBe('陈秀英');
  });

  it('hands adopted briefings of a period to the digest', async () => {
    const from = new Date(Date.now() - 3600_000);
    const to = new Date(Date.now() + 3600_000);
    const adopted = await adoptedBriefings(db(), from, to);
    expect(adopted.map((a) => a.label)).toEqual([`东湾村〔${year}〕第1期`, `东湾村〔${year}〕第2期`, `东湾村〔${year}〕学习心得第1篇`]);
    expect(await adoptedBriefings(db(), to, new Date(to.getTime() + 3600_000))).toEqual([]);
  });
});
