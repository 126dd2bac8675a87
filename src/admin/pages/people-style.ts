import { raw } from '../html.ts';

/**
 * What the participant pages add to the layout's stylesheet: answers side by side that stack on
 * a phone, badges, the timeline's width. Inline, like the layout's: nothing is fetched.
 */
export const PEOPLE_STYLE = raw(`<style>
.card{border:1px solid #d1d5db;border-radius:6px;padding:.75rem;margin:.75rem 0;background:#fff}
.card>h2:first-child,.card>h3:first-child{margin-top:0}
.badge{display:inline-block;padding:0 .4rem;border-radius:4px;font-size:.85em;background:#e5e7eb;font-weight:normal}
.status-on_time,.enrolment-selected,.milestone-done,.signal-on_track{background:#dcfce7}
.status-late,.milestone-blocked,.signal-needs_attention{background:#ffedd5}
.status-missed,.enrolment-not_selected,.signal-no_contact{background:#fee2e2}
.profile{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
.profile dt,.answers dt{font-weight:600}
.answers dd{margin:0 0 .5rem 0}
.plain{list-style:none;margin:0;padding:0}
.plain li{margin:.25rem 0}
.inline-form{display:inline;margin-left:.5rem}
.inline-form button{padding:.15rem .5rem;font-size:.875rem}
.answer-photo{max-width:100%;max-height:16rem}
video{max-width:100%}
.answer-text{white-space:pre-wrap;margin:0}
.side-by-side{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:.5rem}
.side-by-side .card{margin:0}
.reasons-row td{border-top:0;padding-top:0}
.reasons-row ul{margin:.25rem 0;font-size:.875rem}
.grade-form p{margin:.5rem 0}
.grade-form textarea{width:100%}
@media (max-width:40rem){.profile{grid-template-columns:1fr}.side-by-side{grid-template-columns:1fr}}
</style>`);
