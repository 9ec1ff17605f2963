import type { MessageView } from '../MessageView.ts';
import { renderChartsPng } from '../pictures/renderChartsPng.ts';
import { renderPosterPng } from '../pictures/renderPosterPng.ts';

/** The PNG of a view's picture (a 公示栏 poster or the digest charts), or null when it has none. */
export function renderPicture(view: MessageView): Buffer | null {
  if (!view.picture) return null;
  if (view.picture.kind === 'poster') return renderPosterPng(view.picture.poster).png;
  return renderChartsPng(view.picture.charts);
}
