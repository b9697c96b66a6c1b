// @gitway/core/internal: the building blocks gitway's own apps share (canonical tree
// encoding, JSON change lists, name checks, renderer pieces...). No promise of stability:
// library users import from '@gitway/core' (packages/core/README.md lists that surface).
export { apiToFiles, filesToApi } from './models/apiTree.js';
export { canonicalJson } from './utils/canonicalJson.js';
export { jsonChanges, type FieldChange } from './diff/jsonChanges.js';
export { mergeJson, type JsonConflict } from './merge/mergeJson.js';
export { fieldName } from './diff/fieldName.js';
export { classify, type Verdict } from './diff/classify.js';
export { shortValue, changeSubject, summary as diffSummary } from './diff/renderDiff.js';
export { escapePointer, unescapePointer, METHOD_SETTING_PATHS, STAGE_UPDATE_PATHS } from './models/patchOperations.js';
export { stageNameProblem, branchNameProblem, RESERVED_STAGE_NAMES } from './models/names.js';
export { refNameProblem, printableName } from './models/refName.js';
export { stageResource } from './models/stageResource.js';
export { newStage } from './api/createStage.js';
export { deployProblems, type DeployProblem } from './models/deployable.js';
export { diffStages, stageSettings, methodSettingPath } from './models/stageDiff.js';
export { CLIENT_CERTIFICATES_DIR } from './commands/_clientCertificates.js';
export { DELETED_DEPLOYMENTS_REF } from './api/deployments.js';
export { trackingRef, remoteRefProblem, syncedRef } from './remote/syncedRefs.js';
export { redactUrl } from './remote/redactUrl.js';
export { DEFINITION_CANDIDATES } from './api/findDefinition.js';
export { listRefNames } from './api/listRefNames.js';
export { shortId, SHORT_ID_LENGTH } from './utils/shortId.js';
export { age } from './utils/age.js';
export { ApiTreeCache, readDeploymentApi } from './storage/apiTreeCache.js';
