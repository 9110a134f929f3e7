import type { EChartsOption } from 'echarts';
import type { InsightsReport } from './build-insights-report';
import { formatPeriod, formatSeconds, triggerLabels } from './format-figures';
import { handoffTriggers } from './metrics/classify-handoff-trigger';

/**
 * The report's charts in one PNG: tags over time, handoffs by trigger, time to the first
 * human reply. ECharts renders SVG server-side (no browser, no canvas); resvg rasterises it
 * with the machine's fonts (a container needs a font package, such as fonts-dejavu-core).
 */

const WIDTH = 1000;
const HEIGHT = 1240;
const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
const PANEL_TOPS = [90, 500, 880];
const PANEL_HEIGHT = [300, 270, 270];

export function renderReportSvg(report: InsightsReport): string {
  // Loaded on first use: ECharts is 10 MB of heap that the web, and a worker without the digest, never need.
  const echarts = require('echarts') as typeof import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption(chartOption(report));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A rendered chart image and what to call it when it is shared. */
export interface ReportChart {
  data: Buffer;
  contentType: 'image/png';
  width: number;
  height: number;
}

export function renderReportPng(report: InsightsReport): ReportChart {
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const resvg = new Resvg(renderReportSvg(report), {
    background: '#ffffff',
    fitTo: { mode: 'width', value: WIDTH },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  const image = resvg.render();
  return { data: image.asPng(), contentType: 'image/png', width: image.width, height: image.height };
}

function chartOption(report: InsightsReport): EChartsOption {
  const { tags, handoffs, period } = report;
  const triggers = handoffTriggers.filter((trigger) => trigger !== 'other' || handoffs.byTrigger.other > 0);
  const th = handoffs.timeToHuman;
  const grid = (index: number) => ({
    left: 190,
    right: 40,
    top: (PANEL_TOPS[index] ?? 0) + 60,
    height: (PANEL_HEIGHT[index] ?? 0) - 80,
    containLabel: false,
  });
  const panelTitle = (index: number, text: string, subtext?: string) => ({
    text,
    ...(subtext !== undefined && { subtext }),
    left: 20,
    top: PANEL_TOPS[index] ?? 0,
    textStyle: { fontSize: 16, fontFamily: FONT },
    subtextStyle: { fontFamily: FONT },
  });
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT },
    title: [
      {
        text: 'Baton insights',
        subtext: `${formatPeriod(period.from, period.to, period.timeZone)} (${period.timeZone})`,
        left: 20,
        top: 15,
        textStyle: { fontSize: 20, fontFamily: FONT },
        subtextStyle: { fontFamily: FONT },
      },
      panelTitle(
        0,
        `Tags applied per ${tags.series.unit}`,
        tags.series.series.length === 0 ? 'No tag applied in this period' : undefined,
      ),
      panelTitle(1, 'Handoffs by trigger', `${handoffs.episodes} started`),
      panelTitle(
        2,
        'Time to first human reply',
        `p50 ${formatSeconds(th.p50)} · p90 ${formatSeconds(th.p90)} · ${th.answered} answered`,
      ),
    ],
    legend: {
      top: (PANEL_TOPS[0] ?? 0) + 5,
      right: 40,
      data: tags.series.series.map((series) => series.tag),
      textStyle: { fontFamily: FONT },
    },
    grid: [grid(0), grid(1), grid(2)],
    xAxis: [
      { gridIndex: 0, type: 'category', data: tags.series.buckets.map((bucket) => bucket.slice(5)) },
      { gridIndex: 1, type: 'value', minInterval: 1 },
      { gridIndex: 2, type: 'category', data: th.distribution.map((bucket) => bucket.label) },
    ],
    yAxis: [
      { gridIndex: 0, type: 'value', minInterval: 1 },
      {
        gridIndex: 1,
        type: 'category',
        inverse: true,
        data: triggers.map((trigger) => triggerLabels[trigger] ?? trigger),
      },
      { gridIndex: 2, type: 'value', minInterval: 1 },
    ],
    series: [
      ...tags.series.series.map((series) => ({
        type: 'line' as const,
        name: series.tag,
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: series.counts,
        symbolSize: 6,
      })),
      {
        type: 'bar',
        name: 'handoffs',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: triggers.map((trigger) => handoffs.byTrigger[trigger]),
        itemStyle: { color: '#5470c6' },
        label: { show: true, position: 'right', fontFamily: FONT },
      },
      {
        type: 'bar',
        name: 'replies',
        xAxisIndex: 2,
        yAxisIndex: 2,
        data: th.distribution.map((bucket, index) => ({
          value: bucket.count,
          // "no reply yet" is not a duration: shown apart.
          itemStyle: { color: index === th.distribution.length - 1 ? '#c23531' : '#91cc75' },
        })),
        label: { show: true, position: 'top', fontFamily: FONT },
      },
    ],
  };
}
