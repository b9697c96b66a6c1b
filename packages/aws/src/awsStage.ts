import { type Stage } from '@gitway/core';
import { stageResource } from '@gitway/core/internal';
import type { Stage as SdkStage } from '@aws-sdk/client-api-gateway';

const iso = (d: Date | string | undefined): string => (d instanceof Date ? d.toISOString() : (d ?? new Date(0).toISOString()));

/** Drops `undefined` members (the SDK leaves absent members undefined; gitway's records leave them out). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A GetStage answer as gitway's Stage record (the same resource shape; dates as ISO
 * strings, absent members left out, empty maps dropped as gitway stores them).
 */
export function fromAwsStage(s: SdkStage): Stage {
  const methodSettings = Object.fromEntries(Object.entries(s.methodSettings ?? {}).map(([k, v]) => [k, defined({ ...v })]));
  const canary = s.canarySettings && defined({ ...s.canarySettings });
  if (canary?.stageVariableOverrides && !Object.keys(canary.stageVariableOverrides).length) delete canary.stageVariableOverrides;
  return stageResource(
    defined({
      stageName: s.stageName!,
      deploymentId: s.deploymentId!,
      description: s.description || undefined,
      variables: s.variables && Object.keys(s.variables).length ? { ...s.variables } : undefined,
      methodSettings,
      canarySettings: canary as Stage['canarySettings'],
      accessLogSettings: s.accessLogSettings && (s.accessLogSettings.format || s.accessLogSettings.destinationArn) ? (defined({ ...s.accessLogSettings }) as Stage['accessLogSettings']) : undefined,
      cacheClusterEnabled: !!s.cacheClusterEnabled,
      cacheClusterSize: s.cacheClusterEnabled ? s.cacheClusterSize : undefined,
      clientCertificateId: s.clientCertificateId || undefined,
      tracingEnabled: !!s.tracingEnabled,
      tags: s.tags && Object.keys(s.tags).length ? { ...s.tags } : undefined,
      documentationVersion: s.documentationVersion || undefined,
      createdDate: iso(s.createdDate),
      lastUpdatedDate: iso(s.lastUpdatedDate),
    }) as Stage,
  );
}

/**
 * The part of a stage push and pull carry between gitway and AWS: client certificates
 * and web ACLs are account resources with ids of their own on each side, so neither
 * crosses; tags go by TagResource/UntagResource, not UpdateStage.
 */
export function syncedSettings(s: Stage): Stage {
  const { clientCertificateId: _c, webAclArn: _w, tags: _t, ...rest } = stageResource(s);
  return rest;
}

/** What turns tags `from` into `to`: keys to remove and tags to set (both sorted). */
export function tagChanges(from: Record<string, string> = {}, to: Record<string, string> = {}): { remove: string[]; set: Record<string, string> } {
  const remove = Object.keys(from).filter((k) => !Object.hasOwn(to, k)).sort();
  const set = Object.fromEntries(Object.entries(to).filter(([k, v]) => from[k] !== v).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { remove, set };
}

/** The calls that make tags `from` into `to` on the stage `arn`. */
export function tagCalls(arn: string, from: Record<string, string> = {}, to: Record<string, string> = {}): { operation: 'TagResource' | 'UntagResource'; input: Record<string, unknown> }[] {
  const { remove, set } = tagChanges(from, to);
  const calls: { operation: 'TagResource' | 'UntagResource'; input: Record<string, unknown> }[] = [];
  if (remove.length) calls.push({ operation: 'UntagResource', input: { resourceArn: arn, tagKeys: remove } });
  if (Object.keys(set).length) calls.push({ operation: 'TagResource', input: { resourceArn: arn, tags: set } });
  return calls;
}

/** The ARN API Gateway's tagging operations name a stage by. */
export function stageArn(region: string, restApiId: string, stageName: string): string {
  return `arn:aws:apigateway:${region}::/restapis/${restApiId}/stages/${stageName}`;
}
