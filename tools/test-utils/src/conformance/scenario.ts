import type { Api, Method } from '@gitway/core';
import { AwsError, type ApiGatewayOperations } from './operations.js';

/** What a scenario step gets: the operations and the two ways to record an answer. */
export interface ScenarioContext {
  ops: ApiGatewayOperations;
  /** Records `value` as the answer named `key` in the recorded snapshot. */
  match(key: string, value: unknown): void;
  /** Runs `call`, which AWS refused, and records its error as the answer `key`. */
  matchError(key: string, call: () => Promise<unknown>): Promise<void>;
}

/** One recorded test re-expressed: `test` is its id in the snapshot file. */
export interface Scenario {
  file: 'test_apigateway_common' | 'test_apigateway_canary';
  test: string;
  run(t: ScenarioContext): Promise<void>;
}

/** An answer as recorded: the value, or `{ error: { type, message } }` for a refusal. */
export type Answer = unknown;

export function scenarioContext(ops: ApiGatewayOperations, answers: Map<string, Answer>): ScenarioContext {
  return {
    ops,
    match(key, value) {
      answers.set(key, value);
    },
    async matchError(key, call) {
      try {
        answers.set(key, await call());
      } catch (err) {
        if (!(err instanceof AwsError)) throw err;
        answers.set(key, { error: { type: err.type, message: err.message } });
      }
    },
  };
}

/**
 * The REST API the recorded tests build with put_method + put_integration(MOCK) on "/",
 * optionally with a 200 method response, the request template {"statusCode": 200} and an
 * integration response rendering `responseTemplate` (test_apigateway_canary's fixture).
 */
export function rootMockApi(responseTemplate?: Record<string, unknown>): Api {
  const method: Method = responseTemplate
    ? {
        httpMethod: 'GET',
        authorizationType: 'NONE',
        methodResponses: { '200': { statusCode: '200' } },
        methodIntegration: {
          type: 'MOCK',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          integrationResponses: { default: { statusCode: '200', responseTemplates: { 'application/json': JSON.stringify(responseTemplate) } } },
        },
      }
    : { httpMethod: 'GET', authorizationType: 'NONE', methodIntegration: { type: 'MOCK' } };
  return {
    restApi: { name: 'conformance' },
    resources: { '/': { path: '/', resourceMethods: { GET: method } } },
    models: {},
    authorizers: {},
    requestValidators: {},
    gatewayResponses: {},
  };
}
