import type { Api, Integration } from './types.js';
import { escapePointer as esc } from '../utils/jsonPointer.js';

/** One reason API Gateway would refuse to deploy an API, at a JSON pointer of its OpenAPI form. */
export interface DeployProblem {
  /** `#/paths/~1pets/get/x-amazon-apigateway-integration/uri`, as the definition file spells it. */
  pointer: string;
  message: string;
}

const STAGE_VARIABLE_REF = /\$\{stageVariables\.([^}]*)\}/g;
const VALID_VARIABLE_NAME = /^[A-Za-z0-9_]+$/;
/** `${...}` left by a template engine (Terraform, CloudFormation, SAM): not `${stageVariables.x}`. */
const TEMPLATE_PLACEHOLDER = /\$\{(?!stageVariables\.)[^}]*\}/;


/** Unresolved template placeholders and badly named stage variable references in `text`. */
function placeholders(text: string | undefined, pointer: string, out: DeployProblem[]): void {
  if (typeof text !== 'string') return;
  const left = TEMPLATE_PLACEHOLDER.exec(text);
  if (left) out.push({ pointer, message: `unresolved template placeholder ${left[0]}: substitute it before deploying` });
  for (const m of text.matchAll(STAGE_VARIABLE_REF)) {
    if (!VALID_VARIABLE_NAME.test(m[1]!)) out.push({ pointer, message: `Invalid stage variable reference ${m[0]}: names are made of A-Z a-z 0-9 _` });
  }
}

/**
 * The integration URI as API Gateway checks it: HTTP and HTTP_PROXY need an absolute
 * http(s) URL once each `${stageVariables.x}` is substituted (a URI that starts with a
 * stage variable may take its scheme and host from it), AWS and AWS_PROXY an
 * `arn:aws...:apigateway:` ARN; MOCK takes none.
 */
function checkUri(integration: Integration, pointer: string, out: DeployProblem[]): void {
  const uri = integration.uri;
  const type = integration.type;
  if (type === 'MOCK') return;
  if (uri === undefined || uri === '') {
    out.push({ pointer, message: `Integrations of type '${type}' must have a URI` });
    return;
  }
  if (TEMPLATE_PLACEHOLDER.test(uri)) return; // reported as a placeholder
  if (uri.startsWith('${stageVariables.')) return;
  const substituted = uri.replace(STAGE_VARIABLE_REF, 'stagevariable');
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    let ok = false;
    try {
      const u = new URL(substituted);
      ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok) out.push({ pointer, message: `Invalid HTTP endpoint specified for URI: ${uri}` });
  } else if (!/^arn:aws[a-z-]*:apigateway:[^:]+:/.test(substituted)) {
    out.push({ pointer, message: `Invalid ARN specified in the request: ${uri} (expected arn:aws:apigateway:{region}:{service}:...)` });
  }
}

/**
 * Everything API Gateway's CreateDeployment (and PutIntegration) would refuse in `api`,
 * in document order: no methods at all ("The REST API doesn't contain any methods"), a
 * method without an integration ("No integration defined for method"), an integration
 * URI that is not a URL / ARN, `${stageVariables.x}` with an invalid name, and template
 * placeholders (`${region}`, `${title}`) a template engine left in. Empty = deployable.
 *
 * @example
 * deployProblems(api); // [{ pointer: '#/paths/~1pets/get', message: 'No integration defined for method' }]
 */
export function deployProblems(api: Api): DeployProblem[] {
  const out: DeployProblem[] = [];
  const swagger = api.restApi.sourceFormat === 'swagger2';
  placeholders(api.restApi.name, '#/info/title', out);
  placeholders(api.restApi.description, '#/info/description', out);
  placeholders(api.restApi.version, '#/info/version', out);
  let methods = 0;
  for (const [path, resource] of Object.entries(api.resources)) {
    for (const [httpMethod, method] of Object.entries(resource.resourceMethods ?? {})) {
      methods++;
      const at = `#/paths/${esc(path)}/${httpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : httpMethod.toLowerCase()}`;
      const integration = method.methodIntegration;
      if (!integration) {
        out.push({ pointer: at, message: 'No integration defined for method' });
        continue;
      }
      const iat = `${at}/x-amazon-apigateway-integration`;
      placeholders(integration.uri, `${iat}/uri`, out);
      placeholders(integration.credentials, `${iat}/credentials`, out);
      checkUri(integration, `${iat}/uri`, out);
    }
  }
  if (methods === 0) out.unshift({ pointer: '#/paths', message: "The REST API doesn't contain any methods" });
  for (const [name, authorizer] of Object.entries(api.authorizers)) {
    const at = `#/${swagger ? 'securityDefinitions' : 'components/securitySchemes'}/${esc(name)}/x-amazon-apigateway-authorizer`;
    placeholders(authorizer.authorizerUri, `${at}/authorizerUri`, out);
    placeholders(authorizer.authorizerCredentials, `${at}/authorizerCredentials`, out);
    authorizer.providerARNs?.forEach((arn, i) => placeholders(arn, `${at}/providerARNs/${i}`, out));
  }
  return out;
}
