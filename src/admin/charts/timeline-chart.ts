import { html, raw, type SafeHtml } from '../html.ts';
import { uniqueChartId } from './chart-id.ts';

/** What happened to a participant, and when: one mark on the timeline. */
export interface TimelineEvent {
  at: Date;
  kind: TimelineEventKind;
  /** Shown when the mark is hovered or read by a screen reader (e.g. the exercise's title). */
  label: string;
}

type TimelineEventKind = 'release' | 'on_time' | 'late' | 'missed' | 'check_in';

interface TimelineChartInput {
  events: TimelineEvent[];
  /** The instant the chart's vertical "now" line marks; it also stretches the span to include it. */
  now: Date;
  /** Names of the chart, its two rows and each kind of mark, in the viewer's language. */
  labels: { title: string; exercises: string; checkIns: string; now: string } & Record<TimelineEventKind, string>;
  /** Writes a tick's date (the caller knows the language and the time zone). */
  formatDate: (instant: Date) => string;
}

const LEFT = 110;
const RIGHT = 16;
const ROW_HEIGHT = 34;
const TOP = 34;
const DAY_MS = 24 * 60 * 60 * 1000;
const LEGEND_ROW_HEIGHT = 20;

/**
 * An SVG scales its text with its width: drawn 720 wide, a 12-unit label is 6 px on a phone. So
 * the chart is drawn twice, for a laptop and for a phone, and the page's stylesheet shows the one
 * that fits (`.timeline-wide` / `.timeline-narrow`); either way a label is 11 px or more.
 */
const LAYOUTS = [
  { className: 'timeline-wide', width: 720, ticks: 5, legendColumns: 5 },
  { className: 'timeline-narrow', width: 360, ticks: 3, legendColumns: 2 },
] as const;
type Layout = (typeof LAYOUTS)[number];

/** Colour and shape both tell a kind apart, so the chart reads in black and white too. */
const MARKS: Record<
  TimelineEventKind,
  { row: 0 | 1; colour: string; shape: 'ring' | 'dot' | 'square' | 'cross' | 'diamond' }
> = {
  release: { row: 0, colour: '#6b7280', shape: 'ring' },
  on_time: { row: 0, colour: '#15803d', shape: 'dot' },
  late: { row: 0, colour: '#c2410c', shape: 'square' },
  missed: { row: 0, colour: '#b91c1c', shape: 'cross' },
  check_in: { row: 1, colour: '#1d4ed8', shape: 'diamond' },
};

/**
 * A participant's timeline as an inline SVG (no script, no library): exercises released,
 * handed in on time or late, missed, and mentor check-ins, on one time axis with "now" marked.
 * It scales to the width of the page, so it reads on a phone.
 */
export function timelineChart(input: TimelineChartInput): SafeHtml {
  return html`${LAYOUTS.map((layout) => drawTimeline(input, layout))}`;
}

function drawTimeline(input: TimelineChartInput, layout: Layout): SafeHtml {
  const { events, labels, now } = input;
  const { width, ticks: tickCount, legendColumns } = layout;
  const times = [...events.map((event) => event.at.getTime()), now.getTime()];
  let from = Math.min(...times);
  let to = Math.max(...times);
  // A day either side keeps marks off the edges, and gives a lone event a span to sit in.
  from -= DAY_MS;
  to += DAY_MS;
  const x = (instant: Date) => LEFT + ((instant.getTime() - from) / (to - from)) * (width - LEFT - RIGHT);
  const rowY = (row: 0 | 1) => TOP + row * ROW_HEIGHT + ROW_HEIGHT / 2;
  const axisY = TOP + 2 * ROW_HEIGHT + 6;
  const legendKinds = Object.keys(MARKS) as TimelineEventKind[];
  const legendRows = Math.ceil(legendKinds.length / legendColumns);
  const height = axisY + 32 + legendRows * LEGEND_ROW_HEIGHT;

  const ticks = Array.from(
    { length: tickCount },
    (_, index) => new Date(from + ((to - from) * index) / (tickCount - 1)),
  );
  const id = uniqueChartId('timeline', labels.title);

  return html`<svg class="timeline ${layout.className}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title" font-family="system-ui, sans-serif" font-size="12">
<title id="${id}-title">${labels.title}</title>
<rect x="${LEFT}" y="${TOP}" width="${width - LEFT - RIGHT}" height="${ROW_HEIGHT}" fill="#f3f4f6"/>
<rect x="${LEFT}" y="${TOP + ROW_HEIGHT}" width="${width - LEFT - RIGHT}" height="${ROW_HEIGHT}" fill="#f9fafb"/>
<text x="${LEFT - 8}" y="${rowY(0) + 4}" text-anchor="end">${labels.exercises}</text>
<text x="${LEFT - 8}" y="${rowY(1) + 4}" text-anchor="end">${labels.checkIns}</text>
<line x1="${LEFT}" y1="${axisY}" x2="${width - RIGHT}" y2="${axisY}" stroke="#9ca3af"/>
${ticks.map(
  (tick, index) =>
    html`<line x1="${round(x(tick))}" y1="${axisY}" x2="${round(x(tick))}" y2="${axisY + 4}" stroke="#9ca3af"/><text x="${round(x(tick))}" y="${axisY + 16}" text-anchor="${index === 0 ? 'start' : index === tickCount - 1 ? 'end' : 'middle'}" fill="#374151">${input.formatDate(tick)}</text>`,
)}
<g class="timeline-now"><line x1="${round(x(now))}" y1="${TOP - 6}" x2="${round(x(now))}" y2="${axisY}" stroke="#111827" stroke-dasharray="3 3"/><text x="${round(x(now))}" y="${TOP - 10}" text-anchor="${x(now) > width - 80 ? 'end' : 'middle'}">${labels.now}</text></g>
${events.map((event) => html`<g class="timeline-${event.kind}"><title>${event.label}</title>${mark(event.kind, x(event.at), rowY(MARKS[event.kind].row))}</g>`)}
<g class="timeline-legend">${legendKinds.map((kind, index) => {
    const left = 8 + (index % legendColumns) * ((width - 16) / legendColumns);
    const y = axisY + 36 + Math.floor(index / legendColumns) * LEGEND_ROW_HEIGHT;
    return html`${mark(kind, left + 6, y)}<text x="${round(left + 16)}" y="${y + 4}">${labels[kind]}</text>`;
  })}</g>
</svg>`;
}

/** A mark drawn around 0,0, moved into place: the shape does not depend on where it goes. */
function mark(kind: TimelineEventKind, cx: number, cy: number): SafeHtml {
  const { colour, shape } = MARKS[kind];
  return raw(`<g transform="translate(${round(cx)} ${round(cy)})">${SHAPES[shape](colour)}</g>`);
}

const SHAPES: Record<(typeof MARKS)[TimelineEventKind]['shape'], (colour: string) => string> = {
  ring: (colour) => `<circle r="5" fill="#fff" stroke="${colour}" stroke-width="2"/>`,
  dot: (colour) => `<circle r="6" fill="${colour}"/>`,
  square: (colour) => `<rect x="-5" y="-5" width="10" height="10" fill="${colour}"/>`,
  cross: (colour) => `<path d="M-5 -5L5 5M5 -5L-5 5" stroke="${colour}" stroke-width="2.5"/>`,
  diamond: (colour) => `<path d="M0 -7L7 0L0 7L-7 0Z" fill="${colour}"/>`,
};

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
