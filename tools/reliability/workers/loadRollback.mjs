// Load-test helper: rolls the stage back and forth between two deployments until `seconds` pass.
// Prints one JSON line: { rollbacks, errors: [codes] }.
// usage: node loadRollback.mjs <gitdir> <stage> <seconds> <pauseMs>
import fs from 'node:fs';
import { rollback } from '@gitway/core';

const [gitdir, stageName, seconds, pause] = process.argv.slice(2);
const end = Date.now() + Number(seconds) * 1000;
let rollbacks = 0;
const errors = [];
while (Date.now() < end) {
  try {
    await rollback({ fs, gitdir, stageName, author: { name: 'load', email: 'load@example.com' } });
    rollbacks++;
  } catch (error) {
    errors.push(error?.code ?? String(error));
  }
  await new Promise((r) => setTimeout(r, Number(pause)));
}
process.stdout.write(JSON.stringify({ rollbacks, errors }) + '\n');
