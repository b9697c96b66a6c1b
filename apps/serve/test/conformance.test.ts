import { describe, expect, it } from 'vitest';
import { exportDefinition, type Api, type PatchOperation } from '@gitway/core';
import { AwsError, formatReport, runConformance, type ApiGatewayOperations } from '@gitway/test-utils';
import { aws, sdk, startServe } from './helpers.js';

const c = aws;

/** SDK output as the recorded answers hold it: no $metadata, dates as ISO strings. */
function plain(value: unknown): any {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== '$metadata' && v !== undefined) out[k] = plain(v);
  return out;
}

/** ApiGatewayOperations over the AWS SDK against `gitway serve`: one new REST API per scenario. */
function sdkOperations(base: string, client: ReturnType<typeof sdk>): () => Promise<ApiGatewayOperations> {
  return async () => {
    const { id } = await client.send(new c.CreateRestApiCommand({ name: 'conformance' }));
    const restApiId = id!;
    const call = async <T>(p: Promise<T>): Promise<any> => {
      try {
        return plain(await p);
      } catch (e) {
        const err = e as { name: string; message: string; $metadata?: unknown };
        if (err.$metadata) throw new AwsError(err.name, err.message);
        throw e;
      }
    };
    return {
      async putRestApi(api: Api) {
        await call(client.send(new c.PutRestApiCommand({ restApiId, mode: 'overwrite', body: new TextEncoder().encode(exportDefinition({ api, format: 'oas30', syntax: 'json' })) })));
      },
      createDeployment: (input) => call(client.send(new c.CreateDeploymentCommand({ restApiId, ...input }))),
      getDeployment: (deploymentId) => call(client.send(new c.GetDeploymentCommand({ restApiId, deploymentId }))),
      getDeployments: () => call(client.send(new c.GetDeploymentsCommand({ restApiId }))),
      deleteDeployment: async (deploymentId) => void (await call(client.send(new c.DeleteDeploymentCommand({ restApiId, deploymentId })))),
      createStage: (input) => call(client.send(new c.CreateStageCommand({ restApiId, ...input }))),
      getStage: (stageName) => call(client.send(new c.GetStageCommand({ restApiId, stageName }))),
      getStages: (input = {}) => call(client.send(new c.GetStagesCommand({ restApiId, ...input }))).then((r: { item?: unknown[] }) => ({ item: (r.item ?? []) as never[] })),
      updateStage: (stageName: string, patchOperations: PatchOperation[]) => call(client.send(new c.UpdateStageCommand({ restApiId, stageName, patchOperations }))),
      deleteStage: async (stageName) => void (await call(client.send(new c.DeleteStageCommand({ restApiId, stageName })))),
      invoke: async (stageName, path) => {
        const res = await fetch(`${base}/restapis/${restApiId}/${stageName}/_user_request_${path}`);
        return { status: res.status, body: await res.json() };
      },
    };
  };
}

describe('conformance through gitway serve and the AWS SDK', () => {
  it('the recorded AWS answers match as they do in-process', async () => {
    const { base } = await startServe();
    const report = await runConformance(sdkOperations(base, sdk(base)));
    console.log(formatReport(report));
    expect(report.results.filter((r) => r.status === 'mismatched' || r.status === 'stale').map((r) => `${r.test} ${r.key}: ${r.differences.join('; ')}`)).toEqual([]);
    expect(report.total).toBe(88);
    expect(report.results.filter((r) => r.status === 'matched' || r.status === 'listed').length).toBe(88);
  }, 180_000);
});
