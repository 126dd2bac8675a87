/** HTML that is already escaped (or written by us): inserted into a template as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Marks a string as safe HTML. Only for markup we wrote, never for anything a person typed. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * The dashboard's only way of writing HTML: every interpolated value is escaped unless it is
 * `SafeHtml` (another `html` fragment). Arrays are joined; null, undefined and false write nothing.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  // Pages interpolate strings, numbers and dates; anything else is a mistake shown as text.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return escapeHtml(String(value));
}
