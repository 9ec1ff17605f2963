import { describe, expect, it } from 'vitest';
import { loadImage, createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { PNG_FONT, renderPng, wantsPicture } from '../../../cards/render/renderPng.ts';
import type { MessageView } from '../../../cards/MessageView.ts';

const board: MessageView = {
  kind: 'star_board',
  title: '2026 年度星级党员榜 · 东湾村党支部',
  tone: 'success',
  lines: ['按全年积分评定：≥90 三星，80–89 二星，60–79 一星。'],
  table: {
    columns: ['姓名', '积分', '星级'],
    rows: [
      ['李春生', '95', '三星党员'],
      ['陈秀英', '88', '二星党员'],
      ['王小燕', '72', '一星党员'],
      ['赵大勇', '55', '无星（不合格）'],
      ['钱玉兰', '81', '二星党员'],
    ],
  },
  note: '发送 /积分 查看自己的明细。',
};

function ihdr(png: Buffer) {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderPng', () => {
  it('draws a board as a PNG that decodes to the size it reports, title bar in the tone colour', async () => {
    const { png, width, height } = renderPng(board);
    expect(ihdr(png)).toEqual({ width, height });
    expect(width).toBe(720);
    // Title bar, body line, six table rows and the note.
    expect(height).toBeGreaterThan(72 + 40 + 6 * 40);
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([width, height]);
    const ctx = createCanvas(width, height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    expect([...ctx.getImageData(4, 4, 1, 1).data]).toEqual([0x2e, 0xa1, 0x21, 255]);
    expect([...ctx.getImageData(width - 4, height - 4, 1, 1).data]).toEqual([255, 255, 255, 255]);
  });

  it('draws the Chinese text with the bundled CJK font', async () => {
    const withText = renderPng({ kind: 't', title: '党', tone: 'info', lines: ['支部主题党日'] });
    const empty = renderPng({ kind: 't', title: '党', tone: 'info', lines: [''] });
    expect(withText.height).toBe(empty.height);
    const ink = async (png: Buffer, w: number, h: number) => {
      const ctx = createCanvas(w, h).getContext('2d');
      ctx.drawImage(await loadImage(png), 0, 0);
      const data = ctx.getImageData(0, 72, w, h - 72).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
      return dark;
    };
    expect(await ink(empty.png, empty.width, empty.height)).toBe(0);
    expect(await ink(withText.png, withText.width, withText.height)).toBeGreaterThan(100);
    expect(GlobalFonts.families.map((f) => f.family)).toContain(PNG_FONT);
  });

  it('widens the picture for a wide table, up to a limit', () => {
    const wide = renderPng({
      kind: 'w',
      title: '宽表',
      tone: 'info',
      table: { columns: Array.from({ length: 12 }, (_, i) => `第${i + 1}列标题`), rows: [Array.from({ length: 12 }, () => '东湾村党支部')] },
    });
    expect(wide.width).toBe(1400);
    expect(ihdr(wide.png).width).toBe(1400);
  });

  it('asks for a picture only for tables of several rows', () => {
    expect(wantsPicture(board)).toBe(true);
    expect(wantsPicture({ ...board, table: { columns: ['a'], rows: [['1']] } })).toBe(false);
    expect(wantsPicture({ kind: 'me', title: '我的', tone: 'info' })).toBe(false);
  });
});
