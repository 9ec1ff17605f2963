import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { CJK_FAMILY, registerCjkFonts } from './cjkFont.ts';
import { layoutPoster, type PosterPainter } from './posterLayout.ts';
import type { PosterModel } from './posterModel.ts';
import { starPoints } from './renderPosterPdf.ts';

const WIDTH = 1080;
const UNIT = WIDTH / 595.28;

function painterOn(ctx: SKRSContext2D | null): PosterPainter {
  const measureCtx = ctx ?? createCanvas(8, 8).getContext('2d');
  const font = (size: number, bold?: boolean) => `${bold ? 'bold ' : ''}${size}px "${CJK_FAMILY}"`;
  return {
    measure: (text, size, bold) => {
      measureCtx.font = font(size, bold);
      return measureCtx.measureText(text).width;
    },
    text: (text, x, y, size, options) => {
      if (!ctx) return;
      ctx.font = font(size, options?.bold);
      ctx.fillStyle = options?.color ?? '#222222';
      ctx.textBaseline = 'top';
      ctx.fillText(text, x, y);
    },
    star: (cx, cy, r, color) => {
      if (!ctx) return;
      ctx.beginPath();
      starPoints(cx, cy, r).forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
      ctx.closePath();
      ctx.fillStyle = color;
      ctx.fill();
    },
    rect: (x, y, w, h, color) => {
      if (!ctx) return;
      ctx.fillStyle = color;
      ctx.fillRect(x, y, w, h);
    },
    newPage: () => undefined,
  };
}

/** The 公示栏 as one long picture for the chats (same layout as the PDF, A4 width), measured first, then painted. */
export function renderPosterPng(model: PosterModel): { png: Buffer; width: number; height: number } {
  registerCjkFonts();
  const height = Math.ceil(layoutPoster(model, painterOn(null), WIDTH, Number.POSITIVE_INFINITY, UNIT) + 20);
  const canvas = createCanvas(WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fffdf8';
  ctx.fillRect(0, 0, WIDTH, height);
  layoutPoster(model, painterOn(ctx), WIDTH, Number.POSITIVE_INFINITY, UNIT);
  return { png: canvas.toBuffer('image/png'), width: WIDTH, height };
}
