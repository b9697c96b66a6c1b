// The CLI's command table: every specs/<name>.ts, in file-name order (a test checks that no
// spec file is missing here). Imported statically so the built CLI is one bundle, not a
// directory read plus one module per command at every start.
import type { CommandSpec } from '../spec.js';
import aws from './aws.js';
import branch from './branch.js';
import canary from './canary.js';
import clientCertificate from './clientCertificate.js';
import clone from './clone.js';
import deploy from './deploy.js';
import deployments from './deployments.js';
import diff from './diff.js';
import exportSpec from './export.js';
import fetch from './fetch.js';
import init from './init.js';
import log from './log.js';
import merge from './merge.js';
import preview from './preview.js';
import pull from './pull.js';
import push from './push.js';
import remote from './remote.js';
import rollback from './rollback.js';
import serve from './serve.js';
import show from './show.js';
import stage from './stage.js';
import status from './status.js';
import switchSpec from './switch.js';
import testInvoke from './testInvoke.js';

export const specs: CommandSpec[] = [aws, branch, canary, clientCertificate, clone, deploy, deployments, diff, exportSpec, fetch, init, log, merge, preview, pull, push, remote, rollback, serve, show, stage, status, switchSpec, testInvoke];
