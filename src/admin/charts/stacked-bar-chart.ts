import { html, raw, type SafeHtml } from '../html.ts';
import { uniqueChartId } from './chart-id.ts';

interface StackedBarSeries {
  label: string;
  /** A fill colour; the legend repeats the label so colour is never the only cue. */
  color: string;
}

interface StackedBarChart {
  /** Read by screen readers (the SVG's <title>) and shown as the figure caption. */
  title: string;
  /** A sentence giving the figures, for screen readers (<desc>). */
  description: string;
  series: StackedBarSeries[];
  /** One bar per label; `values` in the order of `series`. */
  bars: { label: string; values: number[] }[];
}

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 12, bottom: 56, left: 40 };
const LEGEND_ROW = 20;

/**
 * A stacked bar chart as inline SVG, drawn on the server: no script and no library, so it
 * works on a slow phone. The caller puts a table with the same figures next to it.
 */
export function stackedBarChart(chart: StackedBarChart): SafeHtml {
  const id = uniqueChartId('chart', chart.title);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom - LEGEND_ROW;
  const max = Math.max(1, ...chart.bars.map((bar) => sum(bar.values)));
  const ticks = niceTicks(max);
  const top = ticks.at(-1)!;
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(1, chart.bars.length);
  const barWidth = Math.min(48, slot * 0.7);

  const grid = ticks.map(
    (tick) =>
      html`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${num(y(tick))}" y2="${num(y(tick))}" stroke="#dde1e7"/><text x="${MARGIN.left - 6}" y="${num(y(tick) + 4)}" text-anchor="end" font-size="11" fill="#5b6573">${tick}</text>`,
  );
  const bars = chart.bars.map((bar, index) => {
    const x = MARGIN.left + slot * index + (slot - barWidth) / 2;
    let base = 0;
    const segments = bar.values.map((value, series) => {
      if (value <= 0) return html``;
      const from = base;
      base += value;
      const s = chart.series[series]!;
      return html`<rect x="${num(x)}" y="${num(y(base))}" width="${num(barWidth)}" height="${num(y(from) - y(base))}" fill="${s.color}"><title>${bar.label}: ${s.label} ${value}</title></rect>`;
    });
    const labelX = num(x + barWidth / 2);
    return html`<g>${segments}<text x="${labelX}" y="${HEIGHT - MARGIN.bottom - LEGEND_ROW + 16}" text-anchor="middle" font-size="11" fill="#1d2430">${bar.label}</text></g>`;
  });
  const legendWidth = WIDTH / Math.max(1, chart.series.length);
  const legend = chart.series.map(
    (s, index) =>
      html`<g class="legend"><rect x="${num(MARGIN.left + legendWidth * index)}" y="${HEIGHT - LEGEND_ROW}" width="12" height="12" fill="${s.color}"/><text x="${num(MARGIN.left + legendWidth * index + 18)}" y="${HEIGHT - LEGEND_ROW + 11}" font-size="12" fill="#1d2430">${s.label}</text></g>`,
  );
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" class="chart">
<title id="${id}-title">${chart.title}</title>
<desc id="${id}-desc">${chart.description}</desc>
${grid}
<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${num(y(0))}" y2="${num(y(0))}" stroke="#5b6573"/>
${bars}
${legend}
</svg>`;
}

/** Up to five round steps from 0 to at least `max`. */
function niceTicks(max: number): number[] {
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude,
  );
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) ticks.push(tick);
  return ticks;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Short coordinates keep the SVG small. */
function num(value: number): SafeHtml {
  return raw(String(Math.round(value * 10) / 10));
}
