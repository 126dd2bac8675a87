/** The longest address the language switch brings a viewer back to; anything longer goes home. */
const BACK_PATH_MAX_CHARS = 2000;

/**
 * Where a form may send the viewer back to: a path of the dashboard, given by the page itself
 * (`/admin/participants?q=awa`), else `fallback`. Never another site (`//evil.example`,
 * `/\evil.example`, `https://…`), never a header broken by a line end.
 */
export function safeBackPath(value: unknown, fallback = '/admin'): string {
  if (typeof value !== 'string' || value.length > BACK_PATH_MAX_CHARS) return fallback;
  if (!/^\/admin(?:[/?#]|$)/.test(value)) return fallback;
  // Control characters and backslashes could make a browser read the address as another site's.
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char === '\u007f' || char === '\\')) return fallback;
  if (value.includes('//')) return fallback;
  return value;
}

/**
 * The page the language switch brings a viewer back to. A page shown in answer to a form (a
 * preview, a form again with its mistakes) has no address of its own to reload: the switch goes to
 * the page above it (`/admin/broadcasts/preview` → `/admin/broadcasts`), since the draft in the
 * form cannot be kept anyway.
 */
export function pageAddress(method: string, url: string): string {
  if (method === 'GET' || method === 'HEAD') return url;
  const path = url.split('?')[0]!.replace(/\/+$/, '');
  const parent = path.slice(0, path.lastIndexOf('/'));
  return parent.startsWith('/admin') ? parent : '/admin';
}
