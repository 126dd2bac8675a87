let drawn = 0;

/**
 * An id for a chart's <title> and <desc> that no other chart in the page shares, so that each
 * chart's aria-labelledby names its own (two charts with the same title, or two timelines, on one
 * page would otherwise point to the first one's). Readable: it starts with a slug of `name`.
 */
export function uniqueChartId(prefix: string, name: string): string {
  drawn += 1;
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `${prefix}-${slug ? `${slug}-` : ''}${drawn.toString(36)}`;
}
