import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startTestService, type TestService } from '../../../support/startTestService.ts';
import { makePng } from '../../../support/makeImages.ts';

const DW = 'sb-group-dongwan';
const tz = 'Asia/Shanghai';
const now = DateTime.now().setZone(tz);
const year = now.year;
const dateOf = (d: DateTime) => new Date(`${d.toISODate()}T00:00:00Z`);

describe('/痕迹', () => {
  let service: TestService;
  const db = () => service.database.prisma;
  const text = async (group: string, user: string, message: string) => (await service.sayText(group, user, message)).join('\n');

  beforeAll(async () => {
    service = await startTestService();
    const org = (await db().organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } })).id;
    const first = now.startOf('month');
    const lastMonth = now.minus({ months: 1 }).startOf('month').plus({ days: 4 });
    await db().activity.createMany({
      data: [
        { organizationId: org, year, seq: 31, type: 'THEME_DAY', heldOn: dateOf(first), topic: '重温入党誓词' },
        { organizationId: org, year, seq: 32, type: 'COMMITTEE_MEETING', heldOn: dateOf(first), topic: '研究发展党员' },
        { organizationId: org, year: lastMonth.year, seq: 30, type: 'PARTY_LESSON', heldOn: dateOf(lastMonth), topic: '上月党课' },
        { organizationId: org, year, seq: 33, type: 'HEART_TALK', heldOn: dateOf(first), topic: '已替换的记录', status: 'REPLACED' },
      ],
    });
    // Two pictures of the theme day, one unlinked.
    await service.say(DW, 'sb-dw-liaison', '主题党日', { imageBase64: makePng({ seed: 101 }).toString('base64') });
    await service.say(DW, 'sb-dw-liaison', '第31号记录', { imageBase64: makePng({ seed: 102 }).toString('base64') });
    await service.say(DW, 'sb-dw-liaison', '', { imageBase64: makePng({ seed: 103 }).toString('base64') });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it("lists this month's pictures per activity, the activities without any, and the unlinked count", async () => {
    const reply = await text(DW, 'sb-dw-member', '/痕迹');
    expect(reply).toContain(`东湾村党支部 ${year}年${now.month}月痕迹`);
    expect(reply).toContain('本月共收到照片 3 张，其中未关联活动的 1 张');
    // Photo numbers are shown: they are what /问题 销号 照片 N takes.
    expect(reply).toMatch(/第31号 · [^\n]* · 主题党日 · 重温入党誓词 · 2 张（照片 \d+、\d+）/);
    expect(reply).toMatch(/其中未关联活动的 1 张（照片 \d+）/);
    expect(reply).toMatch(/第32号 · [^\n]* · 支委会 · 研究发展党员 · 0 张/);
    expect(reply).toMatch(/还没有照片的活动：[^\n]*支委会（第32号记录）/);
    expect(reply).not.toContain('已替换的记录');
    expect(reply).not.toContain('上月党课');
  });

  it('shows another month when asked, and refuses a future or malformed month', async () => {
    const last = now.minus({ months: 1 });
    const reply = await text(DW, 'sb-dw-secretary', `/痕迹 ${last.year}-${last.month}`);
    expect(reply).toContain(`${last.year}年${last.month}月痕迹`);
    expect(reply).toContain('本月共收到照片 0 张');
    expect(reply).toContain('党课（第30号记录）');
    expect(await text(DW, 'sb-dw-secretary', '/痕迹 上月')).toContain(`${last.year}年${last.month}月痕迹`);
    const next = now.plus({ months: 1 });
    expect(await text(DW, 'sb-dw-secretary', `/痕迹 ${next.year}年${next.month}月`)).toContain('还没到');
    expect(await text(DW, 'sb-dw-secretary', '/痕迹 13月')).toContain('月份应在 1 到 12 之间');
    expect(await text(DW, 'sb-dw-secretary', '/痕迹 昨天')).toContain('看不懂月份');
  });

  it("answers in the liaison group for the caller's own branch", async () => {
    expect(await text('sb-group-liaison', 'sb-dw-liaison', '/痕迹')).toContain(`东湾村党支部 ${year}年${now.month}月痕迹`);
    expect(await text('sb-group-liaison', 'sb-dw-member', '/痕迹')).toContain('只给联络员、书记、组织委员');
  });

  it('refuses the wrong group and people from other branches', async () => {
    expect(await text('sb-group-leading', 'sb-admin', '/痕迹')).toContain('只能在支部群或联络员群里使用');
    expect(await text('sb-group-new', 'sb-dw-secretary', '/痕迹')).toContain('已绑定组织的工作群');
    expect(await text(DW, 'sb-jx-secretary', '/痕迹')).toContain('你不是本支部的成员');
    expect(await text(DW, 'guest-1', '/痕迹')).toContain('请先绑定身份');
  });
});
