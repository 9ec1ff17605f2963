import { performance } from 'node:perf_hooks';
import { summarise, type BenchCase } from '../BenchCase.ts';
import { renderPng } from '../../cards/render/renderPng.ts';
import { renderText } from '../../cards/render/renderText.ts';
import { parseCqMessage } from '../../bots/onebot/parseCqMessage.ts';
import type { MessageView } from '../../cards/MessageView.ts';

/** WeChat/QQ side costs: the first PNG (font registration), later PNGs of a 30-row board, text, CQ parsing. */
const board: MessageView = {
  kind: 'star_board',
  title: '2026 年度星级党员榜 · 东湾村党支部',
  tone: 'info',
  lines: ['按全年积分评定：≥90 三星，80–89 二星，60–79 一星。'],
  table: { columns: ['姓名', '积分', '星级'], rows: Array.from({ length: 30 }, (_, i) => [`党员${i + 1}`, String(60 + i), i > 20 ? '三星党员' : '二星党员']) },
};

const chatPictures: BenchCase = {
  name: 'chat-pictures',
  async run() {
    const first = performance.now();
    renderPng(board);
    const firstMs = performance.now() - first;
    const png: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      renderPng(board);
      png.push(performance.now() - t);
    }
    const text: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const t = performance.now();
      renderText(board);
      text.push(performance.now() - t);
    }
    const cq: number[] = [];
    const message = '[CQ:reply,id=1][CQ:at,qq=10001] /积分 [CQ:at,qq=20002] &#91;补录&#93;[CQ:image,file=a.jpg,url=https://x/a?b=1&amp;c=2]';
    for (let i = 0; i < 5000; i++) {
      const t = performance.now();
      parseCqMessage(message);
      cq.push(performance.now() - t);
    }
    return [
      { name: 'first PNG (font registration)', value: Math.round(firstMs), unit: 'ms' },
      ...summarise('PNG of a 30-row board', png),
      ...summarise('text of a 30-row board', text),
      ...summarise('CQ-code message parse', cq),
    ];
  },
};

export default chatPictures;
