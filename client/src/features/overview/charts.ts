import type { Localized, RenovationItem, SeriesPoint } from '@shared/overview';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

/** The chart options the overview uses (only the parts `OverviewChart.vue` registers with echarts). */
export type OverviewChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Colours of the dark screen. */
export const SCREEN = { text: '#c9d6e8', muted: '#7f93ad', grid: 'rgba(127,147,173,0.18)', accent: '#3fb6ff', highlight: '#ffd166', good: '#35d49a', warn: '#ffb547', bad: '#ff5c6c' } as const;

type Lang = 'zh' | 'en';
const label = (l: Localized, lang: Lang) => l[lang];
const splitLine = { lineStyle: { color: SCREEN.grid } };

/** Text sizes of a chart: `minFont` is the smallest canvas font that stays legible once the screen is scaled (see `minCanvasFont`). */
export interface ChartText {
  minFont?: number;
}
const size = (px: number, text: ChartText) => Math.max(px, text.minFont ?? 12);
const axisText = (text: ChartText) => ({ color: SCREEN.muted, fontSize: size(13, text) });
const tooltip = (text: ChartText): TooltipComponentOption => ({
  trigger: 'axis', backgroundColor: 'rgba(10,22,40,0.92)', borderColor: '#24405f', textStyle: { color: SCREEN.text, fontSize: size(14, text) },
});

/** Cases registered per month: a line with an area. */
export function monthOption(points: SeriesPoint[], text: ChartText = {}): OverviewChartOption {
  return {
    tooltip: tooltip(text), grid: { left: 8, right: 12, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.key.slice(5)), axisLabel: axisText(text), axisLine: { lineStyle: { color: SCREEN.grid } } },
    yAxis: { type: 'value', axisLabel: axisText(text), splitLine },
    series: [{ type: 'line', data: points.map((p) => p.value), smooth: true, symbolSize: 6, itemStyle: { color: SCREEN.accent }, areaStyle: { color: 'rgba(63,182,255,0.18)' } }],
  };
}

/** A ranked horizontal bar chart, largest on top; `selected` is drawn in the highlight colour. */
export function rankedOption(points: SeriesPoint[], lang: Lang, options: { selected?: string | null; unit?: string; max?: number } & ChartText = {}): OverviewChartOption {
  const rows = [...points].reverse();
  return {
    tooltip: { ...tooltip(options), valueFormatter: (v) => `${String(v)}${options.unit ?? ''}` },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: options.max, axisLabel: { show: false }, splitLine },
    yAxis: { type: 'category', data: rows.map((p) => label(p.label, lang)), axisLabel: { ...axisText(options), color: SCREEN.text, width: 240, overflow: 'truncate', interval: 0 }, axisTick: { show: false } },
    series: [{
      type: 'bar', barMaxWidth: 16, cursor: options.selected === undefined ? 'default' : 'pointer',
      data: rows.map((p) => ({ value: p.value, name: p.key, itemStyle: { color: p.key === options.selected ? SCREEN.highlight : SCREEN.accent, borderRadius: [0, 3, 3, 0] } })),
      label: { show: true, position: 'right', color: SCREEN.text, fontSize: size(12, options), formatter: `{c}${options.unit ?? ''}` },
    }],
  };
}

const STATUS_ORDER = ['accepted', 'completed', 'under_construction', 'planned'] as const;
const STATUS_COLOURS: Record<(typeof STATUS_ORDER)[number], string> = { accepted: SCREEN.good, completed: SCREEN.accent, under_construction: SCREEN.warn, planned: SCREEN.muted };

/** Renovation progress: alleys and courtyard buildings, stacked by status. */
export function renovationOption(items: RenovationItem[], names: { kinds: Record<RenovationItem['layerId'], string>; statuses: Record<string, string> }, text: ChartText = {}): OverviewChartOption {
  const kinds = ['alley-renovations', 'courtyard-buildings'] as const;
  return {
    tooltip: { ...tooltip(text), axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, textStyle: { color: SCREEN.text, fontSize: size(12, text) }, itemWidth: 12, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 8, bottom: 30, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText(text), splitLine },
    yAxis: { type: 'category', data: kinds.map((k) => names.kinds[k]), axisLabel: { ...axisText(text), color: SCREEN.text, interval: 0 }, axisTick: { show: false } },
    series: STATUS_ORDER.map((status): BarSeriesOption => ({
      type: 'bar', stack: 'status', name: names.statuses[status] ?? status, barMaxWidth: 22,
      itemStyle: { color: STATUS_COLOURS[status] },
      data: kinds.map((k) => items.filter((i) => i.layerId === k && i.status === status).length),
    })),
  };
}
