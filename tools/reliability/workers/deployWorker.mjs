// Concurrency worker: `iterations` times, deploy a new API onto main and move the stage to it
// (two library calls, each retrying lost compare-and-swap races). One JSON line per call.
// usage: node deployWorker.mjs <gitdir> <worker> <iterations> <stage>
import fs from 'node:fs';
import { deploy, updateStage } from '@gitway/core';
import { taggedApi } from './api.mjs';

const [gitdir, worker, iterations, stageName] = process.argv.slice(2);
const author = { name: `worker ${worker}`, email: `w${worker}@example.com` };
const out = (o) => process.stdout.write(JSON.stringify({ worker: Number(worker), ...o }) + '\n');
for (let i = 0; i < Number(iterations); i++) {
  const tag = `w${worker}-i${i}`;
  let id;
  try {
    const d = await deploy({ fs, gitdir, author, api: taggedApi(40, tag, 1 + ((i + Number(worker)) % 40)), description: tag });
    id = d.id;
    out({ op: 'deploy', i, ok: true, id, created: d.created });
  } catch (error) {
    out({ op: 'deploy', i, ok: false, code: error?.code ?? null, message: String(error?.message ?? error) });
    continue;
  }
  try {
    const { stage: s } = await updateStage({ fs, gitdir, author, stageName, patchOperations: [{ op: 'replace', path: '/deploymentId', value: id }] });
    out({ op: "move", i, ok: true, id, deploymentId: s.deploymentId });
  } catch (error) {
    out({ op: 'move', i, ok: false, code: error?.code ?? null, message: String(error?.message ?? error) });
  }
}
