// Sends hostile requests back to back to a preview for SECONDS, from its own process (so the
// measuring process's event loop is not the one busy building 9 MB bodies).
// Usage: node hostileClient.mjs URL SECONDS  -> prints {"sent": n, "ms": [...]}
const [url, seconds] = process.argv.slice(2);
const EVIL = 'a'.repeat(40) + '!';
const item = JSON.stringify({ a: 1, b: { a: 2, c: [{ a: 3 }] } });
const deep = `{"items":[${Array(Math.floor((9 * 1024 * 1024) / (item.length + 1))).fill(item).join(',')}]}`;
const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
const mix = [
  () => fetch(`${url}/hostile/deep`, json(deep)),
  () => fetch(`${url}/hostile/regex?s=${EVIL}`),
  () => fetch(`${url}/hostile/validate`, json(JSON.stringify({ name: EVIL.repeat(1000) }))),
  () => fetch(`${url}/hostile/addall`),
];
const until = performance.now() + Number(seconds) * 1000;
const ms = [];
for (let i = 0; performance.now() < until; i++) {
  const started = performance.now();
  const res = await mix[i % mix.length]();
  await res.arrayBuffer();
  ms.push(performance.now() - started);
}
process.stdout.write(JSON.stringify({ sent: ms.length, ms }) + '\n');
