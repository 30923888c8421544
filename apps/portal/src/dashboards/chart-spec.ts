/** What a dashboard chart draws: categories on the x axis, bar or line series on one or two y axes. */
export interface ChartSpec {
  readonly categories: readonly string[];
  readonly axes: readonly [string] | readonly [string, string];
  readonly series: readonly ChartSeries[];
}

export interface ChartSeries {
  readonly name: string;
  readonly kind: 'bar' | 'line';
  readonly values: readonly (number | null)[];
  /** 1: the second (right) axis. */
  readonly axis?: 0 | 1;
  /** Bars of the same stack pile up. */
  readonly stack?: string;
}

/** Series colours with at least 3:1 contrast against white (WCAG 1.4.11, non-text contrast). */
export const CHART_COLOURS = ['#1d4ed8', '#b45309', '#047857', '#b91c1c', '#6d28d9', '#0e7490'] as const;
