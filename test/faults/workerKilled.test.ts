import { groupMessages } from '../support/sandboxLog.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/startTestService.ts';
import { createIngest } from '../../jobs/createIngest.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GROUP = 'sb-group-dongwan';
const COUNT = 120;

function startWorker(service: TestService): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ROLE: 'worker',
      DATABASE_URL: service.config.DATABASE_URL!,
      REDIS_URL: service.config.REDIS_URL,
      QUEUE_PREFIX: service.prefix,
      DATA_DIR: service.dataDir,
      JOB_LOCK_MS: '2000',
      LOG_LEVEL: 'silent',
      DEMO: '0',
    },
    stdio: 'ignore',
  });
  return child;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a worker killed with SIGKILL in the middle of its jobs', () => {
  let service: TestService;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    // This process only takes messages in; the work happens in separate worker processes.
    service = await startTestService({ env: { ROLE: 'web', JOB_LOCK_MS: '2000' } });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await service?.stop();
  });

  it('has its jobs run again elsewhere, and every effect and reply happens once', async () => {
    const db = service.database.prisma;
    const branch = await db.organization.findUniqueOrThrow({ where: { name: '东湾村党支部' } });
    await db.member.createMany({
      data: Array.from({ length: COUNT }, (_, i) => ({
        name: `测试党员${i}`,
        phone: `1770000${String(i).padStart(4, '0')}`,
        phoneLast4: String(i).padStart(4, '0'),
        organizationId: branch.id,
      })),
    });
    const ingest = createIngest(service.queues);
    for (let i = 0; i < COUNT; i++) {
      await ingest({
        platform: 'SANDBOX',
        eventId: `kill-${i}`,
        kind: 'message',
        chatId: GROUP,
        chatType: 'group',
        messageId: `kill-${i}`,
        sender: { platformUserId: `kill-user-${i}` },
        text: `/绑定 测试党员${i} ${String(i).padStart(4, '0')}`,
        mentionsBot: false,
        mentions: [],
        images: [],
        sentAt: new Date().toISOString(),
      });
    }

    const first = startWorker(service);
    children.push(first);
    await until(
      async () =>
        (await service.queues.inbound.getActiveCount()) > 0 && (await db.chatIdentity.count({ where: { platformUserId: { startsWith: 'kill-user-' } } })) > 5,
      60_000,
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const doneWhenKilled = await db.inboundEvent.count({ where: { processedAt: { not: null } } });
    expect(doneWhenKilled).toBeLessThan(COUNT);

    children.push(startWorker(service));
    await until(async () => (await db.inboundEvent.count({ where: { processedAt: { not: null } } })) === COUNT, 90_000);
    await until(async () => (await db.outboundDelivery.count({ where: { status: 'SENT' } })) === COUNT, 60_000);

    const identities = await db.chatIdentity.groupBy({ by: ['platformUserId'], where: { platformUserId: { startsWith: 'kill-user-' } }, _count: true });
    expect(identities).toHaveLength(COUNT);
    expect(identities.every((row) => row._count === 1)).toBe(true);
    const audits = await db.auditLog.count({ where: { action: 'bind.succeeded', targetId: { startsWith: 'SANDBOX:kill-user-' } } });
    expect(audits).toBe(COUNT);
    const replies = (await groupMessages(service.url, GROUP)).filter((m) => m.from === 'bot');
    expect(new Set(replies.map((r) => r.id)).size).toBe(replies.length);
    expect(replies).toHaveLength(COUNT);
  }, 200_000);
});
