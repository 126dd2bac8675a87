import { describe, expect, it } from 'vitest';
import { stackedBarChart } from '../../src/admin/charts/stacked-bar-chart.ts';

const series = [
  { label: 'On time', color: '#1a7f4b' },
  { label: 'Late', color: '#e0a100' },
  { label: 'Missing', color: '#b3261e' },
];

/** The bars' rectangles (not the legend's), with their numbers. */
function segments(svg: string) {
  return [
    ...svg.matchAll(
      /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="([^"]+)"><title>([^<]*)<\/title>/g,
    ),
  ].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    height: Number(m[4]),
    fill: m[5],
    title: m[6],
  }));
}

describe('stackedBarChart', () => {
  it('stacks each bar from the bottom, heights in proportion to the values', () => {
    const svg = stackedBarChart({
      title: 'Submissions per week',
      description: 'd',
      series,
      bars: [
        { label: '12/10', values: [6, 0, 0] },
        { label: '19/10', values: [3, 2, 1] },
      ],
    }).value;
    const rects = segments(svg);
    expect(rects.map((r) => r.title)).toEqual([
      '12/10: On time 6',
      '19/10: On time 3',
      '19/10: Late 2',
      '19/10: Missing 1',
    ]);
    const [full, onTime, late, missing] = rects;
    expect(onTime!.height).toBeCloseTo(full!.height / 2, 0);
    expect(late!.height).toBeCloseTo(full!.height / 3, 0);
    expect(missing!.height).toBeCloseTo(full!.height / 6, 0);
    // Each segment sits on the one below it.
    expect(late!.y + late!.height).toBeCloseTo(onTime!.y, 0);
    expect(missing!.y + missing!.height).toBeCloseTo(late!.y, 0);
    expect(missing!.y).toBeCloseTo(full!.y, 0);
  });

  it('is labelled for screen readers and escapes every text', () => {
    const svg = stackedBarChart({
      title: 'Rendus <b>',
      description: 'semaine du 12 : 6 "à l\'heure"',
      series,
      bars: [{ label: '<script>', values: [1, 1, 1] }],
    }).value;
    expect(svg).toContain('role="img"');
    const [titleId, descId] = /aria-labelledby="([\w-]+) ([\w-]+)"/.exec(svg)!.slice(1);
    expect(titleId).toMatch(/^chart-rendus-b-\w+-title$/);
    expect(svg).toContain(`<title id="${titleId}">Rendus &lt;b&gt;</title>`);
    expect(svg).toContain(`<desc id="${descId}">semaine du 12 : 6 &quot;à l&#39;heure&quot;</desc>`);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('gives two charts on one page ids of their own, even with the same title', () => {
    const draw = () =>
      stackedBarChart({
        title: 'Rendus par semaine',
        description: 'd',
        series,
        bars: [{ label: 'w1', values: [1, 0, 0] }],
      }).value;
    const ids = [draw(), draw(), draw()].flatMap((svg) => [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('draws an empty chart without dividing by zero', () => {
    const svg = stackedBarChart({
      title: 'Empty',
      description: 'nothing',
      series,
      bars: [{ label: 'w1', values: [0, 0, 0] }],
    }).value;
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(segments(svg)).toEqual([]);
  });
});
