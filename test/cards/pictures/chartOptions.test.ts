import { CJK_FAMILY } from '../../../cards/pictures/cjkFont.ts';
import { describe, expect, it } from 'vitest';
import { renderChartsSvgs, renderChartsPng } from '../../../cards/pictures/renderChartsPng.ts';
import type { ChartsModel } from '../../../cards/pictures/chartsModel.ts';

const model: ChartsModel = {
  scope: '青禾镇党委',
  year: 2026,
  asOf: '2026-03-20',
  provisional: true,
  groupLabel: '片区',
  heat: {
    rows: ['东片区', '西片区'],
    months: [1, 2, 3],
    cells: [
      [100, 67, null],
      [33, 0, 50],
    ],
  },
  stars: [
    { label: '三星', count: 4 },
    { label: '二星', count: 7 },
    { label: '一星', count: 2 },
    { label: '暂未达到一星', count: 11 },
    { label: '未评定（免评）', count: 1 },
  ],
  problems: { rows: ['东片区', '西片区'], open: [3, 1], overdue: [2, 0], closed: [5, 4] },
  programmes: [{ name: '百场讲学拉练大培训', done: 37, target: 100, unit: '场' }],
};

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('the digest charts', () => {
  it('carry the numbers of the model as text in the SVG', () => {
    const [heat, stars, problems, programmes] = renderChartsSvgs(model);
    expect(texts(heat!.svg)).toEqual(expect.arrayContaining(['100%', '67%', '33%', '0%', '50%', '东片区', '1月', '3月']));
    expect(texts(stars!.svg)).toEqual(expect.arrayContaining(['4 人', '7 人', '2 人', '11 人', '1 人', '暂未达到一星']));
    expect(texts(stars!.svg).join('')).toContain('暂定');
    expect(texts(problems!.svg)).toEqual(expect.arrayContaining(['3', '2', '5', '4']));
    expect(texts(programmes!.svg)).toContain('37/100场');
  });

  it('say in one line that no ledger has a problem, instead of drawing bars of 0', () => {
    const none = renderChartsSvgs({ ...model, problems: { rows: ['东片区', '西片区'], open: [0, 0], overdue: [0, 0], closed: [0, 0] } })[2]!;
    expect(texts(none.svg).join('')).toContain('各片区都还没有登记问题（未销号 0 条，已销号 0 条）。');
    // Drawn in the embedded CJK font like every other text, or the PNG shows boxes instead of Chinese.
    const line = /<text[^>]*>各片区都还没有登记问题/.exec(none.svg)?.[0] ?? '';
    expect(line).toContain(CJK_FAMILY);
    expect(texts(none.svg)).not.toContain('东片区');
    expect(none.height).toBeLessThan(renderChartsSvgs(model)[2]!.height);
  });

  it('escape names inside the SVG', () => {
    const [heat] = renderChartsSvgs({ ...model, heat: { ...model.heat, rows: ['<script>x</script>', '西片区'] } });
    expect(heat!.svg).not.toContain('<script>');
  });

  it('stack into one PNG', () => {
    const png = renderChartsPng(model);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});
