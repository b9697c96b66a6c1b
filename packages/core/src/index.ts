export * as Errors from './errors/index.js';
export { GitwayError } from './errors/GitwayError.js';
export { AWS_ERROR_TYPES, awsErrorType } from './errors/awsErrorTypes.js';
export { ERROR_CODES, errorCodeInfo, type ErrorCodeInfo } from './errors/errorCodes.js';
export type * from './models/types.js';
export { HTTP_METHODS, INTEGRATION_TYPES } from './models/types.js';
export type { FsClient, RepoOptions } from './models/FsClient.js';
export type { Author, WriteOptions } from './models/options.js';

export { init, getDefinitionPath } from './api/init.js';
export { findDefinition } from './api/findDefinition.js';
export { getRestApiId } from './api/getRestApiId.js';
export { readWorkingDefinition, writeWorkingDefinition, workingDefinitionFile, type WorkingOptions } from './api/workingDefinition.js';
export { deploy, type DeployOptions } from './api/deploy.js';
export { definitionTree, readDefinitionFile, recordDefinitionTree, type DefinitionFileOptions, type DefinitionSource } from './api/definitionTree.js';
export type { DeployResult } from './commands/_deploy.js';
export { createStage, type StageCreateOptions } from './api/createStage.js';
export { getStage, getStages, updateStage, deleteStage, getStageHistory, rollback, type StageState } from './api/stages.js';
export { log, readDeployment, resolveRevision, type Deployment, type DeploymentInfo, type ResolvedRevision } from './api/log.js';
export { deploymentsBehind } from './api/deploymentsBehind.js';

export { parseVariables, parseVariableList, parseTags, assertStageName, assertBranchName, assertVariableName, assertVariableValue } from './models/names.js';
export { assertStage, assertTags, CACHE_CLUSTER_SIZES, MAX_VARIABLES, MAX_BURST_LIMIT } from './models/stageRules.js';
export { DEFAULT_METHOD_SETTING } from './models/methodSettings.js';
export { applyPatchOperations, parsePatchString, type PatchOperation } from './models/patchOperations.js';
export * from './openapi/index.js';
export * from './diff/index.js';
export * from './merge/index.js';
export * from './remote/index.js';
export { updateCanary, promoteCanary, deleteCanary, PROMOTE_OPERATIONS, type CanaryOptions } from './api/canary.js';
export { updateDeployment } from './api/updateDeployment.js';
export { getStageTags, tagStage, untagStage, changeStageTags } from './api/stageTags.js';
export { flushStageCache } from './api/flushStageCache.js';
export { deleteDeployment, listDeployments, getDeletedDeployments, type DeletedDeployments } from './api/deployments.js';
export { diffStageStates, readStageState } from './api/stageDiff.js';
export { assertCanarySettings } from './models/stageRules.js';
export { MAX_TAGS } from './models/stageRules.js';
export {
  generateClientCertificate, listClientCertificates, getClientCertificate, exportClientCertificate, deleteClientCertificate, getClientCertificateKeyPair,
} from './api/clientCertificates.js';
export type { ClientCertificate, ClientCertificateKeyPair } from './models/clientCertificate.js';
export * from './worktree/index.js';

export { getAwsDeployments, recordAwsDeployments, awsDeploymentsRef, AWS_DEPLOYMENTS_REF_PREFIX, type AwsDeploymentLink, type AwsDeploymentMap } from './api/awsDeployments.js';
