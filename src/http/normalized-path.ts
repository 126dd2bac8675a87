/**
 * The path of a request URL as a router may read it: percent-decoded (twice-encoded too),
 * backslashes and `//` read as `/`, no trailing slash. Access rules and log redaction judge this,
 * not the bytes sent, so that `/admin/queues/%6Danage` counts as `/admin/queues/manage`.
 */
export function normalizedPath(url: string): string {
  let path = url.split('?')[0]!;
  for (let round = 0; round < 3 && path.includes('%'); round++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      break;
    }
  }
  path = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}
