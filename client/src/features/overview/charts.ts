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
const axisText = { color: SCREEN.muted, fontSize: 13 };
const splitLine = { lineStyle: { color: SCREEN.grid } };
const tooltip: TooltipComponentOption = { trigger: 'axis', backgroundColor: 'rgba(10,22,40,0.92)', borderColor: '#24405f', textStyle: { color: SCREEN.text } };

/** Cases registered per month: a line with an area. */
export function monthOption(points: SeriesPoint[]): OverviewChartOption {
  return {
    tooltip, grid: { left: 44, right: 12, top: 16, bottom: 28 },
    xAxis: { type: 'category', data: points.map((p) => p.key.slice(5)), axisLabel: axisText, axisLine: { lineStyle: { color: SCREEN.grid } } },
    yAxis: { type: 'value', axisLabel: axisText, splitLine },
    series: [{ type: 'line', data: points.map((p) => p.value), smooth: true, symbolSize: 6, itemStyle: { color: SCREEN.accent }, areaStyle: { color: 'rgba(63,182,255,0.18)' } }],
  };
}

/** A ranked horizontal bar chart, largest on top; `selected` is drawn in the highlight colour. */
export function rankedOption(points: SeriesPoint[], lang: Lang, options: { selected?: string | null; unit?: string; max?: number } = {}): OverviewChartOption {
  const rows = [...points].reverse();
  return {
    tooltip: { ...tooltip, valueFormatter: (v) => `${String(v)}${options.unit ?? ''}` },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: options.max, axisLabel: { show: false }, splitLine },
    yAxis: { type: 'category', data: rows.map((p) => label(p.label, lang)), axisLabel: { ...axisText, color: SCREEN.text, width: 150, overflow: 'truncate', interval: 0 }, axisTick: { show: false } },
    series: [{
      type: 'bar', barMaxWidth: 16, cursor: options.selected === undefined ? 'default' : 'pointer',
      data: rows.map((p) => ({ value: p.value, name: p.key, itemStyle: { color: p.key === options.selected ? SCREEN.highlight : SCREEN.accent, borderRadius: [0, 3, 3, 0] } })),
      label: { show: true, position: 'right', color: SCREEN.text, formatter: `{c}${options.unit ?? ''}` },
    }],
  };
}

const STATUS_ORDER = ['accepted', 'completed', 'under_construction', 'planned'] as const;
const STATUS_COLOURS: Record<(typeof STATUS_ORDER)[number], string> = { accepted: SCREEN.good, completed: SCREEN.accent, under_construction: SCREEN.warn, planned: SCREEN.muted };

/** Renovation progress: alleys and courtyard buildings, stacked by status. */
export function renovationOption(items: RenovationItem[], names: { kinds: Record<RenovationItem['layerId'], string>; statuses: Record<string, string> }): OverviewChartOption {
  const kinds = ['alley-renovations', 'courtyard-buildings'] as const;
  return {
    tooltip: { ...tooltip, axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, textStyle: { color: SCREEN.text, fontSize: 12 }, itemWidth: 12, itemHeight: 10 },
    grid: { left: 8, right: 16, top: 8, bottom: 30, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    yAxis: { type: 'category', data: kinds.map((k) => names.kinds[k]), axisLabel: { ...axisText, color: SCREEN.text }, axisTick: { show: false } },
    series: STATUS_ORDER.map((status): BarSeriesOption => ({
      type: 'bar', stack: 'status', name: names.statuses[status] ?? status, barMaxWidth: 22,
      itemStyle: { color: STATUS_COLOURS[status] },
      data: kinds.map((k) => items.filter((i) => i.layerId === k && i.status === status).length),
    })),
  };
}
