/**
 * isomorphic-git, loaded on first use: commands that only read refs and objects (stage
 * list, log, show, preview) never pay for loading it (~60 ms of start-up).
 */
let loaded: Promise<typeof import('isomorphic-git').default> | undefined;
export function isoGit(): Promise<typeof import('isomorphic-git').default> {
  return (loaded ??= import('isomorphic-git').then((m) => m.default));
}
