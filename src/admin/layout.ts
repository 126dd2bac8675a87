import { otherLanguage } from '../domain/dashboard-language.ts';
import type { Language } from '../domain/programme/language.ts';
import type { AdminDependencies } from './admin-dependencies.ts';
import { html, raw, type SafeHtml } from './html.ts';
import type { Viewer } from './viewer.ts';

/** Translates a dashboard string (`namespace:key`) into the viewer's language. */
export type AdminTranslate = (key: string, values?: Record<string, unknown>) => string;

/** The form field every dashboard form carries; the core checks it on every POST. */
export const CSRF_FIELD = '_csrf';

/** Sections of the navigation; a page passes its own to `renderPage` so the link is marked current. */
const STAFF_SECTIONS = [
  ['cohorts', '/admin', 'dashboard:nav_cohorts'],
  ['participants', '/admin/participants', 'dashboard:nav_participants'],
  ['applications', '/admin/applications', 'dashboard-applications:nav'],
  ['invites', '/admin/invites', 'dashboard:nav_invites'],
  ['broadcasts', '/admin/broadcasts', 'dashboard:nav_broadcasts'],
  ['sessions', '/admin/sessions', 'dashboard-sessions:list.nav'],
  ['schedule', '/admin/schedule', 'dashboard:nav_schedule'],
  ['mentors', '/admin/mentors', 'dashboard:nav_mentors'],
  ['selection', '/admin/selection', 'dashboard:nav_selection'],
  ['programme', '/admin/programme', 'dashboard:nav_programme'],
  ['audit', '/admin/audit', 'dashboard:nav_audit'],
  ['queues', '/admin/queues', 'dashboard:nav_queues'],
] as const;
const MENTOR_SECTIONS = [['mentees', '/admin', 'dashboard:nav_my_mentees']] as const;
/** A trainer's: their hubs' cohort overview, participants and sessions (nothing programme-wide). */
const TRAINER_SECTIONS = [
  ['cohorts', '/admin', 'dashboard:nav_cohorts'],
  ['participants', '/admin/participants', 'dashboard:nav_participants'],
  ['sessions', '/admin/sessions', 'dashboard-sessions:list.nav'],
] as const;
/** The help-desk inbox: every role answers its own people there. */
const INBOX_SECTION = ['inbox', '/admin/inbox', 'dashboard-inbox:nav'] as const;

/**
 * One small stylesheet, inline (the CSP allows inline styles only): readable on a phone, light
 * on a slow connection, nothing fetched from elsewhere.
 */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;background:#f6f7f9}
