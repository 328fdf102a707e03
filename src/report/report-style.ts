/**
 * The report's one stylesheet. Meaning never rests on colour alone: statuses and severities are spelled out,
 * evidence marks are underlined as well as shaded, and the print styles drop nothing but the navigation.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; --mark: #ffe08a; --panel: #f5f5f5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1360px; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 2px solid var(--ink); }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
a { color: #0b5394; }
p.lead { font-size: 1.05rem; margin: 0 0 .5rem; }
details.provenance { margin: 0 0 .5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
code, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
.table-scroll { overflow-x: auto; }
figure { margin: 1rem 0 2rem; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
figure p.chart-alternative { font-size: .85rem; color: var(--muted); margin: .25rem 0 0; }
.chart { overflow-x: auto; }
.chart svg { display: block; max-width: none; height: auto; }
.chart-narrow { display: none; }
@media (max-width: 720px) { .chart-wide { display: none; } .chart-narrow { display: block; } }
.totals-grid { display: flex; flex-wrap: wrap; gap: 0 2rem; align-items: flex-start; }
#calculators-table th a { color: inherit; }
#calculators-table tbody th { min-width: 16rem; }
@media (max-width: 720px) { #calculators-table tbody th { min-width: 11rem; } }
td.ci { white-space: nowrap; }
td.interval-cell { min-width: 8rem; vertical-align: middle; }
.interval { position: relative; display: block; height: .9rem; background: linear-gradient(to right, var(--rule) 1px, transparent 1px) 0 0 / 25% 100% repeat-x, var(--panel); }
.interval-range { position: absolute; top: .3rem; height: .3rem; background: #0072B2; }
.interval-point { position: absolute; top: 0; width: 2px; height: .9rem; margin-left: -1px; background: var(--ink); }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: .5rem 0; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; font-weight: 600; gap: .15rem; }
form.filters select, form.filters input { font: inherit; font-weight: normal; padding: .3rem .4rem; max-width: 100%; }
form.filters select#filter-calculator { max-width: 22rem; }
form.filters label.search { flex: 1 1 16rem; }
p.item-count { margin: .25rem 0 .5rem; color: var(--muted); }
.item-browser { display: grid; grid-template-columns: 1fr; gap: 1rem; }
@media (min-width: 1000px) {
  .item-browser { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); align-items: start; }
  .item-detail { position: sticky; top: .5rem; max-height: calc(100vh - 1rem); overflow-y: auto; }
}
.item-list-box { max-height: 75vh; overflow-y: auto; border: 1px solid var(--rule); }
ol.item-list { list-style: none; margin: 0; padding: 0; }
ol.item-list li { border-bottom: 1px solid var(--rule); }
ol.item-list li.open { background: #e8f0fb; box-shadow: inset 4px 0 0 #0b5394; }
button.item-button { all: unset; box-sizing: border-box; display: block; width: 100%; padding: .45rem .6rem; cursor: pointer; }
button.item-button:hover { background: var(--panel); }
button.item-button:focus-visible { outline: 2px solid #0b5394; outline-offset: -2px; }
.item-head { display: flex; flex-wrap: wrap; gap: .1rem .6rem; align-items: baseline; }
.item-impact { margin-left: auto; font-size: .85rem; }
.item-calculator { display: block; font-weight: 600; font-size: .9rem; }
.item-reason { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; font-size: .85rem; color: var(--muted); }
.item-detail { border: 1px solid var(--rule); padding: .5rem 1rem 1rem; background: #fff; }
h3.detail-title { margin: .25rem 0 .5rem; font-size: 1.1rem; }
.detail-part h4 { font-size: .85rem; margin: 1rem 0 .3rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
details.detail-part { margin-top: 1rem; }
details.detail-part > summary { font-weight: 600; }
ol.steps { margin: .25rem 0; padding-left: 1.6rem; }
ol.steps li.diverges { background: #fdecea; }
.divergence { border-left: 3px solid #D55E00; padding: .2rem .5rem; margin: .2rem 0 .4rem; background: #fff; font-size: .9rem; }
details.original-explanation li.diverges { background: #fdecea; }
p.derivation-summary { margin: .25rem 0; }
.note-box { position: relative; max-height: 22rem; overflow-y: auto; }
.status-relabel-proposed { color: #8a5a00; }
.status-needs-physician { color: #a03c00; }
.status-not-computable { color: #005a8c; }
.status-extraction-unverified { color: #8c3f6f; }
span.effect { font-size: .75em; text-transform: uppercase; font-weight: 700; color: var(--muted); }
ul.reason-details { margin: .2rem 0 0; padding-left: 1.1rem; font-size: .9rem; }
#top-items-table { width: 100%; }
#top-items-table tr.item-facts > * { border-top: 2px solid var(--ink); }
#top-items-table tr.item-evidence > td { border-top: none; padding-bottom: 1rem; }
code.item-id { white-space: nowrap; }
.evidence-grid { display: grid; grid-template-columns: minmax(16rem, 2fr) 3fr; gap: 1rem; }
@media (max-width: 800px) { .evidence-grid { grid-template-columns: 1fr; } }
h3.cell-title { font-size: .85rem; margin: 0 0 .25rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
.note { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--panel); padding: .5rem; border-left: 3px solid var(--rule); margin: 0; font-size: .9rem; }
mark { background: var(--mark); color: inherit; text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 2px; }
sup.evidence-ref { font-size: .7em; font-weight: 600; margin-left: 1px; }
.excerpt-gap { color: var(--muted); }
ol.findings, ul.reasons { margin: 0; padding-left: 1.4rem; }
ol.findings li, ul.reasons li { margin-bottom: .25rem; }
ul.reasons li.reason-context { color: var(--muted); }
code.rule { white-space: nowrap; }
.severity { font-weight: 700; text-transform: uppercase; font-size: .8em; }
.status { font-weight: 600; white-space: nowrap; }
details { margin-top: .5rem; }
summary { cursor: pointer; }
.muted { color: var(--muted); }
#method dt { font-weight: 600; margin-top: .4rem; }
#method dd { margin-left: 1.5rem; }
@media print { nav, form.filters { display: none; } details { display: block; } a { color: inherit; } .item-list-box { max-height: none; } }
`;
