import { DateTime } from 'luxon';
import type { PosterModel } from './posterModel.ts';

/** What a poster needs from a surface: PDF page (pdfkit) or picture (canvas) implement it the same way. */
export interface PosterPainter {
  measure(text: string, size: number, bold?: boolean): number;
  /** Text with its top-left at (x, y). */
  text(text: string, x: number, y: number, size: number, options?: { bold?: boolean; color?: string }): void;
  star(cx: number, cy: number, radius: number, color: string): void;
  rect(x: number, y: number, width: number, height: number, color: string): void;
  /** Starts a new page (PDF) or is never needed (a picture grows). */
  newPage(): void;
}

export const RED = '#c8161d';
const GOLD = '#e6a200';
const INK = '#222222';
const GREY = '#666666';

function chineseDay(iso: string): string {
  const d = DateTime.fromISO(iso);
  return `${d.year}年${d.month}月${d.day}日`;
}

/** The publicity period as people write it: 2026年12月7日至12月13日（7天）. */
export function publicityPeriod(dateIso: string, days: number): string {
  const start = DateTime.fromISO(dateIso);
  const end = start.plus({ days: Math.max(1, days) - 1 });
  const endText = end.year === start.year ? `${end.month}月${end.day}日` : chineseDay(end.toISODate()!);
  return `${chineseDay(dateIso)}至${endText}（${days}天）`;
}

/**
 * Lays a poster out on a page of `width` × `height` (points or pixels) and paints it; `height` = Infinity means
 * one long picture. Returns the height used on the last page. Units scale with `unit` (1 = A4 portrait points).
 */
export function layoutPoster(model: PosterModel, p: PosterPainter, width: number, height: number, unit = 1): number {
  const margin = 40 * unit;
  const inner = width - 2 * margin;
  const bottom = height - margin;
  let y = margin;
  const centre = (text: string, size: number, options?: { bold?: boolean; color?: string }) =>
    p.text(text, (width - p.measure(text, size, options?.bold)) / 2, y, size, options);

  // Red band, title, 暂定.
  p.rect(0, 0, width, 10 * unit, RED);
  y += 8 * unit;
  const title = model.provisional ? `${model.title}（暂定）` : model.title;
  centre(title, 28 * unit, { bold: true, color: RED });
  y += 44 * unit;
  centre(model.organisation, 18 * unit, { bold: true });
  y += 28 * unit;
  centre(model.rule, 11 * unit, { color: GREY });
  y += 18 * unit;
  if (model.provisional) {
    centre(`本榜为${model.year}年度阶段性结果（截至${chineseDay(model.date)}），按当前积分显示可达星级，年度评定定稿后另行公示。`, 11 * unit, { color: GREY });
    y += 18 * unit;
  }
  p.rect(margin, y, inner, 1.5 * unit, RED);
  y += 14 * unit;

  const footerHeight = 78 * unit;
  const room = (needed: number) => {
    if (y + needed <= bottom - footerHeight || !Number.isFinite(height)) return;
    p.newPage();
    y = margin;
  };

  const nameSize = 14 * unit;
  const cell = Math.max(...model.levels.flatMap((l) => l.entries.map((e) => p.measure(`${e.name} ${e.score}分`, nameSize))), 90 * unit) + 22 * unit;
  const columns = Math.max(1, Math.floor(inner / cell));
  const columnWidth = inner / columns;
  const row = 24 * unit;

  for (const level of model.levels) {
    room(34 * unit + row);
    // The level's stars drawn, then its heading and count.
    const r = 9 * unit;
    const starCount = Math.max(level.stars, 1);
    for (let i = 0; i < starCount; i++) p.star(margin + r + i * (2 * r + 4 * unit), y + r + 2 * unit, r, level.stars === 0 ? '#bbbbbb' : GOLD);
    const headingX = margin + starCount * (2 * r + 4 * unit) + 6 * unit;
    p.text(`${level.heading}（${level.entries.length}）`, headingX, y, 16 * unit, { bold: true, color: level.stars === 0 ? GREY : INK });
    y += 30 * unit;
    level.entries.forEach((entry, i) => {
      const column = i % columns;
      if (column === 0 && i > 0) y += row;
      if (column === 0) room(row);
      const x = margin + column * columnWidth;
      p.text(entry.name, x, y, nameSize, { color: INK });
      p.text(`${entry.score}分${entry.note ? ` ${entry.note}` : ''}`, x + p.measure(entry.name, nameSize) + 6 * unit, y + 2 * unit, 11 * unit, { color: GREY });
    });
    if (level.entries.length === 0) p.text('（无）', margin, y, nameSize, { color: GREY });
    y += row + 10 * unit;
  }

  for (const group of model.unrated) {
    if (group.names.length === 0) continue;
    room(row * 2);
    p.text(`${group.label}（${group.names.length}）`, margin, y, 14 * unit, { bold: true, color: GREY });
    y += 22 * unit;
    let line = '';
    for (const name of group.names) {
      const next = line ? `${line}、${name}` : name;
      if (p.measure(next, 12 * unit) > inner && line) {
        room(20 * unit);
        p.text(line, margin, y, 12 * unit, { color: GREY });
        y += 20 * unit;
        line = name;
      } else line = next;
    }
    if (line) {
      room(20 * unit);
      p.text(line, margin, y, 12 * unit, { color: GREY });
      y += 20 * unit;
    }
    y += 8 * unit;
  }

  // Footer: 公示期, whom to contact, signature and date, at the foot of the page (or under the list of a picture).
  const footerTop = Number.isFinite(height) ? Math.max(y, bottom - footerHeight) : y + 6 * unit;
  y = footerTop;
  p.rect(margin, y, inner, 1 * unit, '#dddddd');
  y += 10 * unit;
  p.text(`公示期：${publicityPeriod(model.date, model.publicityDays)}`, margin, y, 12 * unit, { color: INK });
  y += 20 * unit;
  p.text(model.contact, margin, y, 12 * unit, { color: INK });
  y += 24 * unit;
  const signature = `${model.footer}　${chineseDay(model.date)}`;
  p.text(signature, width - margin - p.measure(signature, 12 * unit), y, 12 * unit, { color: INK });
  y += 24 * unit;
  return y;
}
