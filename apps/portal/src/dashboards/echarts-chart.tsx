import { BarChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { init, use } from 'echarts/core';
import type { ComposeOption, ECharts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartSpec } from './chart-spec';
import { CHART_COLOURS } from './chart-spec';

// Only what the dashboards draw: this module is its own chunk, loaded by the dashboards page.
use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

function optionOf(spec: ChartSpec): Option {
  return {
    color: [...CHART_COLOURS],
    animation: false,
    aria: { enabled: false },
    // Drawn on the canvas: the HTML tooltip's inline styles are refused by the portal's CSP (style-src 'self').
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { top: 0, textStyle: { color: '#1f2937' } },
    grid: { left: 48, right: spec.axes.length > 1 ? 48 : 16, top: 40, bottom: 32, containLabel: true },
    xAxis: { type: 'category', data: [...spec.categories], axisLabel: { color: '#374151' } },
    yAxis: spec.axes.map((name) => ({ type: 'value' as const, name, nameTextStyle: { color: '#374151' }, axisLabel: { color: '#374151' } })),
    series: spec.series.map((series) =>
      series.kind === 'bar'
        ? ({ type: 'bar', name: series.name, data: [...series.values], yAxisIndex: series.axis ?? 0, ...(series.stack === undefined ? {} : { stack: series.stack }) } satisfies BarSeriesOption)
        : ({ type: 'line', name: series.name, data: [...series.values], yAxisIndex: series.axis ?? 0, connectNulls: false } satisfies LineSeriesOption),
    ),
  };
}

/** An echarts chart (SVG) of `spec`; the page shows the same figures as a table, the chart is an image of it. */
export default function EchartsChart({ spec, label }: { spec: ChartSpec; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);
  useEffect(() => {
    if (element.current === null) return undefined;
    const instance = init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(optionOf(spec), true);
  }, [spec]);
  return <div ref={element} className="chart" role="img" aria-label={label} />;
}
