import type { Scenario, ScenarioContext } from '../scenario.js';
import { rootMockApi } from '../scenario.js';

const COMMON = 'tests/aws/services/apigateway/test_apigateway_common.py';

/**
 * TestStages' fixture: an API with GET / (MOCK), a deployment, and stage s1 created with a
 * description and documentationVersion v123. (AWS needs the documentation part and version
 * to exist first; gitway keeps no documentation parts, the stage records the version name.)
 */
async function apiWithStage(t: ScenarioContext): Promise<void> {
  await t.ops.putRestApi(rootMockApi());
  const { id } = await t.ops.createDeployment({});
  t.match('create-stage', await t.ops.createStage({ stageName: 's1', deploymentId: id, description: 'my stage', documentationVersion: 'v123' }));
}

export const stageScenarios: Scenario[] = [
  {
    file: 'test_apigateway_common',
    test: `${COMMON}::TestStages::test_create_update_stages`,
    async run(t) {
      await apiWithStage(t);
      const { ops } = t;
      await t.matchError('error-update-doc-version', () => ops.updateStage('s1', [{ op: 'replace', path: '/documentation_version', value: '123' }]));
      await t.matchError('error-update-tags', () => ops.updateStage('s1', [{ op: 'replace', path: '/tags/tag1', value: 'value1' }]));
      t.match(
        'update-stage',
        await ops.updateStage('s1', [
          { op: 'replace', path: '/description', value: 'stage new' },
          { op: 'replace', path: '/variables/var1', value: 'test' },
          { op: 'replace', path: '/variables/var2', value: 'test2' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '123' },
          { op: 'replace', path: '/*/*/caching/enabled', value: 'true' },
          { op: 'replace', path: '/tracingEnabled', value: 'true' },
          { op: 'replace', path: '/test/GET/throttling/burstLimit', value: '124' },
        ]),
      );
      t.match('get-stage', await ops.getStage('s1'));
      // Updating */* later does not override what test/GET already holds.
      t.match('update-stage-override', await ops.updateStage('s1', [{ op: 'replace', path: '/*/*/throttling/burstLimit', value: '100' }]));
    },
  },
  {
    file: 'test_apigateway_common',
    test: `${COMMON}::TestStages::test_update_stage_remove_wildcard`,
    async run(t) {
      await apiWithStage(t);
      const { ops } = t;
      t.match('get-stage', await ops.getStage('s1'));
      // Terraform deletes aws_api_gateway_method_settings with "remove /*/*".
      await t.matchError('delete-error', () => ops.updateStage('s1', [{ op: 'remove', path: '/*/*' }]));
      t.match('update-stage', await ops.updateStage('s1', [{ op: 'replace', path: '/*/*/caching/enabled', value: 'true' }]));
      t.match('update-stage-reset', await ops.updateStage('s1', [{ op: 'remove', path: '/*/*' }]));
      t.match('get-stage-after-reset', await ops.getStage('s1'));
    },
  },
];
