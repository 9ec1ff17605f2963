import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileBox } from 'file-box';
import iconv from 'iconv-lite';
import { startTestService, type TestService } from '../../support/startTestService.ts';
import { WechatyMockRoom } from '../../support/wechatyMockRoom.ts';
import { rosterWorkbook } from '../../areas/roster/rosterWorkbook.ts';
import type { WechatyAdapter } from '../../../bots/wechaty/WechatyAdapter.ts';

const MAX_BYTES = 64 * 1024;
/** A base64 FileBox: the kind the mock can keep as JSON. */
const box = (bytes: Buffer, name: string) => FileBox.fromBase64(bytes.toString('base64'), name);

/** WeChat attachments (message.toFileBox()): the roster sent after /导入 名册 in the 组织办's room. */
describe('WeChat attachments through a real wechaty on wechaty-puppet-mock', () => {
  let service: TestService;
  let wechat: WechatyMockRoom;
  const db = () => service.database.prisma;

  async function reply(action: () => void): Promise<string> {
    const before = wechat.botLines.length;
    action();
    const [line] = await wechat.botSaysAfter(before, 1);
    return line!.text ?? '';
  }

  beforeAll(async () => {
    service = await startTestService({
      town: 'real',
      env: { WECHATY_PUPPET: 'wechaty-puppet-mock', WECHATY_SEND_INTERVAL_MS: '20', WECHATY_SEND_JITTER_MS: '0', PHOTO_MAX_BYTES: String(MAX_BYTES) },
    });
    wechat = new WechatyMockRoom(service, ['郑晓明', '李春生'], '镇组织办工作群');
    wechat.login();
    for (const name of ['郑晓明', '李春生']) {
      const member = await db().member.findFirstOrThrow({ where: { name } });
      await db().chatIdentity.create({ data: { platform: 'WECHAT', platformUserId: wechat.person(name).id, displayName: name, memberId: member.id } });
    }
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it('imports an .xlsx and a GBK .csv sent after the command; the puppet hands over the same bytes', async () => {
    expect(await reply(() => wechat.say('郑晓明', '/导入 名册', true))).toContain('请在 30 分钟内把名册文件');
    const workbook = await rosterWorkbook([['东湾村党支部', '微信甲', '13900008801', '党员', '否']]);
    expect(await reply(() => wechat.sendAttachment('郑晓明', box(workbook, '名册.xlsx')))).toContain('新增党员 1 名');
    expect(await db().member.count({ where: { name: '微信甲', phone: '13900008801' } })).toBe(1);

    await reply(() => wechat.say('郑晓明', '/导入 名册', true));
    const csv = iconv.encode('组织,姓名,手机,角色,班子成员\r\n东湾村党支部,微信乙,13900008802,党员,否\r\n', 'gbk');
    const id = wechat.sendAttachment('郑晓明', box(csv, '名册.csv'));
    expect(await reply(() => undefined)).toContain('「名册.csv」');
    expect(await db().member.count({ where: { name: '微信乙' } })).toBe(1);
    const fetched = await (service.adapters.get('WECHAT') as WechatyAdapter).fetchFile!({ kind: 'wechaty', messageId: id, fileName: '名册.csv' });
    expect(Buffer.compare(fetched.bytes, csv)).toBe(0);
  });

  it('a PDF or a file over the limit is refused in Chinese, nothing imported; a secretary may not import', async () => {
    const before = await db().member.count();
    await reply(() => wechat.say('郑晓明', '/导入 名册', true));
    const pdf = box(Buffer.from('%PDF-1.4\n%%EOF\n'), '简报.pdf');
    expect(await reply(() => wechat.sendAttachment('郑晓明', pdf))).toContain('只支持 .xlsx 或 .csv 文件，收到的是「简报.pdf」');
    expect(await reply(() => wechat.sendAttachment('郑晓明', box(Buffer.alloc(MAX_BYTES + 1, 1), '大名册.xlsx')))).toContain('文件超过');
    expect(await db().member.count()).toBe(before);
    expect(await reply(() => wechat.say('李春生', '/导入 名册', true))).toContain('没有这个权限');
    const secretary = await db().member.findFirstOrThrow({ where: { name: '李春生' } });
    expect(await db().pendingAction.count({ where: { platform: 'WECHAT', kind: 'roster.await_file', memberId: secretary.id } })).toBe(0);
  });
});