a{color:#1f5fbf}
header{background:#1d2430;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
header a{color:#fff}
header form{margin:0}
header .who{flex:1 1 auto}
.brand{font-weight:600;text-decoration:none}
.who{font-size:.875rem;opacity:.85}
nav ul{list-style:none;margin:0;padding:.25rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;background:#e8ebf0}
nav a{display:inline-block;padding:.35rem 0;text-decoration:none}
nav a[aria-current=page]{font-weight:600;text-decoration:underline}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
/* A table wider than the screen scrolls in its box, and a shadow shows on the side where more of it
   is: white covers that move with the table hide each shadow once that side's end is in view. */
.table{overflow-x:auto;background:linear-gradient(to right,#fff 30%,#fff0) 0 0/2rem 100% no-repeat local,linear-gradient(to left,#fff 30%,#fff0) 100% 0/2rem 100% no-repeat local,radial-gradient(farthest-side at 0 50%,#0005,#0000) 0 0/.9rem 100% no-repeat scroll,radial-gradient(farthest-side at 100% 50%,#0005,#0000) 100% 0/.9rem 100% no-repeat scroll #fff}
table{border-collapse:collapse;width:100%;font-size:.9375rem}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #dde1e7;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(8rem,1fr));gap:.5rem;margin:0;padding:0;list-style:none}
.cards li{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.5rem .75rem}
.cards b{display:block;font-size:1.5rem}
button,.button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1f5fbf;background:#1f5fbf;color:#fff;cursor:pointer}
button.secondary,.button.secondary{background:#fff;color:#1f5fbf}
header button{padding:.25rem .75rem;background:transparent;border-color:#fff}
input,select,textarea{font:inherit;padding:.4rem;max-width:100%}
.muted{color:#5b6573}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.25rem .5rem}
.notice{background:#fff;border-left:4px solid #1f5fbf;padding:.75rem 1rem}
.error{border-left-color:#b3261e}
figure{margin:0 0 1rem;background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.5rem}
figure svg{width:100%;height:auto;max-height:22rem}
svg.timeline-narrow{display:none}
@media (max-width:45rem){svg.timeline-wide{display:none}svg.timeline-narrow{display:block}}
details{margin:.5rem 0}
.pager{display:flex;gap:1rem;margin:1rem 0}
td code{overflow-wrap:anywhere;white-space:pre-wrap}
@media (max-width:30rem){body{font-size:15px}main{padding:.5rem}th,td{padding:.3rem}}
`;

/** The whole HTML page around a page's body: header, navigation for the viewer's role, sign-out. */
export function renderPage(
  viewer: Viewer,
  t: AdminTranslate,
  page: { title: string; body: SafeHtml; section?: string },
): string {
  const sections =
    viewer.role === 'staff' ? STAFF_SECTIONS : viewer.role === 'trainer' ? TRAINER_SECTIONS : MENTOR_SECTIONS;
  const navigation = html`<nav aria-label="${t('dashboard:nav_label')}"><ul>${[...sections, INBOX_SECTION].map(
    ([section, href, key]) =>
      html`<li><a href="${href}"${page.section === section ? raw(' aria-current="page"') : ''}>${t(key)}</a></li>`,
  )}</ul></nav>`;
  const header = html`<header>
<a class="brand" href="/admin">${t('dashboard:title')}</a>
<a class="who" href="/admin/me" title="${t('dashboard-profile:link')}">${t('dashboard:signed_in_as', { name: viewer.name })} · ${t(`dashboard:role_${viewer.role}`)}</a>
<form method="post" action="/admin/sign-out">${csrfField(viewer)}<button type="submit">${t('dashboard:sign_out')}</button></form>
${languageSwitch(viewer, t)}
</header>
${navigation}`;
  return document(viewer.language, t, page.title, header, page.body);
}

/**
 * A page for someone not signed in (sign-in, errors before a session): no navigation; a link to
 * read it in the other language (the same address with `?lang=`, which the bare pages read first).
 */
export function renderBarePage(language: Language, t: AdminTranslate, page: { title: string; body: SafeHtml }): string {
  const other = otherLanguage(language);
  const header = html`<header><span class="brand">${t('dashboard:title')}</span>
<a class="language" href="?lang=${other}" hreflang="${other}" lang="${other}">${t(`dashboard:language_name_${other}`)}</a></header>`;
  return document(language, t, page.title, header, page.body);
}

/**
 * The header's switch to the other language: a form (no script needed) naming that language in
 * itself ("English" on a French page), which comes back to the page being read.
 */
function languageSwitch(viewer: Viewer, t: AdminTranslate): SafeHtml {
  const other = otherLanguage(viewer.language);
  return html`<form method="post" action="/admin/language">${csrfField(viewer)}<input type="hidden" name="language" value="${other}"><input type="hidden" name="back" value="${viewer.path}"><button type="submit" lang="${other}" title="${t(`dashboard:language_switch_title_${other}`)}">${t(`dashboard:language_name_${other}`)}</button></form>`;
}

/** The hidden field every dashboard form must carry. */
export function csrfField(viewer: Viewer): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${viewer.csrfToken}">`;
}

/** The dashboard's translate function for this viewer's language. */
export function adminTranslate(deps: AdminDependencies, viewer: Viewer): AdminTranslate {
  return translateIn(deps, viewer.language);
}

/** The dashboard's translate function for a language (pages shown before anyone is signed in). */
export function translateIn(deps: Pick<AdminDependencies, 'translate'>, language: Language): AdminTranslate {
  return (key, values) => deps.translate(language, key, values);
}

function document(language: Language, t: AdminTranslate, title: string, header: SafeHtml, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${title} · ${t('dashboard:title')}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<a href="#content" class="skip">${t('dashboard:skip_to_content')}</a>
${header}
<main id="content">
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value;
}
