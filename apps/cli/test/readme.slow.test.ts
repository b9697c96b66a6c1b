// The README runs as written: every ```sh block, in order, in one bash session in a fresh
// directory, against the built CLI. A block preceded by `<!-- readme-test: skip: REASON -->`
// is not run (the reason is printed). A command must exit 0 unless its trailing comment says
// `# exit N`. The few substitutions that turn the README's example hosts into real ones are
// listed in SUBSTITUTIONS; nothing else is changed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort, startGitHttpServer, tempDir } from '@gitway/test-utils';
import { BIN, ENV } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TIMEOUT = 400_000;
const ROUTE = ['  /inventory:', '    get:', '      responses:', "        '200':", '          description: OK', '      x-amazon-apigateway-integration:', '        type: mock', '        requestTemplates:', '          application/json: \'{"statusCode": 200}\'', '        responses:', '          default:', "            statusCode: '200'", ''].join('\n');
/** What each `$EDITOR api.yaml` in the README does, in order (the README's prose says the same). */
const EDITS = [
  { file: path.join(ROOT, 'examples/petstore/v2.yaml') }, // CLI tour: v1 -> v2
  { replace: ['version: "2.0"', 'version: "3.0"'] }, // canary: v3
  { replace: ['paths:\n', `paths:\n${ROUTE}`] }, // private branch: add a route
  { replace: ['version: "3.0"', 'version: "4.0"'] }, // main: v4
  { replace: ['version: "4.0"', 'version: "5.0"'] }, // AWS CLI section: the next PutRestApi
];

export interface ReadmeCommand {
  /** 1-based line of the README where the command starts. */
  line: number;
  text: string;
  /** Exit status the README promises (a trailing `# exit N`), 0 otherwise. */
  exit: number;
}

export interface ReadmeBlock {
  line: number;
  skip?: string;
  commands: ReadmeCommand[];
}

/** The README's ```sh blocks, split into commands (continuations and heredocs kept whole). */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```sh') continue;
    const prev = lines.slice(Math.max(0, i - 2), i).join('\n');
    const skip = /<!--\s*readme-test:\s*skip:\s*(.+?)\s*-->/.exec(prev)?.[1];
    const block: ReadmeBlock = { line: i + 1, skip, commands: [] };
    let j = i + 1;
    for (; j < lines.length && lines[j].trim() !== '```'; j++) {
      const start = j;
      let text = lines[j];
      if (/^\s*(#|$)/.test(text)) continue;
      while (text.endsWith('\\') && j + 1 < lines.length) text = text.slice(0, -1) + ' ' + lines[++j].trim();
      const heredoc = /<<\s*'?(\w+)'?/.exec(text);
      if (heredoc) while (j + 1 < lines.length && lines[j].trim() !== heredoc[1]) text += '\n' + lines[++j];
      const exit = /#\s*exit (\d+)/.exec(text.split('\n')[0])?.[1];
      block.commands.push({ line: start + 1, text, exit: exit ? Number(exit) : 0 });
    }
    i = j;
    blocks.push(block);
  }
  return blocks;
}


