import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPosterPdf } from '../../../cards/pictures/renderPosterPdf.ts';
import { renderPosterPng } from '../../../cards/pictures/renderPosterPng.ts';
import { memberPoster, branchPoster } from '../../../src/areas/pushes/posters/starPosters.ts';
import { defaultPosterSettings } from '../../../src/areas/pushes/posters/posterSettings.ts';
import type { Stars } from '../../../src/areas/points/starRating.ts';

const scores: [string, number][] = [
  ['李春生', 95],
  ['陈秀英', 91],
  ['王建国', 88],
  ['张丽', 79],
  ['刘伟', 60],
  ['周红', 59.5],
  ['曾伟', 12],
];
const starsOf = (s: number): Stars => (s >= 90 ? 3 : s >= 80 ? 2 : s >= 60 ? 1 : 0);
const rows = scores.map(([name, score], i) => ({ memberId: i + 1, name, organizationId: 1, score, stars: starsOf(score), unrated: null }));
/** Rating rows (rateYear) with one member exempt (未评定) and, for a final year, one whose branch kept no record. */
const withUnrated = [...rows, { memberId: 8, name: '马建军', organizationId: 1, score: 0, stars: 0 as Stars, unrated: 'exempt' as const }];
const context = (final: boolean) => ({
  year: 2026,
  date: final ? '2027-01-04' : '2026-12-07',
  final,
  settings: { ...defaultPosterSettings, publicityDays: 7, contact: '对公示结果有异议的，请向镇党委组织办王老师反映。' },
  rootName: '青禾镇党委',
});

async function pdfText(pdf: Buffer): Promise<{ text: string; pages: { width: number; height: number }[] }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: { width: number; height: number }[] = [];
  let text = '';
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view as [number, number, number, number];
    pages.push({ width: Math.round(width), height: Math.round(height) });
    const content = await page.getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('\n');
  }
  await doc.destroy();
  return { text, pages };
}

describe('the printable 公示栏', () => {
  it('is an A4 portrait PDF with the title, organisation, year, date, 公示期, contact and the names in star order, 暂定 before the year ends', async () => {
    const poster = memberPoster('东湾村党支部', withUnrated, context(false));
    const { text, pages } = await pdfText(await renderPosterPdf(poster, 'A4'));
    expect(pages).toEqual([{ width: 595, height: 842 }]);
    for (const words of [
      '2026年度星级党员公示（暂定）',
      '东湾村党支部',
      '三星党员（2）',
      '二星党员（1）',
      '一星党员（2）',
      '暂未达到一星（60分以下）（2）',
      '未评定（经申请免于评定）（1）',
      '马建军',
      '公示期：2026年12月7日至12月13日（7天）',
      '对公示结果有异议的，请向镇党委组织办王老师反映。',
      '青禾镇党委组织办',
      '2026年12月7日',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('不合格');
    expect(text).not.toContain('无星');
    const order = ['李春生', '陈秀英', '王建国', '张丽', '刘伟', '周红', '曾伟'].map((n) => text.indexOf(n));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
  });

  it('is an A3 landscape PDF; a final year names 无星 (不合格党员) only for members rated', async () => {
    const poster = memberPoster('东湾村党支部', withUnrated, context(true));
    const { text, pages } = await pdfText(await renderPosterPdf(poster, 'A3'));
    expect(pages).toEqual([{ width: 1191, height: 842 }]);
    expect(text).toContain('2026年度星级党员公示');
    expect(text).not.toContain('暂定');
    expect(text).toContain('无星（不合格党员）（2）');
    expect(text.indexOf('马建军')).toBeGreaterThan(text.indexOf('未评定'));
  });

  it('names a 党总支 board 党组织, never 党支部, and grows to more pages when the list is long', async () => {
    const many = Array.from({ length: 240 }, (_, i) => ({
      organizationId: i + 1,
      name: `第${i + 1}党支部`,
      score: 95 - (i % 50),
      stars: starsOf(95 - (i % 50)),
      source: 'points' as const,
      members: 10,
      level: 'BRANCH' as const,
    }));
    many.push({ organizationId: 999, name: '西岭村党总支', score: 91, stars: 3, source: 'assessment' as never, members: 30, level: 'GENERAL_BRANCH' as never });
    const poster = branchPoster('青禾镇党委', many, [{ organizationId: 1000, name: '北山村党支部', level: 'BRANCH' }], context(false));
    const { text, pages } = await pdfText(await renderPosterPdf(poster, 'A4'));
    expect(pages.length).toBeGreaterThan(1);
    expect(text).toContain('三星党组织');
    expect(text).not.toContain('三星党支部');
    expect(text).toContain('西岭村党总支');
    expect(text).toContain('未评定（无年度考评、无参评党员）');
    expect(text).toContain('北山村党支部');
  });

  it('draws the same poster as a PNG for the chats', () => {
    const { png, width, height } = renderPosterPng(memberPoster('东湾村党支部', rows, context(false)));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(width).toBe(1080);
    expect(height).toBeGreaterThan(600);
  });
});
