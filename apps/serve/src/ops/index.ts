import type { Operation } from './context.js';
import { CreateRestApi, DeleteRestApi, GetRestApi, GetRestApis, ImportRestApi, PutRestApi } from './restApis.js';
import { CreateDeployment, DeleteDeployment, GetDeployment, GetDeployments, UpdateDeployment } from './deployments.js';
import { CreateStage, DeleteStage, FlushStageAuthorizersCache, FlushStageCache, GetStage, GetStages, UpdateStage } from './stages.js';
import { GetTags, TagResource, UntagResource } from './tags.js';
import { GetIntegration, GetMethod, GetResource, GetResources } from './resources.js';
import { GetExport } from './export.js';
import { TestInvokeMethod } from './testInvoke.js';

export type { Operation, OpContext, OpResult } from './context.js';

/** The operations gitway serve implements, by API Gateway's operation name. */
export const IMPLEMENTED: Record<string, Operation> = {
  CreateRestApi, GetRestApi, GetRestApis, DeleteRestApi, ImportRestApi, PutRestApi,
  CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment,
  CreateStage, GetStage, GetStages, UpdateStage, DeleteStage, FlushStageCache, FlushStageAuthorizersCache,
  TagResource, UntagResource, GetTags,
  GetExport, GetResources, GetResource, GetMethod, GetIntegration, TestInvokeMethod,
};

/** Operations that do not name a REST API in their path (the others get their repository first). */
export const WITHOUT_API = new Set(['CreateRestApi', 'GetRestApis', 'ImportRestApi', 'TagResource', 'UntagResource', 'GetTags']);
