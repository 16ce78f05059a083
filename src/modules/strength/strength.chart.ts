import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Locale } from '../../contracts/common.js';
import type { StrengthSnapshot } from '../../contracts/strength.js';
import { formatFigure } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';

echarts.use([LineChart, GridComponent, LegendComponent, SVGRenderer]);

function dateLabel(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** Authorised and deployed over time for one category (all countries, all locations), as SVG. */
export function strengthHistorySvg(snapshots: readonly StrengthSnapshot[], locale: Locale, width = 640, height = 280): string {
  const totals = snapshots
    .filter((s) => s.sex === 'all' && s.country === null && s.location === null)
    .sort((a, b) => a.asOf.localeCompare(b.asOf));
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Roboto, DejaVu Sans, sans-serif' },
    legend: { top: 0, data: [t(locale, 'factsheet.authorised'), t(locale, 'factsheet.deployed')] },
    grid: { left: 60, right: 20, top: 36, bottom: 30 },
    xAxis: { type: 'category', data: totals.map((s) => dateLabel(s.asOf, locale)) },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (value: number) => formatFigure(value, 'persons', locale) } },
    series: [
      {
        name: t(locale, 'factsheet.authorised'),
        type: 'line',
        data: totals.map((s) => s.authorised),
        itemStyle: { color: '#7f9db3' },
        connectNulls: true,
      },
      {
        name: t(locale, 'factsheet.deployed'),
        type: 'line',
        data: totals.map((s) => s.deployed),
        itemStyle: { color: '#00609c' },
        connectNulls: true,
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
