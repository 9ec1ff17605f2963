import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../pushes/scheduleHarness.ts';
import { OrganizationTree } from '../../../src/areas/pushes/queries/organizationTree.ts';
import { boardSecret, checkBoardToken } from '../../../src/areas/board/boardAccess.ts';
import { renderPicture } from '../../../cards/render/renderPicture.ts';
import { seedReferenceData } from '../../../src/app/seed/seedReferenceData.ts';

describe('pictures in the scheduled pushes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await seedReferenceData(h.db);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('gives the weekly digest its charts (grouped by 片区) and a working board link', async () => {
    await h.run('weeklyDigest', '2026-11-16T08:23');
    const digest = (await h.outbound()).find((j) => j.data.view.kind === 'digest_weekly')!;
    const picture = digest.data.view.picture;
    expect(picture?.kind).toBe('charts');
    if (picture?.kind !== 'charts') throw new Error('no charts');
    expect(picture.charts.heat.rows).toContain('东片区·东湾村党支部');
    expect(picture.charts.heat.months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(picture.charts.provisional).toBe(true);
    expect(picture.charts.programmes).toHaveLength(8);
    expect(renderPicture(digest.data.view)!.subarray(1, 4).toString()).toBe('PNG');
    const token = /\/board\/([A-Za-z0-9_.-]+)/.exec(digest.data.view.lines!.join('\n'))![1]!;
    const tree = await OrganizationTree.load(h.db);
    const payload = await checkBoardToken(h.db, await boardSecret(h.db, undefined), token, h.clock.now(), (id) => tree.rootOf(id), 'board');
    expect(payload?.o).toBe(tree.roots()[0]!.id);
  });

  it('gives every star board its 公示栏 poster, 暂定 on 31 December, with A4 and A3 print links', async () => {
    await h.run('yearEndStars', '2026-12-31T09:43');
    const boards = (await h.outbound()).filter((j) => j.data.view.kind.startsWith('stars_'));
    const dongwan = boards.find((b) => b.data.chatId === 'sb-group-dongwan')!;
    const picture = dongwan.data.view.picture;
    if (picture?.kind !== 'poster') throw new Error('no poster');
    expect(picture.poster.organisation).toBe('东湾村党支部');
    expect(picture.poster.provisional).toBe(true);
    expect(picture.poster.date).toBe('2026-12-31');
    expect(JSON.stringify(picture.poster)).not.toContain('不合格');
    const text = dongwan.data.view.lines!.join('\n');
    expect(text).toMatch(/A4 竖版 \/board\/[^ ]+\/poster\/\d+\?size=A4/);
    expect(text).toMatch(/A3 横版 \/board\/[^ ]+\/poster\/\d+\?size=A3/);
    const town = boards.find((b) => b.data.chatId === 'sb-group-leading')!;
    expect(town.data.view.picture?.kind).toBe('poster');
  });
});

describe('board and print links in pushes, where the chats can open them', () => {
  it.each([
    [{ PUBLIC_BASE_URL: 'https://zhibu.example.cn/' }, /党建看板（图表、目标进展、各支部明细）：https:\/\/zhibu\.example\.cn\/board\/[A-Za-z0-9_.-]+$/m],
    [{ LARK_APP_ID: 'cli_x' }, null],
  ] as const)('with %o', async (config, link) => {
    const h = await startHarness(config);
    try {
      await seedReferenceData(h.db);
      await h.run('weeklyDigest', '2026-11-16T08:23');
      const digest = (await h.outbound()).find((j) => j.data.view.kind === 'digest_weekly')!;
      const text = digest.data.view.lines!.join('\n');
      // Feishu on and no public address: a path would open nowhere, so the digest carries its charts and no link.
      if (link) expect(text).toMatch(link);
      else expect(text).not.toContain('/board/');
      expect(digest.data.view.picture?.kind).toBe('charts');
    } finally {
      await h.stop();
    }
  });
});
