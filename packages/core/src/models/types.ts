/**
 * The canonical REST API model: API Gateway's own resource model (RestApi, Resource,
 * Method, Integration, Model, Authorizer, RequestValidator, GatewayResponse), keyed by
 * name/path instead of by generated id so that equal APIs are equal values.
 *
 * Anything an importer reads but the model does not hold is kept verbatim in `extensions`
 * fields (an object of original keys -> original values) so export can restore it.
 */

/** HTTP methods API Gateway accepts on a resource; ANY is x-amazon-apigateway-any-method. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS' | 'ANY';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'];

export type IntegrationType = 'MOCK' | 'HTTP' | 'HTTP_PROXY' | 'AWS' | 'AWS_PROXY';
export const INTEGRATION_TYPES: readonly IntegrationType[] = ['MOCK', 'HTTP', 'HTTP_PROXY', 'AWS', 'AWS_PROXY'];

/** Verbatim data the model does not interpret (x- extensions, descriptions, examples, ...). */
export type Extensions = Record<string, unknown>;

export interface IntegrationResponse {
  statusCode: string;
  /** Regex matched against the backend status (HTTP) or error message (Lambda); absent = default. */
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
  /** Keys of the OpenAPI integration response object the model does not hold. */
  extensions?: Extensions;
}

export interface Integration {
  type: IntegrationType;
  httpMethod?: string;
  uri?: string;
  connectionType?: 'INTERNET' | 'VPC_LINK';
  connectionId?: string;
  credentials?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior?: 'WHEN_NO_MATCH' | 'WHEN_NO_TEMPLATES' | 'NEVER';
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
  timeoutInMillis?: number;
  cacheNamespace?: string;
  cacheKeyParameters?: string[];
  tlsConfig?: { insecureSkipVerification?: boolean };
  /** Keyed by the OpenAPI response key (selection pattern or "default"). */
  integrationResponses?: Record<string, IntegrationResponse>;
  extensions?: Extensions;
}

export interface MethodResponse {
  statusCode: string;
  /** e.g. { "method.response.header.Content-Type": false } */
  responseParameters?: Record<string, boolean>;
  /** content type -> model name */
  responseModels?: Record<string, string>;
  extensions?: Extensions;
}

export interface Method {
  httpMethod: HttpMethod;
  /** operationId */
  operationName?: string;
  authorizationType: 'NONE' | 'AWS_IAM' | 'CUSTOM' | 'COGNITO_USER_POOLS';
  /** Name of an authorizer in Api.authorizers. */
  authorizerId?: string;
  authorizationScopes?: string[];
  apiKeyRequired?: boolean;
  /** e.g. { "method.request.path.petId": true, "method.request.querystring.limit": false } */
  requestParameters?: Record<string, boolean>;
  /** content type -> model name */
  requestModels?: Record<string, string>;
  /** Name of a validator in Api.requestValidators. */
  requestValidatorId?: string;
  methodResponses?: Record<string, MethodResponse>;
  methodIntegration?: Integration;
  extensions?: Extensions;
}

export interface Resource {
  /** Full path, e.g. "/pets/{petId}". */
  path: string;
  /** Keyed by HttpMethod. */
  resourceMethods: Partial<Record<HttpMethod, Method>>;
  /** Path-item level data the model does not interpret (summary, x- keys, ...). */
  extensions?: Extensions;
}

export interface Model {
  name: string;
  contentType?: string;
  description?: string;
  /** JSON schema (draft 4 as API Gateway uses), `$ref`s to other models kept as written. */
  schema: unknown;
}

export interface Authorizer {
  name: string;
  type: 'TOKEN' | 'REQUEST' | 'COGNITO_USER_POOLS';
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
  providerARNs?: string[];
  authType?: string;
  extensions?: Extensions;
}

export interface RequestValidator {
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
  /** Keys of the OpenAPI validator object the model does not hold. */
  extensions?: Extensions;
}

export interface GatewayResponse {
  /** e.g. DEFAULT_4XX, MISSING_AUTHENTICATION_TOKEN */
  responseType: string;
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  /** Keys of the OpenAPI gateway response object the model does not hold. */
  extensions?: Extensions;
}

/** RestApi-level fields (api.json in a deployment tree). */
export interface RestApi {
  name: string;
  description?: string;
  version?: string;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  apiKeySource?: 'HEADER' | 'AUTHORIZER';
  endpointConfiguration?: { types: string[]; vpcEndpointIds?: string[] };
  policy?: unknown;
  /** Name of the default validator (x-amazon-apigateway-request-validator at the top level). */
  requestValidatorId?: string;
  /** Source format of the definition, so export and the working file keep it. */
  sourceFormat?: 'oas30' | 'swagger2';
  extensions?: Extensions;
}

/** A whole REST API definition: what a deployment snapshots. */
export interface Api {
  restApi: RestApi;
  /** Keyed by path ("/", "/pets", "/pets/{petId}", "/{proxy+}"). */
  resources: Record<string, Resource>;
  models: Record<string, Model>;
  authorizers: Record<string, Authorizer>;
  requestValidators: Record<string, RequestValidator>;
  gatewayResponses: Record<string, GatewayResponse>;
}

/** Per-method stage settings, API Gateway's MethodSetting. */
export interface MethodSetting {
  metricsEnabled?: boolean;
  loggingLevel?: 'OFF' | 'ERROR' | 'INFO';
  dataTraceEnabled?: boolean;
  throttlingBurstLimit?: number;
  throttlingRateLimit?: number;
  cachingEnabled?: boolean;
  cacheTtlInSeconds?: number;
  cacheDataEncrypted?: boolean;
  requireAuthorizationForCacheControl?: boolean;
  unauthorizedCacheControlHeaderStrategy?: 'FAIL_WITH_403' | 'SUCCEED_WITH_RESPONSE_HEADER' | 'SUCCEED_WITHOUT_RESPONSE_HEADER';
}

export interface CanarySettings {
  deploymentId?: string;
  percentTraffic?: number;
  stageVariableOverrides?: Record<string, string>;
  useStageCache?: boolean;
}

export interface AccessLogSettings {
  format?: string;
  destinationArn?: string;
}

/** API Gateway's Stage resource (stage.json in a stage commit). */
export interface Stage {
  stageName: string;
  deploymentId: string;
  description?: string;
  variables?: Record<string, string>;
  /** Keyed "resourcePath/httpMethod" as API Gateway does, "*\/*" for all methods. */
  methodSettings?: Record<string, MethodSetting>;
  canarySettings?: CanarySettings;
  accessLogSettings?: AccessLogSettings;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: string;
  /** Derived, never patched: AVAILABLE when cacheClusterEnabled, else NOT_AVAILABLE. */
  cacheClusterStatus?: 'AVAILABLE' | 'NOT_AVAILABLE';
  clientCertificateId?: string;
  tracingEnabled: boolean;
  webAclArn?: string;
  tags?: Record<string, string>;
  /** The API documentation version the stage is associated with (CreateStage's documentationVersion). */
  documentationVersion?: string;
  createdDate: string;
  lastUpdatedDate: string;
}
