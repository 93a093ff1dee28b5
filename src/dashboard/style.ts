/**
 * The dashboard's one stylesheet, served from `/dashboard/assets/dashboard.css` (the CSP allows no
 * inline `<style>`). Small on purpose: readable on a laptop and a phone, printable for a meeting.
 */
export const DASHBOARD_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0072b2; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Hiragino Sans", "Noto Sans JP", "Yu Gothic UI", Meiryo, sans-serif; color: var(--ink); background: #fff; line-height: 1.6; }
header { background: var(--bg); border-bottom: 1px solid var(--line); padding: 0.75rem 1rem; }
.top { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; }
.brand { font-weight: 700; font-size: 1.1rem; }
.scope { color: var(--muted); font-size: 0.9rem; }
.account { display: flex; gap: 0.75rem; align-items: center; }
.account form { margin: 0; }
button, .button { font: inherit; padding: 0.25rem 0.75rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; color: var(--ink); cursor: pointer; text-decoration: none; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; padding: 0; margin: 0.5rem 0 0; }
nav a { display: block; padding: 0.25rem 0.6rem; border-radius: 6px; color: var(--ink); text-decoration: none; }
nav a[aria-current="page"] { background: var(--accent); color: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
.help, .note, footer { color: var(--muted); font-size: 0.9rem; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 0.75rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.kpis li { border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem 0.75rem; }
.kpis .label { display: block; color: var(--muted); font-size: 0.85rem; }
.kpis .value { font-size: 1.5rem; font-weight: 700; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
figure.chart { margin: 0 0 1rem; border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem; }
figure.chart.narrow { max-width: 560px; }
figure.chart svg { display: block; width: 100%; height: auto; }
figcaption { font-weight: 600; margin-bottom: 0.25rem; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0.5rem; }
th, td { padding: 0.35rem 0.6rem; border-top: 1px solid var(--line); text-align: left; white-space: nowrap; vertical-align: top; }
td.percent, td.count, th.percent, th.count { text-align: right; }
td.none { color: var(--muted); text-align: right; }
td.text { white-space: normal; min-width: 8rem; }
.csv { margin: 0.25rem 0 1rem; font-size: 0.9rem; }
.message { max-width: 40rem; margin: 3rem auto; padding: 1.5rem; border: 1px solid var(--line); border-radius: 8px; }
.story { border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; margin-bottom: 0.75rem; }
.story dl { margin: 0.5rem 0 0; }
.story dt { font-weight: 600; }
.story dd { margin: 0 0 0.5rem; white-space: pre-wrap; }
@media (max-width: 600px) { main { padding: 0.75rem; } h1 { font-size: 1.2rem; } .kpis .value { font-size: 1.25rem; } }
@media print { header nav, .account, .csv { display: none; } }
`;
