import type { ChartOption } from './chartSvg.ts';
import type { ChartsModel } from './chartsModel.ts';
import { CJK_FAMILY } from './cjkFont.ts';

export const CHART_WIDTH = 960;

export interface ChartSpec {
  id: 'heat' | 'stars' | 'problems' | 'programmes';
  title: string;
  option: ChartOption;
  width: number;
  height: number;
}

const title = (text: string, sub?: string) => ({ text, ...(sub ? { subtext: sub } : {}), left: 16, top: 10, textStyle: { fontSize: 18 } });

/** One ECharts option per chart; labels carry the numbers, so the picture (and the page) can be read without a legend. */
export function chartSpecs(m: ChartsModel, width = CHART_WIDTH, heatWidth = width): ChartSpec[] {
  const rowsHeight = (n: number, per: number) => Math.max(1, n) * per;
  const heatData = m.heat.cells.flatMap((row, r) => row.map((v, c) => [c, r, v === null ? '-' : v]));
  const heatHeight = 130 + rowsHeight(m.heat.rows.length, 26);
  const starsHeight = 260;
  // With no problem on any ledger, bars of 0 say nothing: one line says it instead.
  const noProblems = [...m.problems.open, ...m.problems.closed].every((n) => n === 0);
  const problemsHeight = noProblems ? 110 : 110 + rowsHeight(m.problems.rows.length, 40);
  const programmesHeight = 90 + rowsHeight(m.programmes.length, 30);
  const labelWidth = Math.min(170, Math.round(width * 0.3));
  const programmeLabel = Math.min(250, Math.round(width * 0.42));
  return [
    {
      id: 'heat',
      title: '组织生活完成率',
      width: heatWidth,
      height: heatHeight,
      option: {
        title: title(`${m.year}年组织生活完成率（按${m.groupLabel} × 月）`, `${m.scope} · 截至${m.asOf}，按规定应开展的会议和活动中已登记的比例`),
        grid: { left: labelWidth, right: 20, top: 96, bottom: 20 },
        xAxis: { type: 'category', position: 'top', data: m.heat.months.map((n) => `${n}月`), splitArea: { show: true }, axisTick: { show: false } },
        yAxis: { type: 'category', inverse: true, data: m.heat.rows, axisTick: { show: false }, axisLabel: { width: labelWidth - 16, overflow: 'truncate' } },
        visualMap: { show: false, min: 0, max: 100, inRange: { color: ['#f4cccc', '#fce8b2', '#b7e1cd', '#57bb8a'] } },
        series: [
          {
            type: 'heatmap',
            data: heatData,
            label: { show: true, textBorderWidth: 0, formatter: (p: { value: unknown[] }) => (p.value[2] === '-' ? '' : `${p.value[2]}%`) },
            itemStyle: { borderColor: '#fff', borderWidth: 1 },
          },
        ],
      },
    },
    {
      id: 'stars',
      title: '星级分布',
      width,
      height: starsHeight,
      option: {
        title: title(
          `${m.year}年度党员星级分布${m.provisional ? '（暂定）' : ''}`,
          m.provisional ? '按当前积分可达的星级，年度评定定稿后为准' : '年度评定结果',
        ),
        grid: { left: labelWidth, right: 60, top: 76, bottom: 20 },
        xAxis: { type: 'value', show: false },
        yAxis: { type: 'category', inverse: true, data: m.stars.map((s) => s.label), axisTick: { show: false } },
        series: [
          {
            type: 'bar',
            data: m.stars.map((s) => s.count),
            barMaxWidth: 28,
            itemStyle: { color: '#e6a200' },
            label: { show: true, position: 'right', textBorderWidth: 0, color: '#333', formatter: '{c} 人' },
          },
        ],
      },
    },
    {
      id: 'problems',
      title: '问题台账',
      width,
      height: problemsHeight,
      option: noProblems
        ? {
            title: title(`问题台账（按${m.groupLabel}）`, '未销号（其中已逾期）与已销号的问题条数'),
            graphic: [
              {
                type: 'text',
                left: 16,
                top: 72,
                // A graphic's text does not take the chart's textStyle: without the family its Chinese is drawn as boxes.
                style: { text: `各${m.groupLabel}都还没有登记问题（未销号 0 条，已销号 0 条）。`, fontSize: 14, fill: '#666', fontFamily: CJK_FAMILY },
              },
            ],
          }
        : {
            title: title(`问题台账（按${m.groupLabel}）`, '未销号（其中已逾期）与已销号的问题条数'),
            legend: { top: 44, right: 20, data: ['未销号', '其中逾期', '已销号'] },
            grid: { left: labelWidth, right: 40, top: 76, bottom: 20 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: {
              type: 'category',
              inverse: true,
              data: m.problems.rows,
              axisTick: { show: false },
              axisLabel: { width: labelWidth - 16, overflow: 'truncate' },
            },
            series: [
              {
                name: '未销号',
                type: 'bar',
                data: m.problems.open,
                itemStyle: { color: '#f57a00' },
                label: { show: true, position: 'right', textBorderWidth: 0, color: '#333' },
              },
              {
                name: '其中逾期',
                type: 'bar',
                data: m.problems.overdue,
                itemStyle: { color: '#c8161d' },
                label: { show: true, position: 'right', textBorderWidth: 0, color: '#333' },
              },
              {
                name: '已销号',
                type: 'bar',
                data: m.problems.closed,
                itemStyle: { color: '#2ea121' },
                label: { show: true, position: 'right', textBorderWidth: 0, color: '#333' },
              },
            ],
          },
    },
    {
      id: 'programmes',
      title: '八百工程',
      width,
      height: programmesHeight,
      option: {
        title: title('“八百”工程进度', '已完成 / 目标'),
        grid: { left: programmeLabel, right: 90, top: 66, bottom: 16 },
        xAxis: { type: 'value', max: 100, show: false },
        yAxis: {
          type: 'category',
          inverse: true,
          data: m.programmes.map((p) => p.name),
          axisTick: { show: false },
          axisLabel: { width: programmeLabel - 14, overflow: 'truncate' },
        },
        series: [
          {
            type: 'bar',
            data: m.programmes.map((p) => ({
              value: p.target > 0 ? Math.min(100, Math.round((p.done / p.target) * 100)) : 0,
              done: p.done,
              target: p.target,
              unit: p.unit,
            })),
            barMaxWidth: 20,
            showBackground: true,
            itemStyle: { color: '#3370ff' },
            label: {
              show: true,
              position: 'right',
              textBorderWidth: 0,
              color: '#333',
              formatter: (p: { data: { done: number; target: number; unit: string } }) => `${p.data.done}/${p.data.target}${p.data.unit}`,
            },
          },
        ],
      },
    },
  ];
}
