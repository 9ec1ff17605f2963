import { cjkFontPath } from './cjkFont.ts';
import { layoutPoster, type PosterPainter } from './posterLayout.ts';
import type { PosterModel, PosterSize } from './posterModel.ts';

/** Page sizes in PDF points: A4 portrait 595.28 × 841.89, A3 landscape 1190.55 × 841.89. */
export const POSTER_PAGE: Record<PosterSize, { size: 'A4' | 'A3'; layout: 'portrait' | 'landscape'; width: number; height: number; unit: number }> = {
  A4: { size: 'A4', layout: 'portrait', width: 595.28, height: 841.89, unit: 1 },
  A3: { size: 'A3', layout: 'landscape', width: 1190.55, height: 841.89, unit: 1.3 },
};

function starPoints(cx: number, cy: number, r: number): [number, number][] {
  return Array.from({ length: 10 }, (_, i) => {
    const radius = i % 2 === 0 ? r : r * 0.42;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)] as [number, number];
  });
}
export { starPoints };

/**
 * The 公示栏 as a printable PDF (pdfkit), Noto Sans SC embedded as a subset so any printer shows the names and the
 * text stays extractable.
 */
export async function renderPosterPdf(model: PosterModel, size: PosterSize = 'A4'): Promise<Buffer> {
  const page = POSTER_PAGE[size];
  // pdfkit loads with the first poster, not with every process that could print one.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: page.size,
    layout: page.layout,
    margin: 0,
    info: { Title: `${model.title} · ${model.organisation}`, Author: model.footer, Subject: model.provisional ? '暂定' : '定稿' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('cjk', cjkFontPath('regular'));
  doc.registerFont('cjk-bold', cjkFontPath('bold'));
  const painter: PosterPainter = {
    measure: (text, fontSize, bold) =>
      doc
        .font(bold ? 'cjk-bold' : 'cjk')
        .fontSize(fontSize)
        .widthOfString(text),
    text: (text, x, y, fontSize, options) => {
      doc
        .font(options?.bold ? 'cjk-bold' : 'cjk')
        .fontSize(fontSize)
        .fillColor(options?.color ?? '#222222')
        .text(text, x, y, { lineBreak: false });
    },
    star: (cx, cy, r, color) => {
      doc.polygon(...starPoints(cx, cy, r)).fill(color);
    },
    rect: (x, y, w, h, color) => {
      doc.rect(x, y, w, h).fill(color);
    },
    newPage: () => {
      doc.addPage({ size: page.size, layout: page.layout, margin: 0 });
    },
  };
  layoutPoster(model, painter, page.width, page.height, page.unit);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
