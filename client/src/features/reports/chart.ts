import type { CaseReport } from '@shared/reports';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { rowLabel } from './format';

/** The chart options the report chart uses (only what `ReportChart.vue` registers with echarts). */
export type ReportChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Texts the chart shows. */
export interface ReportChartTexts {
  registered: string;
  closed: string;
  rate: string;
  none: string;
}

/** Registered and closed cases per group as bars, the on-time closure rate (%) as a line on a second axis. */
export function reportChartOption(report: CaseReport, locale: string, texts: ReportChartTexts): ReportChartOption {
  const rows = report.rows;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => rowLabel(r, locale, texts.none)), axisLabel: { interval: 0, rotate: rows.length > 6 ? 35 : 0, width: 120, overflow: 'truncate' } },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: texts.registered, data: rows.map((r) => r.registered), itemStyle: { color: '#1f6fa8' }, barMaxWidth: 28 },
      { type: 'bar', name: texts.closed, data: rows.map((r) => r.closed), itemStyle: { color: '#35a37a' }, barMaxWidth: 28 },
      {
        type: 'line', name: texts.rate, yAxisIndex: 1, itemStyle: { color: '#e0a100' },
        data: rows.map((r) => (r.onTimeClosureRate === null ? null : Math.round(r.onTimeClosureRate * 1000) / 10)),
        tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
      },
    ],
  };
}
