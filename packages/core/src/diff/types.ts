/** What a semantic change is about: one file kind of the deployment tree. */
export type ChangeTarget = 'api' | 'operation' | 'resource' | 'model' | 'authorizer' | 'validator' | 'gatewayResponse';

export type ChangeKind = 'added' | 'removed' | 'changed';

/**
 * One semantic change between two API snapshots. `path` names the thing
 * ("GET /pets/{petId}", a model name, "API"); `field` the dotted semantic path inside
 * it ("integration.uri", `requestParameters["method.request.path.petId"]`), absent when
 * the whole thing was added or removed.
 */
export interface Change {
  kind: ChangeKind;
  target: ChangeTarget;
  path: string;
  field?: string;
  /** Raw JSON path inside the file (for tools; `field` is its display form). */
  fieldPath?: string[];
  /** The deployment tree file ("paths/pets/{petId}/@GET.json"). */
  file: string;
  before?: unknown;
  after?: unknown;
  breaking: boolean;
  reason: string;
}

/** Objects the diff or merge had to read: proportional to the change, not the API. */
export interface ReadStats {
  treesRead: number;
  blobsRead: number;
}

export interface DiffResult {
  /** Deployment ids (absent for an in-memory Api side) and tree hashes compared. */
  from: { id?: string; tree: string };
  to: { id?: string; tree: string };
  changes: Change[];
  /** True when any change is breaking. */
  breaking: boolean;
  stats: ReadStats;
}
