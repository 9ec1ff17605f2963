import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/log/logger.ts';
import { startTestService, type SandboxReply, type TestService } from '../support/startTestService.ts';

const GROUP = 'sb-group-dongwan';
const NEW_PHONES = ['13812345601', '13812345602'];

/** Every 11-digit run in a text (not part of a longer number). */
function mobileNumbers(text: string): string[] {
  return [...text.matchAll(/(?<!\d)1\d{10}(?!\d)/g)].map((m) => m[0]);
}

describe('phone numbers are masked in every reply and log line', () => {
  let service: TestService;
  const logLines: string[] = [];
  const replies: SandboxReply[] = [];
  const workbookTexts: string[] = [];

  async function say(user: string, text: string, extra: { fileName?: string; fileBase64?: string } = {}): Promise<string> {
    const got = await service.say(GROUP, user, text, extra);
    replies.push(...got);
    return got.map((r) => r.text).join('\n');
  }

  beforeAll(async () => {
    service = await startTestService({ log: createLogger('trace', { write: (line: string) => void logLines.push(line) }) });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('a conversation that touches members never shows or logs a full mobile number', async () => {
    const db = service.database.prisma;
    const member = await db.member.findFirstOrThrow({ where: { name: '赵大勇' } });
    const someone = await db.member.findFirstOrThrow({ where: { name: '李春生' } });

    // Roster import with phones: first a file with errors (a duplicate of a member's phone, a bad number), then a good one.
    const bad = [
      '组织,姓名,手机,角色',
      `东湾村党支部,重复号码,${member.phone},党员`,
      '东湾村党支部,短号码,1381234560,党员',
      `东湾村党支部,重复二,${NEW_PHONES[0]},党员`,
      `东湾村党支部,重复三,${NEW_PHONES[0]},党员`,
    ].join('\n');
    const badReply = await say('sb-admin', '/导入 名册', { fileName: 'bad.csv', fileBase64: Buffer.from(bad).toString('base64') });
    expect(badReply).toMatch(/重复|不对/);
    const good = ['组织,姓名,手机,角色', `东湾村党支部,测试甲,${NEW_PHONES[0]},党员`, `东湾村党支部,测试乙,${NEW_PHONES[1]},党员`].join('\n');
    expect(await say('sb-admin', '/导入 名册', { fileName: 'good.csv', fileBase64: Buffer.from(good).toString('base64') })).toContain('名册已导入');

    // Binding: a wrong number, then the right one; /我的 shows the masked phone.
    expect(await say('guest-1', '/绑定 测试甲 0000')).toContain('没有找到');
    expect(await say('guest-1', '/绑定 测试甲 5601')).toContain('绑定成功');
    expect(await say('guest-1', '/我的')).toContain('138****5601');
    expect(await say('sb-dw-member', '/我的')).toContain(`${member.phone!.slice(0, 3)}****${member.phone!.slice(-4)}`);

    // Points, boards, problems (a secretary typing a phone into the form), exports.
    await say('sb-dw-secretary', `/加分 @赵大勇 2 志愿服务：联系电话${member.phone}`);
    await say('sb-dw-secretary', '/积分 @赵大勇');
    await say('sb-dw-member', '/积分');
    await say('sb-dw-member', '/积分榜');
    await say('sb-dw-member', '/星级');
    await say(
      'sb-dw-secretary',
      ['/问题 新增', '问题：联系群众不够', '原因：走访少', '整改目标：每户走访', '措施：分片包干', '时限：2026-12-30', `责任人：李春生 ${someone.phone}`].join(
        '\n',
      ),
    );
    await say('sb-dw-secretary', '/问题');
    await say('sb-dw-secretary', '/会议记录\n类型：支委会\n日期：昨天\n主题：研究走访\n参加人员：李春生 陈秀英 测试甲');
    await say('sb-dw-secretary', '/导出 台账 2026');
    await say('sb-admin', '/导出 积分 东湾村党支部 2026');
    await say('sb-admin', '/导出 问题 东湾村党支部 2026');
    await say('guest-2', `/绑定 测试乙 ${NEW_PHONES[1]}`);

    const files = replies.filter((r) => r.file);
    expect(files.length).toBeGreaterThan(0);
    for (const reply of files) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(reply.file!.base64, 'base64') as unknown as ArrayBuffer);
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void workbookTexts.push(String(cell.text)))));
    }

    const phones = (await db.member.findMany({ where: { phone: { not: null } }, select: { phone: true } })).map((m) => m.phone!);
    expect(phones).toEqual(expect.arrayContaining(NEW_PHONES));
    const chatLog = (await (await fetch(`${service.url}/sandbox/api/groups/${GROUP}/messages`)).json()) as { messages: { from: string; text?: string }[] };
    const botLines = chatLog.messages.filter((m) => m.from !== 'user').map((m) => JSON.stringify(m));
    expect(botLines.length).toBeGreaterThanOrEqual(replies.length);

    const places: [string, string[]][] = [
      ['replies', replies.map((r) => JSON.stringify({ text: r.text, card: r.card, file: r.file?.fileName }))],
      ['sandbox chat log (bot lines)', botLines],
      ['exported workbooks', workbookTexts],
      ['log', logLines],
    ];
    const found: string[] = [];
    for (const [where, texts] of places) {
      for (const text of texts) {
        for (const number of mobileNumbers(text))
          if (phones.includes(number)) found.push(`${where}: …${text.slice(Math.max(0, text.indexOf(number) - 40), text.indexOf(number) + 20)}…`);
      }
    }
    expect(found).toEqual([]);
    expect(logLines.length).toBeGreaterThan(20);
  }, 180_000);
});
