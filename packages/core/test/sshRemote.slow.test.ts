import { describe, expect, it, onTestFinished } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { addRemote, clone, createGitTransport, deploy, Errors, pull, push, readDeployment, updateStage } from '@gitway/core';
import { fixedClock, freePort, fsck, git, sampleApi, snapshotDir, tempDir, tempRepo } from '@gitway/test-utils';

const SSHD = '/usr/sbin/sshd';
const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * A real OpenSSH server on 127.0.0.1 (a free port) for this test only: throw-away host
 * and user keys in test-output/, no PAM, no strict modes, public-key login as the user
 * running the tests. As root, sshd needs its privilege-separation directory /run/sshd
 * (Debian's service creates it at start; created here when missing).
 */
async function startSshd(): Promise<{ dir: string; port: number; user: string; sshCommand: (key?: string, withPort?: boolean) => string }> {
  if (!fs.existsSync(SSHD)) throw new Error(`${SSHD} is missing: apt-get install -y openssh-server`);
  if (process.getuid?.() === 0) fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  fs.mkdirSync(path.join(REPO_ROOT, 'test-output'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(REPO_ROOT, 'test-output', 'sshd-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const key of ['host_key', 'user_key', 'stranger_key']) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(dir, key)]);
  fs.copyFileSync(path.join(dir, 'user_key.pub'), path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const config = [
    `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${dir}/host_key`, `AuthorizedKeysFile ${dir}/authorized_keys`, `PidFile ${dir}/sshd.pid`,
    'StrictModes no', 'UsePAM no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password', 'LogLevel ERROR',
  ];
  fs.writeFileSync(path.join(dir, 'sshd_config'), config.join('\n') + '\n');
  const sshd = spawn(SSHD, ['-D', '-e', '-f', path.join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  sshd.stderr.on('data', (c: Buffer) => (log += c.toString()));
  onTestFinished(() => {
    sshd.kill('SIGTERM');
  });
  const sshCommand = (key = 'user_key', withPort = true): string =>
    `ssh -F /dev/null -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR -i ${dir}/${key}${withPort ? ` -p ${port}` : ''}`;
  const user = os.userInfo().username;
  // Ready when a login works (polled: the machine is loaded; the bound only catches a dead sshd).
  for (let i = 0; ; i++) {
    if (sshd.exitCode !== null) throw new Error(`sshd exited: ${log.trim()}`);
    const probe = spawnSync('sh', ['-c', `${sshCommand()} ${user}@127.0.0.1 true`], { stdio: 'ignore' });
    if (probe.status === 0) break;
    if (i > 300) throw new Error(`sshd did not accept a login: ${log.trim()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { dir, port, user, sshCommand };
}

const lsRemote = (bare: string): Map<string, string> =>
  new Map(git(bare, 'for-each-ref', '--format=%(refname) %(objectname)').trim().split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]));

async function codeOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('remotes over ssh against a real sshd on 127.0.0.1', { timeout: 240_000 }, () => {
  it('pushes, clones and pulls over ssh:// and git@host:path URLs; a stranger key is an AuthenticationError', async () => {
    const sshd = await startSshd();
    const bare = path.join(sshd.dir, 'api.git');
    execFileSync('git', ['init', '--quiet', '--bare', bare]);
    // ssh://user@host:port/path (the port from the URL) and the scp-like user@host:/path (the port from GIT_SSH_COMMAND).
    const sshUrl = `ssh://${sshd.user}@127.0.0.1:${sshd.port}${bare}`;
    const scpUrl = `${sshd.user}@127.0.0.1:${bare}`;
    const viaUrlPort = createGitTransport({ env: { ...process.env, GIT_SSH_COMMAND: sshd.sshCommand('user_key', false) } });
    const viaCommandPort = createGitTransport({ env: { ...process.env, GIT_SSH_COMMAND: sshd.sshCommand() } });

    const a = await tempRepo();
    await addRemote({ ...a, remote: 'origin', url: sshUrl });
    const v1 = await deploy({ ...a, api: sampleApi('v1'), description: 'v1', stageName: 'prod' });
    const pushed = await push({ ...a, transport: viaUrlPort, stages: ['prod'] });
    const prodA = git(a.gitdir, 'rev-parse', 'refs/stages/prod').trim();
    expect([pushed.url, pushed.updates.map((u) => [u.ref, u.status, u.new])]).toEqual([
      sshUrl,
      [['refs/heads/main', 'created', v1.id], ['refs/stages/prod', 'created', prodA]],
    ]);
    expect(lsRemote(bare)).toEqual(new Map([['refs/heads/main', v1.id], ['refs/stages/prod', prodA]]));
    fsck(bare);

    const gitdir = path.join(tempDir(), 'b', '.gitway');
    const cloned = await clone({ fs, url: scpUrl, gitdir, transport: viaCommandPort });
    expect(cloned.updates.map((u) => [u.ref, u.status, u.new])).toEqual([['refs/heads/main', 'created', v1.id], ['refs/stages/prod', 'created', prodA]]);
    const b = { fs, gitdir, cache: {}, author: a.author, now: fixedClock(Date.UTC(2026, 1, 1)) };
    expect((await readDeployment({ ...b, rev: 'prod' })).api).toEqual(sampleApi('v1'));
    fsck(gitdir);

    await updateStage({ ...b, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/via', value: 'ssh' }] });
    const prodB = git(gitdir, 'rev-parse', 'refs/stages/prod').trim();
    await push({ ...b, transport: viaCommandPort, stages: ['prod'] });
    const pulled = await pull({ ...a, transport: viaUrlPort });
    expect(pulled.updates.find((u) => u.ref === 'refs/stages/prod')).toMatchObject({ status: 'fast-forward', old: prodA, new: prodB });

    // Both moved prod: the ssh push of a is refused before anything is sent.
    await updateStage({ ...a, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/via', value: 'a' }] });
    await updateStage({ ...b, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/via', value: 'b' }] });
    await push({ ...b, transport: viaCommandPort, stages: ['prod'] });
    const remote = lsRemote(bare);
    expect((await codeOf(push({ ...a, transport: viaUrlPort, stages: ['prod'] }))).code).toBe('NonFastForwardError');
    expect(lsRemote(bare)).toEqual(remote);
    fsck(bare);
    fsck(a.gitdir);

    // A key the server does not know: refused, said in one line, nothing changed.
    const before = snapshotDir(a.gitdir);
    const stranger = createGitTransport({ env: { ...process.env, GIT_SSH_COMMAND: sshd.sshCommand('stranger_key', false) } });
    const denied = await codeOf(pull({ ...a, transport: stranger }));
    expect(denied).toBeInstanceOf(Errors.AuthenticationError);
    expect(denied.message).toBe(`authentication failed for ${sshUrl}: ${sshd.user}@127.0.0.1: Permission denied (publickey).`);
    expect(snapshotDir(a.gitdir)).toEqual(before);
  });
});
