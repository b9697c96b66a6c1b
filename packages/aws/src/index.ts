export { createApiGatewayClient, send, awsError, type AwsTarget, type Operation } from './client.js';
export { planPush, newDeploymentRef, deploymentDescription, gitwayIdOf, type AwsCall, type PushPlan, type PushPlanInput } from './plan.js';
export { renderPlan, renderCall, summary } from './renderPlan.js';
export { pushStage, readPushState, assertRestApi, awsDeployments, type PushResult, type AwsSyncOptions, type AwsDeployment } from './push.js';
export { pullRestApi, type PullResult } from './pull.js';
export { fromAwsStage, syncedSettings, stageArn } from './awsStage.js';
export { AwsCallError } from './errors/AwsCallError.js';
export { AwsCredentialsError } from './errors/AwsCredentialsError.js';
