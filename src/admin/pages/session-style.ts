import { raw } from '../html.ts';

/**
 * What the Sessions pages add to the layout's stylesheet: session cards, the attendance code large
 * enough to be read across a room, and a roll call whose tick boxes a thumb hits on a phone.
 */
export const SESSION_STYLE = raw(`<style>
.actions{display:flex;flex-wrap:wrap;gap:.5rem}
.button{text-decoration:none;display:inline-block}
.session-list{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.session-card,.venue{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:.75rem 1rem}
.session-card h3{margin:.25rem 0;font-size:1.1rem}
.session-card.is-cancelled h3 a{text-decoration:line-through}
.tags{margin:0;display:flex;flex-wrap:wrap;gap:.25rem}
.tag{display:inline-block;padding:0 .45rem;border-radius:4px;font-size:.85rem;background:#e8ebf0}
.tag-cancelled{background:#b3261e;color:#fff;font-weight:600}
.dates{list-style:none;margin:.25rem 0;padding:0;color:#3a4350}
.tally{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.9375rem}
.tally b{font-variant-numeric:tabular-nums}
.tally .count-attended{color:#1a7f4b;font-weight:600}
.tally .count-attended.not-started{color:inherit;font-weight:inherit}
.venue{margin:1rem 0}
.venue h2{margin-top:0}
.venue dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
.venue dt{font-weight:600}
.venue dd{margin:0;overflow-wrap:anywhere}
.code{display:inline-block;font:700 2.75rem/1.1 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.2em;padding:.35rem .75rem;border:2px solid #1d2430;border-radius:8px;background:#fff;margin:.25rem 0}
.who summary{cursor:pointer;padding:.25rem 0}
.who ul,.comments{margin:.25rem 0 .5rem;padding-left:1.25rem}
.comments li{margin:.35rem 0}
.comments q{white-space:pre-wrap}
.banner-cancelled{font-weight:600}
.ticks{list-style:none;margin:0;padding:0}
.ticks label{display:flex;align-items:center;gap:.85rem;min-height:3.5rem;padding:.5rem .75rem;margin:.4rem 0;background:#fff;border:1px solid #dde1e7;border-radius:8px;cursor:pointer}
.ticks input[type=checkbox]{width:2rem;height:2rem;flex:none;margin:0;accent-color:#1a7f4b}
.ticks label:has(input:checked){border-color:#1a7f4b;background:#eef8f2}
.ticks .name{font-weight:600;display:block}
.ticks small{display:block;color:#5b6573}
.submit-bar{position:sticky;bottom:0;background:#f6f7f9;padding:.75rem 0;margin-top:.5rem}
.submit-bar button{width:100%;font-size:1.1rem;padding:.85rem}
.present-count{font-size:1.15rem;font-weight:600}
@media (max-width:30rem){.venue{padding:.6rem .75rem}.venue dl{grid-template-columns:1fr}.code{font-size:2.25rem}}
</style>`);
