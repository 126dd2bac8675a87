import type { ApplicationDecision } from '../../store/applications/list-applications.ts';
import { html, raw, type SafeHtml } from '../html.ts';
import type { AdminTranslate } from '../layout.ts';

/** The mean grade as "3.5 / 5" in the viewer's language; a dash before the first review. */
export function averageText(average: number | null, scale: number, language: string): string {
  if (average === null) return '—';
  return `${average.toLocaleString(language, { maximumFractionDigits: 1 })} / ${scale}`;
}

/** An instant in few characters ("16/11/2026 08:00"), for the list's narrow column. */
export function shortDateTime(at: Date, timeZone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', timeZone }).format(at);
}

/** A decision as a coloured word; "not decided" in grey. */
export function decisionBadge(decision: ApplicationDecision | null, t: AdminTranslate): SafeHtml {
  return html`<span class="badge decision-${decision ?? 'none'}">${t(`dashboard-applications:decision.${decision ?? 'none'}`)}</span>`;
}

/** The applications pages' own styles: large touch targets, nothing wider than a phone. */
export const APPLICATIONS_STYLE = raw(`<style>
.badge{font-size:.8125rem;padding:.05rem .4rem;border-radius:4px;background:#e8ebf0;white-space:nowrap}
.call-open,.decision-accepted{background:#dff3e4;color:#17602a}
.call-closed,.decision-declined{background:#f6e3e1;color:#8a1f17}
.decision-waiting_list,.call-not_open{background:#fdf0d5;color:#7a4b00}
.star{color:#b07800}
.applications .badge{white-space:normal;display:inline-block}
.applications td{font-size:.875rem}
.apply-links{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem}
.apply-links figure{margin:0;text-align:center;font-size:.875rem}
.apply-links svg.qr{width:8rem;height:8rem;max-height:none}
.link{overflow-wrap:anywhere}
.countries{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.25rem .75rem}
.countries li{display:flex;justify-content:space-between;border-bottom:1px solid #dde1e7;padding:.2rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0}
.filters label{display:flex;flex-direction:column;font-size:.875rem;flex:1 1 9rem}
.filters select,.filters button{min-height:2.75rem}
.applications a{display:inline-block;padding:.2rem 0}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .75rem;margin:0 0 1rem}
.facts dt{color:#5b6573}.facts dd{margin:0}
.answers dt{font-weight:600;margin-top:.75rem}.answers dd{margin:.25rem 0 0}
.answers img.answer-photo{max-width:100%;max-height:20rem;border-radius:4px}
.answers audio,.answers video{max-width:100%}
.card{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.5rem .75rem;margin:.75rem 0}
.card form{margin:.5rem 0}
.card select,.card textarea{width:100%;max-width:30rem}
.card select{min-height:2.75rem}
.decisions input[type=radio]{width:1.25rem;height:1.25rem}
.card button{min-height:2.75rem}
.field-error{display:block;color:#b3261e}
.invalid select,.invalid textarea{border:2px solid #b3261e}
.decisions label{display:flex;gap:.5rem;align-items:center;min-height:2.75rem}
.preview{border-left:3px solid #1f5fbf;padding:.25rem .75rem;background:#f6f7f9;white-space:pre-wrap}
button.danger{background:#b3261e;border-color:#b3261e}
</style>`);
