import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../../support/startTestService.ts';
import { rosterWorkbook } from '../rosterWorkbook.ts';

describe('/导入 名册 as a sync', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ db: 'postgres' });
  });
  afterAll(async () => {
    await service?.stop();
  });

  const importFile = async (file: Buffer) =>
    (await service.say('sb-group-leading', 'sb-admin', '/导入 名册', { fileBase64: file.toString('base64'), fileName: '东湾村名册.xlsx' }))
      .map((r) => r.text)
      .join('\n');
  const current = (organizationId: number) =>
    service.database.prisma.member.count({ where: { organizationId, status: { notIn: ['TRANSFERRED_OUT', 'ENDED'] } } });

  it('lists the members a new roster leaves out and ends them only after /确认', async () => {
    const dongwan = await service.database.prisma.organization.findFirstOrThrow({ where: { name: '东湾村党支部' } });
    const zhao = await service.database.prisma.member.findFirstOrThrow({ where: { name: '赵大勇' } });
    const before = await current(dongwan.id);
    const file = await rosterWorkbook([
      ['东湾村党支部', '赵大勇', zhao.phone!, '党员', '否'],
      ['东湾村党支部', '戊一', '13900004441', '纪检委员', '否'],
    ]);
    const reply = await importFile(file);
    // 赵大勇 is listed as he is: the file changed nobody already in the system.
    expect(reply).toContain('新增党员 1 名，更新党员 0 名，其余 1 名没有变化');
    expect(reply).toContain(`系统里有 ${before - 1} 名党员不在这份名册中`);
    expect(reply).toContain('东湾村党支部 李春生');
    expect(reply).not.toContain('东湾村党支部 赵大勇');
    expect(await current(dongwan.id)).toBe(before + 1);

    expect(await service.sayText('sb-group-leading', 'sb-admin', '/取消')).toEqual([expect.stringContaining(`${before - 1} 名不在新名册中的党员保持不变`)]);
    expect(await current(dongwan.id)).toBe(before + 1);

    await importFile(file);
    expect((await service.sayText('sb-group-leading', 'sb-admin', '/确认')).join('')).toContain(`${before - 1} 名不在新名册中的党员已办理减少`);
    expect(await current(dongwan.id)).toBe(2);
    const ended = await service.database.prisma.member.findFirstOrThrow({ where: { name: '李春生' } });
    expect([ended.status, ended.endReason]).toEqual(['ENDED', '名册中已无此人']);
    // History stays: the audit trail names each ending.
    expect(await service.database.prisma.auditLog.count({ where: { action: 'member.end' } })).toBe(before - 1);
  });
});
