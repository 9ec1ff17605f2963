import { round, type BenchCase, type BenchFigure } from '../BenchCase.ts';
import { startTestService, type TestService } from '../../test/support/startTestService.ts';
import { countStatements } from '../../test/support/countStatements.ts';

const ROUNDS = Number(process.env.BENCH_QUERY_ROUNDS ?? 20);

/** Sends `text` ROUNDS times and returns the statements per message (inbound worker → command → outbound worker). */
async function measure(service: TestService, user: string, text: string): Promise<{ perMessage: number; statements: string[] }> {
  await service.say('sb-group-dongwan', user, text); // warm caches, not counted
  const statements = await countStatements(async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const replies = await service.say('sb-group-dongwan', user, text);
      if (replies.length === 0 && text.startsWith('/')) throw new Error(`no reply to ${text}`);
    }
    // The outbound worker marks the delivery SENT after the sandbox has the reply: let it finish.
    await new Promise((r) => setTimeout(r, 300));
  });
  return { perMessage: statements.length / ROUNDS, statements };
}

/**
 * Database statements per chat message, over the whole path (inbound bookkeeping, group, actor, permission,
 * the command itself, outbound delivery bookkeeping), counted at the pg driver in the service's own process.
 * BEGIN / COMMIT of transactions count as statements. BENCH_DEBUG=1 prints the statements of the last round.
 */
const bench: BenchCase = {
  name: 'queriesPerCommand',
  async run(): Promise<BenchFigure[]> {
    const service = await startTestService({ env: { SCHEDULES: '0' } });
    try {
      const figures: BenchFigure[] = [];
      for (const [label, user, text] of [
        ['/帮助', 'sb-dw-secretary', '/帮助'],
        ['/我的', 'sb-dw-member', '/我的'],
        ['/积分', 'sb-dw-member', '/积分'],
        ['/进度', 'sb-dw-member', '/进度'],
        ['/会议记录 (template)', 'sb-dw-secretary', '/会议记录'],
        ['plain chatter (no command)', 'sb-dw-member', '大家好，今天下午三点开会'],
      ] as const) {
        const { perMessage, statements } = await measure(service, user, text);
        figures.push({ name: `DB statements per ${label}`, value: round(perMessage, 1), unit: 'count' });
        if (process.env.BENCH_DEBUG) {
          const per = statements.slice(0, Math.round(perMessage));
          console.error(`\n--- ${label}: ${perMessage} ---\n${per.map((s) => s.replace(/\s+/g, ' ').slice(0, 160)).join('\n')}`);
        }
      }
      return figures;
    } finally {
      await service.stop();
    }
  },
};

export default bench;
