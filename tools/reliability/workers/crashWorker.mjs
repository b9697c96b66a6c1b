// Crash-injection victim: after "ready", runs random writes (small and pack-sized deploys,
// deploy + stage move, stage updates, rollbacks) back to back until SIGKILLed.
// Before each write it prints `start <op>`, after it `done <op> <main> <prod>`.
// usage: node crashWorker.mjs <gitdir> <seed> <methods>
import fs from 'node:fs';
import { deploy, getStage, rollback, updateStage } from '@gitway/core';
import { taggedApi } from './api.mjs';

const [gitdir, seedArg, methodsArg] = process.argv.slice(2);
// mulberry32, so neighbouring seeds give unrelated sequences
let a = (Number(seedArg) * 2654435761) >>> 0;
const rnd = () => {
  a = (a + 0x6d2b79f5) >>> 0;
  let t = Math.imul(a ^ (a >>> 15), a | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const methods = Number(methodsArg);
const author = { name: 'crash', email: 'crash@example.com' };
const repo = { fs, gitdir, author };
let main = '-';
process.stdout.write('ready\n');
for (let i = 0; i < 1000; i++) {
  const tag = `s${seedArg}-${i}`;
  const r = rnd();
  const op = r < 0.3 ? 'deploy-small' : r < 0.5 ? 'deploy-pack' : r < 0.7 ? 'deploy-stage' : r < 0.85 ? 'update-stage' : 'rollback';
  process.stdout.write(`start ${op}\n`);
  if (r < 0.3) {
    main = (await deploy({ ...repo, api: taggedApi(methods, tag, 2), description: tag })).id;
  } else if (r < 0.5) {
    main = (await deploy({ ...repo, api: taggedApi(methods, tag, methods), description: tag })).id;
  } else if (r < 0.7) {
    main = (await deploy({ ...repo, api: taggedApi(methods, tag, 3), description: tag, stageName: 'prod' })).id;
  } else if (r < 0.85) {
    await updateStage({ ...repo, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/v', value: tag }] });
  } else {
    await rollback({ ...repo, stageName: 'prod' }).catch((e) => {
      if (e?.code !== 'NothingToRollbackError') throw e;
    });
  }
  const prod = (await getStage({ fs, gitdir, stageName: 'prod' })).oid;
  process.stdout.write(`done ${op} ${main} ${prod}\n`);
}
