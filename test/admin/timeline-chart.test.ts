import { describe, expect, it } from 'vitest';
import { timelineChart, type TimelineEvent } from '../../src/admin/charts/timeline-chart.ts';

const labels = {
  title: 'Timeline of Awa',
  exercises: 'Exercises',
  checkIns: 'Check-ins',
  now: 'now',
  release: 'released',
  on_time: 'on time',
  late: 'late',
  missed: 'missed',
  check_in: 'check-in',
};

/** Both drawings: the laptop's, then the phone's. */
function drawings(events: TimelineEvent[], now = new Date('2027-02-01T12:00:00Z')): [string, string] {
  const both = timelineChart({
    events,
    now,
    labels,
    formatDate: (instant) => instant.toISOString().slice(5, 10),
  }).value;
  const [wide, narrow] = both.split(/(?=<svg )/);
  return [wide!, narrow!];
}

/** The laptop's drawing. */
function chart(events: TimelineEvent[], now?: Date): string {
  return drawings(events, now)[0];
}

/** The x of each mark of a kind, in document order. */
function xs(svg: string, kind: string): number[] {
  return [
    ...svg.matchAll(
      new RegExp(`<g class="timeline-${kind}"><title>[^<]*</title><g transform="translate\\(([\\d.]+) `, 'g'),
    ),
  ].map((m) => Number(m[1]));
}

describe('timelineChart', () => {
  const events: TimelineEvent[] = [
    { at: new Date('2027-01-11T09:00:00Z'), kind: 'release', label: 'Released: Week 1' },
    { at: new Date('2027-01-14T18:00:00Z'), kind: 'on_time', label: 'On time: Week 1' },
    { at: new Date('2027-01-18T09:00:00Z'), kind: 'release', label: 'Released: Week 2' },
    { at: new Date('2027-01-26T10:00:00Z'), kind: 'late', label: 'Late: Week 2' },
    { at: new Date('2027-01-31T23:59:00Z'), kind: 'missed', label: 'Missed: Week 3' },
    { at: new Date('2027-01-20T15:00:00Z'), kind: 'check_in', label: 'Check-in by Moussa: on track' },
  ];

  it('gives two timelines on one page ids of their own', () => {
    const [first, second] = [chart(events), chart(events)];
    const idOf = (svg: string) => /<title id="([^"]+)">/.exec(svg)![1];
    expect(idOf(first)).not.toBe(idOf(second));
    expect(first).toContain(`aria-labelledby="${idOf(first)}"`);
  });

  it('draws one mark per event, named for hovering and screen readers, in time order', () => {
    const svg = chart(events);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    const id = /aria-labelledby="([\w-]+)"/.exec(svg)![1];
    expect(svg).toContain(`<title id="${id}">Timeline of Awa</title>`);
    for (const event of events) expect(svg).toContain(`<title>${event.label}</title>`);
    const releases = xs(svg, 'release');
    expect(releases).toHaveLength(2);
    expect(releases[0]!).toBeLessThan(releases[1]!);
    expect(xs(svg, 'on_time')[0]!).toBeLessThan(xs(svg, 'late')[0]!);
    expect(xs(svg, 'late')[0]!).toBeLessThan(xs(svg, 'missed')[0]!);
    expect(xs(svg, 'check_in')).toHaveLength(1);
  });

  it('draws a narrower copy for a phone, with the same marks and its legend on several rows', () => {
    const [wide, narrow] = drawings(events);
    expect(wide).toContain('class="timeline timeline-wide"');
    expect(narrow).toContain('class="timeline timeline-narrow"');
    expect(narrow).toContain('viewBox="0 0 360 ');
    for (const kind of ['release', 'on_time', 'late', 'missed', 'check_in'])
      expect(xs(narrow, kind)).toHaveLength(xs(wide, kind).length);
    const legendRows = (svg: string) =>
      new Set([...svg.split('timeline-legend')[1]!.matchAll(/<text x="[\d.]+" y="([\d.]+)"/g)].map((m) => m[1])).size;
    expect(legendRows(wide)).toBe(1);
    expect(legendRows(narrow)).toBe(3);
  });

  it('marks now, to the right of everything that has happened', () => {
    const svg = chart(events);
    const nowX = Number(/<g class="timeline-now"><line x1="([\d.]+)"/.exec(svg)?.[1]);
    expect(nowX).toBeGreaterThan(xs(svg, 'missed')[0]!);
    expect(svg).toContain('>now</text>');
  });

  it('escapes what people wrote and fetches nothing', () => {
    const svg = chart([
      { at: new Date('2027-01-11T09:00:00Z'), kind: 'release', label: '<script>alert(1)</script> & co' },
    ]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(svg.replaceAll('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:|href=/);
  });

  it('draws an empty timeline with only now when nothing happened yet', () => {
    const svg = chart([]);
    expect(svg).toContain('class="timeline-now"');
    expect(xs(svg, 'release')).toEqual([]);
  });
});
