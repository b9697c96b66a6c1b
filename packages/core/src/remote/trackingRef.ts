/**
 * Where gitway remembers a remote's ref as last seen: `refs/heads/<b>` ->
 * `refs/remotes/<remote>/<b>` (git's own layout) and `refs/stages/<s>` ->
 * `refs/remote-stages/<remote>/<s>`, AWS deployment links `refs/gitway/aws/<id>` ->
 * `refs/remote-gitway/<remote>/aws/<id>`.
 *
 * @example
 * trackingRef('origin', 'refs/stages/prod'); // 'refs/remote-stages/origin/prod'
 */
export function trackingRef(remote: string, ref: string): string {
  if (ref.startsWith('refs/heads/')) return `refs/remotes/${remote}/${ref.slice('refs/heads/'.length)}`;
  if (ref.startsWith('refs/stages/')) return `refs/remote-stages/${remote}/${ref.slice('refs/stages/'.length)}`;
  if (ref.startsWith('refs/gitway/aws/')) return `refs/remote-gitway/${remote}/aws/${ref.slice('refs/gitway/aws/'.length)}`;
  throw new Error(`gitway does not sync ${ref}`);
}