describe('README', () => {
  it('parses continuations, heredocs, exit comments and skips', () => {
    const md = ['<!-- readme-test: skip: needs npm -->', '```sh', 'npm test', '```', 'x', '```sh', '# c', 'a \\', '  b  # note', "cat > f <<'EOF'", 'hi', 'EOF', 'gitway diff --exit-code  # exit 1 when ...', '```'].join('\n');
    expect(readmeBlocks(md)).toEqual([
      { line: 2, skip: 'needs npm', commands: [{ line: 3, text: 'npm test', exit: 0 }] },
      {
        line: 6,
        skip: undefined,
        commands: [
          { line: 8, text: 'a  b  # note', exit: 0 },
          { line: 10, text: "cat > f <<'EOF'\nhi\nEOF", exit: 0 },
          { line: 13, text: 'gitway diff --exit-code  # exit 1 when ...', exit: 1 },
        ],
      },
    ]);
  });

  it('every shell block runs as written against the built CLI', async () => {
    const blocks = readmeBlocks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    const work = tempDir('gitway-readme-');
    // The tour starts in a folder holding an API definition (the README's `cd my-api/`).
    fs.mkdirSync(path.join(work, 'my-api'));
    fs.copyFileSync(path.join(ROOT, 'examples/petstore/v1.yaml'), path.join(work, 'my-api', 'api.yaml'));
    // `gitway` on PATH is the binary npm links; `$EDITOR api.yaml` makes the next version of the example.
    const bin = path.join(work, '.bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'gitway'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(work, '.edits.json'), JSON.stringify(EDITS));
    fs.writeFileSync(
      path.join(bin, 'edit-api'),
      [
        `#!${process.execPath}`,
        "const fs = require('node:fs');",
        `const state = ${JSON.stringify(path.join(work, '.edits.json'))};`,
        "const [next, ...rest] = JSON.parse(fs.readFileSync(state, 'utf8'));",
        "if (!next) { console.error('edit-api: no more edits'); process.exit(1); }",
        'fs.writeFileSync(state, JSON.stringify(rest));',
        "const file = process.argv[2];",
        "const text = next.file ? fs.readFileSync(next.file, 'utf8') : fs.readFileSync(file, 'utf8');",
        "fs.writeFileSync(file, next.replace ? text.replace(next.replace[0], next.replace[1]) : text);",
      ].join('\n'),
      { mode: 0o755 },
    );
    const auth = { username: 'readme', password: 'readme-secret' };
    const server = await startGitHttpServer({ root: tempDir('gitway-readme-srv-'), auth });
    server.createRepo('petstore-api.git');
    const port = await freePort();
    const servePort = await freePort();
    /** The README's example hosts, made real. */
    const SUBSTITUTIONS: [RegExp, string][] = [
      [/https:\/\/git\.example\.com\/team\/petstore-api\.git/g, server.url('petstore-api.git')],
      [/127\.0\.0\.1:4010/g, `127.0.0.1:${port}`],
      [/\b4566\b/g, String(servePort)],
    ];

    const script: string[] = ['cd "$WORK"'];
    const run: ReadmeCommand[] = [];
    const skipped: string[] = [];
    for (const block of blocks) {
      if (block.skip) {
        skipped.push(`README.md:${block.line} (${block.skip})`);
        continue;
      }
      for (const cmd of block.commands) {
        let text = cmd.text;
        for (const [re, to] of SUBSTITUTIONS) text = text.replace(re, to);
        // A long-running server starts in the background (replacing the previous one) and is waited for.
        if (/^gitway preview\b/.test(text)) {
          text = `{ [ -n "$PREVIEW" ] && kill $PREVIEW && wait $PREVIEW 2>/dev/null; ${text.replace(/\s+#.*$/, '')} --port ${port} > preview.out 2> preview.err & PREVIEW=$!; for i in $(seq 1 300); do grep -q listening preview.out 2>/dev/null && break; sleep 0.1; done; grep -q listening preview.out; }`;
        }
        // A server started in the background (`gitway serve ... &`) is waited for until it answers.
        if (/\bgitway serve\b.*&\s*(#.*)?$/.test(text)) {
          text = `${text.replace(/\s+#.*$/, '').replace(/&\s*$/, '> serve.out 2>&1 &')}\nSERVE=$!\nfor i in $(seq 1 300); do curl -s -o /dev/null http://127.0.0.1:${servePort}/ && break; sleep 0.1; done`;
        }
        script.push(`printf '\\n@@begin ${run.length}\\n'`, text, `printf '\\n@@rc ${run.length} %s\\n' $?`);
        run.push(cmd);
      }
    }
    script.push('[ -n "$PREVIEW" ] && kill $PREVIEW', '[ -n "$SERVE" ] && { pkill -P $SERVE; kill $SERVE; }', 'true');
    fs.writeFileSync(path.join(work, 'readme.sh'), script.join('\n') + '\n');

    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('bash', [path.join(work, 'readme.sh')], {
        cwd: work,
        env: { ...ENV, GITWAY_USERNAME: auth.username, GITWAY_PASSWORD: auth.password, WORK: work, PATH: `${bin}:${process.env.PATH}`, EDITOR: 'edit-api', HOME: work, GIT_CONFIG_NOSYSTEM: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group: a hung command and the servers started in the background
        // (which hold the output pipe open) are all killed together.
        detached: true,
      });
      const killAll = () => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      };
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      // Never wait forever: a command that hangs is reported as 'not run' for the rest.
      const timer = setTimeout(killAll, TIMEOUT - 30_000);
      child.on('error', reject);
      // When the script ends (or dies of a syntax error), servers it left behind go too.
      child.on('exit', killAll);
      child.on('close', () => {
        clearTimeout(timer);
        killAll();
        resolve(text);
      });
    });
    const results = run.map((cmd, i) => {
      const rc = new RegExp(`^@@rc ${i} (\\d+)$`, 'm').exec(out)?.[1];
      const output = out.split(`@@begin ${i}\n`)[1]?.split(`@@rc ${i} `)[0] ?? '';
      return { at: `README.md:${cmd.line}`, command: cmd.text.split('\n')[0], expected: cmd.exit, got: rc === undefined ? 'not run' : Number(rc), output: output.trim().split('\n').slice(-3).join(' | ') };
    });
    process.stdout.write(`README: ${results.length} commands run, ${skipped.length} blocks skipped: ${skipped.join('; ')}\n`);
    expect(results.filter((r) => r.got !== r.expected)).toEqual([]);
    expect(results.length).toBeGreaterThan(40);
  }, TIMEOUT);
});
