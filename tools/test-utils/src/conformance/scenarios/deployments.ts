import type { Scenario } from '../scenario.js';
import { rootMockApi } from '../scenario.js';

const COMMON = 'tests/aws/services/apigateway/test_apigateway_common.py';

function createDeleteDeployments(createStageManually: boolean): Scenario {
  return {
    file: 'test_apigateway_common',
    test: `${COMMON}::TestDeployments::test_create_delete_deployments[${createStageManually ? 'True' : 'False'}]`,
    async run(t) {
      const { ops } = t;
      await ops.putRestApi(rootMockApi());
      const stage = createStageManually ? {} : { stageName: 's1' };
      let { id } = await ops.createDeployment(stage);
      if (createStageManually) await ops.createStage({ stageName: 's1', deploymentId: id });
      t.match('get-deployment', await ops.getDeployment(id));
      t.match('get-stages', await ops.getStages());
      for (let i = 0; i < 3; i++) {
        await t.matchError(`delete-deployment-error-${i}`, () => ops.deleteDeployment(id));
        await ops.deleteStage('s1');
        await ops.deleteDeployment(id);
        ({ id } = await ops.createDeployment(stage));
        if (createStageManually) await ops.createStage({ stageName: 's1', deploymentId: id });
        t.match(`get-deployments-${i}`, await ops.getDeployments());
        t.match(`get-stages-${i}`, await ops.getStages());
      }
    },
  };
}

export const deploymentScenarios: Scenario[] = [
  createDeleteDeployments(true),
  createDeleteDeployments(false),
  {
    file: 'test_apigateway_common',
    test: `${COMMON}::TestDeployments::test_create_update_deployments`,
    async run(t) {
      const { ops } = t;
      await ops.putRestApi(rootMockApi());
      const { id: id1 } = await ops.createDeployment({});
      await ops.createStage({ stageName: 's1', deploymentId: id1 });
      t.match('get-deployment-1', await ops.getDeployment(id1));
      t.match('get-stages', await ops.getStages());
      await t.matchError('delete-deployment-error', () => ops.deleteDeployment(id1));
      // A deployment naming the stage moves it.
      const { id: id2 } = await ops.createDeployment({ stageName: 's1' });
      t.match('get-deployment-1-after-update', await ops.getDeployment(id1));
      t.match('get-deployment-2', await ops.getDeployment(id2));
      t.match('get-stages-after-update', await ops.getStages());
      await ops.deleteDeployment(id1);
      t.match('delete-deployment-1', {});
      await t.matchError('delete-deployment-2-error', () => ops.deleteDeployment(id2));
    },
  },
];
