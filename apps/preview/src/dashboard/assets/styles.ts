/** The dashboard's stylesheet, served as /_gitway/assets/app.css (no network, no framework). */
export const STYLES = `
:root { --fg: #1b1f24; --muted: #4b5563; --bg: #fff; --panel: #f6f8fa; --line: #d0d7de; --link: #0b57d0;
  --accent: #0b57d0; --ok-bg: #e6f4ea; --ok-fg: #0d5323; --bad-bg: #fde7e9; --bad-fg: #8a1020; --warn-bg: #fff4d6; --warn-fg: #6b4700; }
* { box-sizing: border-box; }
html { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, sans-serif; color: var(--fg); background: var(--bg); }
body { margin: 0; }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; border-radius: 2px; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.92em; }
.skip { position: absolute; left: -999px; top: 0; background: var(--fg); color: #fff; padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 0; }
header.top { display: flex; gap: 2rem; align-items: center; padding: .75rem 1.5rem; background: #0f172a; color: #fff; }
header.top .brand { font-weight: 700; color: #fff; text-decoration: none; font-size: 1.1rem; }
header.top nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
header.top nav a { color: #e2e8f0; text-decoration: none; padding: .25rem .5rem; border-radius: 4px; }
header.top nav a[aria-current="page"] { background: #334155; color: #fff; }
header.top nav a:hover { text-decoration: underline; }
header.top :focus-visible { outline-color: #93c5fd; }
main { max-width: 76rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
p.lead { color: var(--muted); margin-top: -.5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
tbody th { background: transparent; }
time, button { white-space: nowrap; }
td.field { max-width: 22rem; }
td.field code { word-break: break-all; }
td.val { min-width: 16rem; max-width: 30rem; }
td ul { margin: 0; padding-left: 1rem; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; }
dl.vars { margin: 0; }
dl.vars div { display: flex; gap: .35rem; }
dl.vars dt { font-weight: 600; }
dl.vars dd { margin: 0; word-break: break-all; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .82rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.badge.stage { color: #1d4ed8; background: #eff6ff; }
.badge.active { color: var(--ok-fg); background: var(--ok-bg); }
.badge.canary { color: var(--warn-fg); background: var(--warn-bg); }
.badge.breaking { color: var(--bad-fg); background: var(--bad-bg); }
.badge.ok { color: var(--ok-fg); background: var(--ok-bg); }
.muted { color: var(--muted); }
.desc { color: var(--fg); }
code.id { background: var(--panel); padding: 0 .3rem; border-radius: 4px; }
tr.breaking td, tr.breaking th { background: var(--bad-bg); }
tr.breaking td:first-child { box-shadow: inset 4px 0 0 var(--bad-fg); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
.flash { padding: .75rem 1rem; border-radius: 6px; margin-bottom: 1rem; border: 1px solid; }
.flash:empty { display: none; }
.flash.ok { background: var(--ok-bg); color: var(--ok-fg); }
.flash.warn { background: var(--warn-bg); color: var(--warn-fg); }
.flash.bad { background: var(--bad-bg); color: var(--bad-fg); }
form.inline { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: .5rem 0 1rem; }
label { font-weight: 600; display: block; margin-bottom: .2rem; }
input[type=text], select, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #6b7280; border-radius: 4px; min-width: 12rem; background: #fff; color: var(--fg); }
input[aria-invalid=true] { border-color: var(--bad-fg); box-shadow: 0 0 0 1px var(--bad-fg); }
button, .button { font: inherit; padding: .35rem .9rem; border-radius: 6px; border: 1px solid #6b7280; background: #fff; color: var(--fg); cursor: pointer; text-decoration: none; display: inline-block; }
button:hover { background: var(--panel); }
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.primary:hover { background: #0842a0; }
button.link { border: none; background: none; color: var(--link); text-decoration: underline; padding: 0; }
.field-error { color: var(--bad-fg); font-size: .88rem; margin: .15rem 0 0; }
.field-error:empty { display: none; }
.form-error { color: var(--bad-fg); font-weight: 600; }
.form-error:empty { display: none; }
.vars-editor td { border-bottom: none; padding: .25rem .5rem .25rem 0; }
.vars-editor input[type=text] { width: 100%; }
.actions { display: flex; gap: .75rem; justify-content: flex-end; margin-top: 1rem; }
.actions.start { justify-content: flex-start; margin-top: .5rem; }
dialog { border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem 1.5rem; max-width: 34rem; box-shadow: 0 10px 30px rgba(0,0,0,.25); color: var(--fg); }
dialog::backdrop { background: rgba(15, 23, 42, .55); }
dialog h2 { margin-top: 0; border: none; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
pre.udiff { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .5rem 0; overflow-x: auto; line-height: 1.35; }
pre.udiff span { display: block; padding: 0 .75rem; white-space: pre; }
pre.udiff .add { background: var(--ok-bg); color: var(--ok-fg); }
pre.udiff .del { background: var(--bad-bg); color: var(--bad-fg); }
pre.udiff .hunk { color: #1d4ed8; background: #eff6ff; }
pre.udiff .meta { color: var(--muted); font-weight: 600; }
.value { word-break: break-all; }
.summary { font-size: 1.05rem; }
footer { max-width: 76rem; margin: 2rem auto; padding: 0 1.5rem; color: var(--muted); font-size: .85rem; }
textarea { width: 100%; resize: vertical; }
select[aria-invalid=true], textarea[aria-invalid=true] { border-color: var(--bad-fg); box-shadow: 0 0 0 1px var(--bad-fg); }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
form.editor { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; }
.fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .75rem 1.25rem; align-items: start; }
.field.wide { grid-column: 1 / -1; }
.field input[type=text], .field select { width: 100%; min-width: 0; }
.field.check { display: grid; grid-template-columns: auto 1fr; column-gap: .5rem; align-items: center; padding-top: 1.6rem; }
.field.check label { margin: 0; }
.field.check input { width: 1.1rem; height: 1.1rem; margin: 0; }
.field.check .field-error, .field.check .help { grid-column: 1 / -1; }
.help { color: var(--muted); font-size: .85rem; margin: .15rem 0 0; }
fieldset.method { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; padding: .75rem 1rem 1rem; background: var(--bg); }
fieldset.method legend { font-weight: 600; padding: 0 .35rem; }
.add-method { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0; }
.add-method label { flex-basis: 100%; }
nav.toc ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: 1rem 0 0; }
pre.body { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; overflow: auto; max-height: 24rem; white-space: pre-wrap; word-break: break-all; }
table.compact td, table.compact th { padding: .2rem .5rem; }
ul.changes { padding-left: 1.25rem; }
ul.changes li { margin: .25rem 0; word-break: break-all; }
dialog { background: var(--bg); max-width: 44rem; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e8eb; --muted: #a3acb9; --bg: #0d1117; --panel: #161b22; --line: #30363d; --link: #7cb3ff;
    --accent: #3b82f6; --ok-bg: #12321f; --ok-fg: #7ee2a0; --bad-bg: #3d1419; --bad-fg: #ff9aa5; --warn-bg: #3a2d0c; --warn-fg: #f5cf72; }
  input[type=text], select, textarea, button, .button { background: #0d1117; color: var(--fg); border-color: #6e7681; }
  button:hover { background: var(--panel); }
  button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
  button.primary:hover { background: #2563eb; }
  .badge.stage { color: #93c5fd; background: #172554; }
  pre.udiff .hunk { color: #93c5fd; background: #172554; }
  header.top { background: #010409; border-bottom: 1px solid var(--line); }
}
`;
