/**
 * The report's one stylesheet. Meaning never rests on colour alone: statuses and severities are spelled out,
 * evidence marks are underlined as well as shaded, and the print styles drop nothing but the navigation.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; --mark: #ffe08a; --panel: #f5f5f5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 2px solid var(--ink); }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; border-bottom: 1px solid var(--rule); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
a { color: #0b5394; }
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
figure svg { max-width: 100%; height: auto; display: block; }
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
ul.findings, ul.reasons { margin: 0; padding-left: 1.1rem; }
ul.findings li, ul.reasons li { margin-bottom: .25rem; }
ul.reasons li.reason-context { color: var(--muted); }
code.rule { white-space: nowrap; }
.severity { font-weight: 700; text-transform: uppercase; font-size: .8em; }
.status { font-weight: 600; white-space: nowrap; }
details { margin-top: .5rem; }
summary { cursor: pointer; }
.muted { color: var(--muted); }
#method dt { font-weight: 600; margin-top: .4rem; }
#method dd { margin-left: 1.5rem; }
@media print { nav { display: none; } details { display: block; } a { color: inherit; } }
`;
