import { chartSpecs } from './chartOptions.ts';
import { renderChartSvg, svgsToPng } from './chartSvg.ts';
import type { ChartsModel } from './chartsModel.ts';

/** Every chart of the model as SVG strings (the board inlines them). */
export function renderChartsSvgs(
  model: ChartsModel,
  width?: number,
  heatWidth?: number,
): { id: string; title: string; svg: string; width: number; height: number }[] {
  return chartSpecs(model, width, heatWidth).map((spec) => ({
    id: spec.id,
    title: spec.title,
    svg: renderChartSvg(spec.option, spec.width, spec.height),
    width: spec.width,
    height: spec.height,
  }));
}

/** The digest picture: the four charts stacked, as one PNG. */
export function renderChartsPng(model: ChartsModel): Buffer {
  return svgsToPng(renderChartsSvgs(model));
}
