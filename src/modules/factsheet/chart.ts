import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Locale } from '../../contracts/common.js';
import type { Figure } from '../../contracts/organisation.js';
import { formatFigure } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import { STRENGTH_SERIES } from '../indicators/rules.js';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export interface StrengthBar {
  label: string;
  authorised: number;
  deployed: number;
}

/** Authorised against deployed strength, from whichever of the figures are present. */
export function strengthBars(figures: readonly Figure[], locale: Locale): StrengthBar[] {
  const byKey = new Map(figures.map((f) => [f.key, f.value]));
  return STRENGTH_SERIES.flatMap((series) => {
    const authorised = byKey.get(series.authorised);
    const deployed = byKey.get(series.deployed);
    return authorised === undefined || deployed === undefined ? [] : [{ label: series.label[locale], authorised, deployed }];
  });
}

/**
 * The strength chart as an SVG string, rendered on the server (no browser): the same chart goes
 * into the web page and the PDF.
 */
export function strengthChartSvg(bars: readonly StrengthBar[], locale: Locale, width = 520, height = 260): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Roboto, DejaVu Sans, sans-serif' },
    legend: { top: 0, data: [t(locale, 'factsheet.authorised'), t(locale, 'factsheet.deployed')] },
    grid: { left: 130, right: 20, top: 34, bottom: 10 },
    xAxis: { type: 'value', show: false },
    // Values sit in the axis labels: PDF renderers draw them reliably, unlike floating bar labels.
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map(
        (b) => `${b.label}\n${formatFigure(b.deployed, 'persons', locale)} / ${formatFigure(b.authorised, 'persons', locale)}`,
      ),
    },
    series: [
      {
        name: t(locale, 'factsheet.authorised'),
        type: 'bar',
        data: bars.map((b) => b.authorised),
        itemStyle: { color: '#9fb7c8' },
      },
      {
        name: t(locale, 'factsheet.deployed'),
        type: 'bar',
        data: bars.map((b) => b.deployed),
        itemStyle: { color: '#00609c' },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
