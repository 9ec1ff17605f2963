import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { MessageView } from '../MessageView.ts';

/**
 * Draws a view as a PNG picture (boards and digests read better as a picture in WeChat and QQ than as text).
 * Skia via @napi-rs/canvas (prebuilt binaries in the npm package) with Noto Sans SC from @fontsource/noto-sans-sc
 * (OFL, woff2 subsets registered under one family), so it needs no system fonts.
 */
export const PNG_FONT = 'Noto Sans SC';

let fontsLoaded = false;
function loadFonts(): void {
  if (fontsLoaded) return;
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
  for (const file of readdirSync(dir)) {
    if (/-400-normal\.woff2$/.test(file)) GlobalFonts.registerFromPath(join(dir, file), PNG_FONT);
  }
  fontsLoaded = true;
}

const tone: Record<MessageView['tone'], string> = { info: '#3370ff', success: '#2ea121', warning: '#f57a00', error: '#c8161d' };

const PAD = 28;
const MIN_WIDTH = 720;
const MAX_WIDTH = 1400;
const BODY = 26;
const LINE = 40;
const TITLE = 32;
const CELL_PAD = 14;
const MAX_CELL = 360;

function fit(ctx: SKRSContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function wrap(ctx: SKRSContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const char of paragraph) {
      if (line && ctx.measureText(line + char).width > width) {
        out.push(line);
        line = char;
      } else {
        line += char;
      }
    }
    out.push(line);
  }
  return out;
}

export interface PngResult {
  png: Buffer;
  width: number;
  height: number;
}

export function renderPng(view: MessageView): PngResult {
  loadFonts();
  const measure = createCanvas(10, 10).getContext('2d');
  measure.font = `${BODY}px "${PNG_FONT}"`;

  const table = view.table && view.table.rows.length > 0 ? view.table : null;
  const colWidths = table
    ? table.columns.map((c, i) =>
        Math.min(MAX_CELL, Math.ceil(Math.max(measure.measureText(c).width, ...table.rows.map((r) => measure.measureText(r[i] ?? '').width)) + 2 * CELL_PAD)),
      )
    : [];
  const tableWidth = colWidths.reduce((a, b) => a + b, 0);
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, tableWidth + 2 * PAD));
  const textWidth = width - 2 * PAD;
  // Columns shrink together when the table is wider than the picture may be.
  const scale = tableWidth > textWidth ? textWidth / tableWidth : 1;
  const cols = colWidths.map((w) => Math.floor(w * scale));

  const body: string[] = [
    ...(view.lines ?? []).flatMap((l) => wrap(measure, l, textWidth)),
    ...(view.fields ?? []).flatMap((f) => wrap(measure, `${f.label}：${f.value}`, textWidth)),
  ];
  const note = view.note ? wrap(measure, view.note, textWidth) : [];
  const titleHeight = TITLE + 2 * 20;
  const height = Math.ceil(
    titleHeight +
      PAD +
      body.length * LINE +
      (table ? (table.rows.length + 1) * LINE + (body.length ? PAD / 2 : 0) : 0) +
      (note.length ? PAD / 2 + note.length * 34 : 0) +
      PAD,
  );

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = tone[view.tone];
  ctx.fillRect(0, 0, width, titleHeight);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.font = `bold ${TITLE}px "${PNG_FONT}"`;
  ctx.fillText(fit(ctx, view.title, textWidth), PAD, titleHeight / 2);

  let y = titleHeight + PAD;
  ctx.font = `${BODY}px "${PNG_FONT}"`;
  ctx.fillStyle = '#222222';
  for (const line of body) {
    ctx.fillText(line, PAD, y + LINE / 2);
    y += LINE;
  }
  if (table) {
    if (body.length) y += PAD / 2;
    const rows = [table.columns, ...table.rows];
    rows.forEach((row, r) => {
      if (r === 0 || r % 2 === 0) {
        ctx.fillStyle = r === 0 ? '#f2f3f5' : '#fafafa';
        ctx.fillRect(
          PAD,
          y,
          cols.reduce((a, b) => a + b, 0),
          LINE,
        );
      }
      ctx.fillStyle = r === 0 ? '#555555' : '#222222';
      ctx.font = `${r === 0 ? 'bold ' : ''}${BODY}px "${PNG_FONT}"`;
      let x = PAD;
      cols.forEach((w, c) => {
        ctx.fillText(fit(ctx, row[c] ?? '', w - 2 * CELL_PAD), x + CELL_PAD, y + LINE / 2);
        x += w;
      });
      ctx.strokeStyle = '#e2e2e2';
      ctx.beginPath();
      ctx.moveTo(PAD, y + LINE);
      ctx.lineTo(PAD + cols.reduce((a, b) => a + b, 0), y + LINE);
      ctx.stroke();
      y += LINE;
    });
  }
  if (note.length) {
    y += PAD / 2;
    ctx.fillStyle = '#888888';
    ctx.font = `22px "${PNG_FONT}"`;
    for (const line of note) {
      ctx.fillText(line, PAD, y + 17);
      y += 34;
    }
  }
  return { png: canvas.toBuffer('image/png'), width, height };
}

// Kept apart so that deciding whether to draw does not load the canvas.
export { wantsPicture } from './wantsPicture.ts';
