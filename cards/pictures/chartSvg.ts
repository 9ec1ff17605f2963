import * as echarts from 'echarts';
import { createCanvas, Image } from '@napi-rs/canvas';
import { CJK_FAMILY, registerCjkFonts } from './cjkFont.ts';

/** An ECharts option as plain data (it travels in queue jobs and is rendered where it is shown). */
export type ChartOption = Record<string, unknown>;

let platformSet = false;
function ensurePlatform(): void {
  if (platformSet) return;
  registerCjkFonts();
  const ctx = createCanvas(8, 8).getContext('2d');
  // ECharts lays text out with this on the server; measure with the font the picture is drawn in.
  echarts.setPlatformAPI({
    measureText(text: string, font?: string) {
      ctx.font = (font ?? '12px sans-serif').replace(/(\d+(?:\.\d+)?px).*$/, `$1 "${CJK_FAMILY}"`);
      return { width: ctx.measureText(text).width };
    },
  });
  platformSet = true;
}

/**
 * Server-side SVG of one chart (ECharts SSR: no DOM, no animation). The board inlines the SVG in its page; chats
 * get it as a PNG through svgToPng.
 */
export function renderChartSvg(option: ChartOption, width: number, height: number): string {
  ensurePlatform();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CJK_FAMILY }, backgroundColor: '#ffffff', ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Draws SVGs one under another on a white picture and returns the PNG (Skia's SVG support in @napi-rs/canvas). */
export function svgsToPng(parts: { svg: string; width: number; height: number }[], scale = 1): Buffer {
  registerCjkFonts();
  const width = Math.max(...parts.map((p) => p.width));
  const height = parts.reduce((s, p) => s + p.height, 0);
  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  let y = 0;
  for (const part of parts) {
    const image = new Image();
    image.src = Buffer.from(part.svg);
    ctx.drawImage(image, 0, y * scale, part.width * scale, part.height * scale);
    y += part.height;
  }
  return canvas.toBuffer('image/png');
}
