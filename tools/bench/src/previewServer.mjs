// Fallback preview process for the benchmark when the CLI has no `preview` command yet:
// @gitway/preview's createPreviewServer over a gitway repository, loading a stage the way
// `gitway preview` is specified to (re-read the stage ref on every request, recompile when it moves).
// usage: node previewServer.mjs <gitdir> <port>
import fs from 'node:fs';
import { getStage, readDeployment } from '@gitway/core';
import { createPreviewServer } from '@gitway/preview';

const [gitdir, port] = process.argv.slice(2);
const cache = {};
const loaded = new Map();

async function loadStage(name) {
  let state;
  try {
    state = await getStage({ fs, gitdir, cache, stageName: name });
  } catch (error) {
    if (error?.code === 'NotFoundError' || error?.code === 'InvalidNameError') return null;
    throw error;
  }
  const hit = loaded.get(name);
  if (hit?.version === state.oid) return hit;
  const { api } = await readDeployment({ fs, gitdir, cache, rev: state.stage.deploymentId });
  const canaryId = state.stage.canarySettings?.deploymentId;
  const canaryApi = canaryId ? (await readDeployment({ fs, gitdir, cache, rev: canaryId })).api : undefined;
  const out = { api, stage: state.stage, canaryApi, version: state.oid };
  loaded.set(name, out);
  return out;
}

const server = await createPreviewServer({ loadStage, host: '127.0.0.1', port: Number(port) });
process.stdout.write(`listening ${server.address().port}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
