import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentStats } from '../../../src/contracts/incidents.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The colours of the two series; the map's markers and the legend use the same (styles.css). */
const VERIFIED = '#00609c';
const CANDIDATE = '#8fc4e6';

export type Interval = 'week' | 'month';
type Timeline = IncidentStats['timeline'];

interface TimelineChartProps {
  timeline: Timeline;
  /** How each period is named on the axis and in the summary. */
  periodLabel: (period: string) => string;
  /** The chart's text alternative; the exact figures are in a table next to it. */
  summary: string;
}

/**
 * Incidents per period, verified and candidates stacked, drawn in the browser by ECharts (only the
 * parts it needs are bundled). The SVG is decoration for assistive technologies: the container
 * is an image named by `summary`.
 */
export function IncidentTimelineChart({ timeline, periodLabel, summary }: TimelineChartProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        textStyle: { fontFamily: 'system-ui, "DejaVu Sans", sans-serif', fontSize: 12, color: '#1b1b1b' },
        legend: { top: 0, left: 0, itemGap: 16, textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: timeline.map((point) => periodLabel(point.period)),
          axisLabel: { hideOverlap: true, color: '#4a4a4a' },
          axisTick: { alignWithLabel: true },
        },
        yAxis: {
          type: 'value',
          minInterval: 1,
          axisLabel: { color: '#4a4a4a', formatter: (value: number) => formatCount(value, locale) },
        },
        series: [
          {
            name: t('dashboard.verified'),
            type: 'bar',
            stack: 'incidents',
            data: timeline.map((point) => point.verified),
            itemStyle: { color: VERIFIED },
            barMaxWidth: 48,
          },
          {
            name: t('dashboard.candidates'),
            type: 'bar',
            stack: 'incidents',
            data: timeline.map((point) => point.candidate),
            itemStyle: { color: CANDIDATE },
            barMaxWidth: 48,
          },
        ],
      },
      { notMerge: true },
    );
  }, [timeline, periodLabel, t, locale]);

  return <div ref={container} className="timeline-chart" role="img" aria-label={summary} />;
}
