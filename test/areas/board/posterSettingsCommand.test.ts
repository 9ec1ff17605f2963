import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoConversation, type DemoConversation } from '../../support/demoConversation.ts';

const LEADING = 'sb-group-leading';

describe('/公示 设置, /公示 星级 with the town poster, /未交 by 片区', () => {
  let c: DemoConversation;
  beforeAll(async () => {
    c = await startDemoConversation({ now: '2026-12-07T02:00:00Z' });
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('shows and changes the 公示栏 words, refusing a bad 公示期 with the right form', async () => {
    const shown = (await c.sayText(LEADING, 'sb-admin', '/公示 设置')).join('\n');
    expect(shown).toContain('公示期：5 天');
    const changed = (await c.sayText(LEADING, 'sb-admin', '/公示 设置 公示期 7')).join('\n');
    expect(changed).toContain('公示期：7 天');
    const contact = (await c.sayText(LEADING, 'sb-admin', '/公示 设置 联系人 对公示结果有异议的，请向镇党委组织办王老师反映')).join('\n');
    expect(contact).toContain('王老师');
    const bad = (await c.sayText(LEADING, 'sb-admin', '/公示 设置 公示期 七十')).join('\n');
    expect(bad).toContain('1–30');
    expect((await c.sayText(LEADING, 'sb-admin', '/公示 设置')).join('\n')).toContain('公示期：7 天');
    const member = (await c.sayText('sb-group-dongwan', 'sb-dw-member', '/公示 设置 公示期 3')).join('\n');
    expect(member).not.toContain('已更新');
  });

  it('attaches the town poster PDF to the /公示 星级 reply, with the settings in it', async () => {
    const [reply] = await c.say(LEADING, 'sb-admin', '/公示 星级');
    expect(reply!.file?.fileName).toMatch(/^2026年度星级党支部公示-.+-A4\.pdf$/);
    const pdf = Buffer.from(reply!.file!.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(reply!.lines!.join('\n')).toContain('公示栏打印版');
  });

  it('groups /未交 by 片区', async () => {
    const [view] = await c.say(LEADING, 'sb-admin', '/未交');
    expect(view!.table?.columns[0]).toBe('片区');
    const groups = view!.table!.rows.map((r) => r[0]);
    // Rows of one 片区 stay together.
    expect(groups.filter((g, i) => i > 0 && g !== groups[i - 1]).length).toBe(new Set(groups).size - 1);
  });
});
