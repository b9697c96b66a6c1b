import type { Scenario, ScenarioContext } from '../scenario.js';
import { rootMockApi } from '../scenario.js';

const CANARY = 'tests/aws/services/apigateway/test_apigateway_canary.py';
const DEFAULT_TEMPLATE = { statusCode: 200, message: 'default deployment' };

function scenario(test: string, run: (t: ScenarioContext) => Promise<void>): Scenario {
  return { file: 'test_apigateway_canary', test: `${CANARY}::${test}`, run };
}

const canaryAnswer = { percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } };

export const canaryScenarios: Scenario[] = [
  scenario('TestStageCrudCanary::test_create_update_stages', async (t) => {
    const { ops } = t;
    await ops.putRestApi(rootMockApi(DEFAULT_TEMPLATE));
    const d1 = await ops.createDeployment({});
    t.match('create-deployment-1', d1);
    // update_integration_response: a new response template.
    await ops.putRestApi(rootMockApi({ statusCode: 200, message: 'second deployment' }));
    const d2 = await ops.createDeployment({});
    t.match('create-deployment-2', d2);
    t.match(
      'create-stage',
      await ops.createStage({
        stageName: 'dev',
        deploymentId: d1.id,
        description: 'dev stage',
        variables: { testVar: 'default' },
        canarySettings: { deploymentId: d2.id, percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } },
      }),
    );
    t.match('get-stage', await ops.getStage('dev'));
    t.match('update-stage-canary-settings-overrides', await ops.updateStage('dev', [{ op: 'replace', path: '/canarySettings/stageVariableOverrides/testVar', value: 'updated' }]));
    t.match('update-stage-remove-canary-settings', await ops.updateStage('dev', [{ op: 'remove', path: '/canarySettings' }]));
    t.match('get-stage-after-remove', await ops.getStage('dev'));
  }),
  scenario('TestStageCrudCanary::test_create_canary_deployment_with_stage', async (t) => {
    const { ops } = t;
    await ops.putRestApi(rootMockApi(DEFAULT_TEMPLATE));
    const d = await ops.createDeployment({});
    t.match('create-deployment', d);
    t.match('create-stage', await ops.createStage({ stageName: 'dev', deploymentId: d.id, description: 'dev stage', variables: { testVar: 'default' } }));
    t.match('create-canary-deployment', await ops.createDeployment({ stageName: 'dev', canarySettings: canaryAnswer }));
    t.match('get-stage', await ops.getStage('dev'));
  }),
  scenario('TestStageCrudCanary::test_create_canary_deployment', async (t) => {
    const { ops } = t;
    await ops.putRestApi(rootMockApi(DEFAULT_TEMPLATE));
    const d = await ops.createDeployment({});
    t.match('create-deployment', d);
    const stage = { deploymentId: d.id, description: 'dev stage', variables: { testVar: 'default' } };
    t.match(
      'create-stage',
      await ops.createStage({ ...stage, stageName: 'dev1', canarySettings: { deploymentId: d.id, percentTraffic: 40, stageVariableOverrides: { testVar: 'canary1' } } }),
    );
    const canary = await ops.createDeployment({ stageName: 'dev1', canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'canary2' } } });
    t.match('create-canary-deployment', canary);
    t.match('get-stage-1', await ops.getStage('dev1'));
    t.match(
      'create-stage-2',
      await ops.createStage({
        ...stage,
        stageName: 'dev2',
        canarySettings: { deploymentId: canary.id, percentTraffic: 60, stageVariableOverrides: { testVar: 'canary-overridden' } },
      }),
    );
    await t.matchError('bad-canary-deployment-id', () =>
      ops.createStage({ stageName: 'dev3', deploymentId: d.id, description: 'dev stage', canarySettings: { deploymentId: 'deploy' } }),
    );
  }),
  scenario('TestStageCrudCanary::test_create_canary_deployment_by_stage_update', async (t) => {
    const { ops } = t;
    await ops.putRestApi(rootMockApi(DEFAULT_TEMPLATE));
    const d1 = await ops.createDeployment({});
    t.match('create-deployment', d1);
    const d2 = await ops.createDeployment({});
    t.match('create-deployment-2', d2);
    t.match('create-stage', await ops.createStage({ stageName: 'dev', deploymentId: d1.id, description: 'dev stage', variables: { testVar: 'default' } }));
    t.match('update-stage-with-deployment', await ops.updateStage('dev', [{ op: 'replace', path: '/canarySettings/deploymentId', value: d2.id }]));
    t.match('remove-stage-canary', await ops.updateStage('dev', [{ op: 'remove', path: '/canarySettings' }]));
    t.match('update-stage-with-percent', await ops.updateStage('dev', [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }]));
    t.match('get-stage', await ops.getStage('dev'));
  }),
  scenario('TestStageCrudCanary::test_create_canary_deployment_validation', async (t) => {
    const { ops } = t;
    await ops.putRestApi(rootMockApi(DEFAULT_TEMPLATE));
    await t.matchError('create-canary-deployment-no-stage', () => ops.createDeployment({ canarySettings: canaryAnswer }));
    await t.matchError('create-canary-deployment-empty-stage', () => ops.createDeployment({ stageName: '', canarySettings: canaryAnswer }));
    await t.matchError('create-canary-deployment-non-existing-stage', () => ops.createDeployment({ stageName: 'non-existing', canarySettings: canaryAnswer }));
  }),
  scenario('TestStageCrudCanary::test_update_stage_canary_deployment_validation', async (t) => {
    const { ops } = t;
    await ops.putRestApi(rootMockApi(DEFAULT_TEMPLATE));
    await ops.createDeployment({ stageName: 'dev' });
    t.match('get-stage', await ops.getStage('dev'));
    await ops.createDeployment({ stageName: 'dev', canarySettings: canaryAnswer });
    const update = (op: 'remove' | 'replace' | 'add', path: string, value?: string) => () => ops.updateStage('dev', [{ op, path, ...(value !== undefined ? { value } : {}) }]);
    await t.matchError('update-stage-canary-settings-remove-overrides', update('remove', '/canarySettings/stageVariableOverrides'));
    await t.matchError('update-stage-canary-settings-bad-path', update('remove', '/canarySettings/badPath'));
    await t.matchError('update-stage-canary-settings-bad-path-2', update('replace', '/canarySettings', 'test'));
    await t.matchError('update-stage-canary-settings-replace-bad-path', update('replace', '/canarySettings/badPath', 'badPath'));
    const d2 = await ops.createDeployment({ stageName: 'dev2' });
    // Every canarySettings field takes replace; add is refused.
    await t.matchError('update-stage-add-deployment', () => ops.updateStage('dev2', [{ op: 'add', path: '/canarySettings/deploymentId', value: d2.id }]));
    await t.matchError('update-stage-no-deployment', () => ops.updateStage('dev2', [{ op: 'replace', path: '/canarySettings/deploymentId', value: 'deploy' }]));
  }),
  scenario('TestStageCrudCanary::test_update_stage_with_copy_ops', async (t) => {
    const { ops } = t;
    await ops.putRestApi(rootMockApi(DEFAULT_TEMPLATE));
    t.match('deployment-1', await ops.createDeployment({ stageName: 'dev', variables: { testVar: 'test', testVar2: 'test2' } }));
    await t.matchError('copy-with-bad-statement', () =>
      ops.updateStage('dev', [
        { op: 'copy', path: '/canarySettings/stageVariableOverrides', from: '/variables' },
        { op: 'copy', path: '/canarySettings/deploymentId', from: '/deploymentId' },
      ]),
    );
    await t.matchError('copy-with-no-replace', () =>
      ops.updateStage('dev', [
        { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      ]),
    );
    const promote = [
      { op: 'replace' as const, value: '0.0', path: '/canarySettings/percentTraffic' },
      { op: 'copy' as const, from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'copy' as const, from: '/canarySettings/stageVariableOverrides', path: '/variables' },
    ];
    t.match('update-stage-with-copy', await ops.updateStage('dev', promote));
    t.match('deployment-canary', await ops.createDeployment({ stageName: 'dev', canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'override' } } }));
    t.match('get-stage', await ops.getStage('dev'));
    t.match('update-stage-with-copy-2', await ops.updateStage('dev', promote));
  }),
  scenario('TestCanaryDeployments::test_invoking_canary_deployment', async (t) => {
    const { ops } = t;
    const template = (message: string) => ({
      statusCode: 200,
      message,
      variable: '$stageVariables.testVar',
      nonExistingDefault: '$stageVariables.noStageVar',
      nonOverridden: '$stageVariables.defaultVar',
      isCanary: '$context.isCanaryRequest',
    });
    await ops.putRestApi(rootMockApi(template('default deployment')));
    t.match('create-deployment-1', await ops.createDeployment({ stageName: 'dev', variables: { testVar: 'default', defaultVar: 'default' } }));
    await ops.putRestApi(rootMockApi(template('canary deployment')));
    t.match(
      'create-deployment-2',
      await ops.createDeployment({ stageName: 'dev', canarySettings: { percentTraffic: 0, stageVariableOverrides: { testVar: 'canary', noStageVar: 'canary' } } }),
    );
    t.match('response-deployment-1', (await ops.invoke('dev', '/')).body);
    t.match('update-stage', await ops.updateStage('dev', [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '100.0' }]));
    t.match('response-canary-deployment', (await ops.invoke('dev', '/')).body);
  }),
];
