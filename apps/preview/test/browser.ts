import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(HERE, '../../../test-output/screenshots');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const run = promisify(execFile);

/** One headless Chromium (Debian's) with a throw-away profile; `problems` collects console errors and page errors. */
export async function launch(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<{ browser: BrowserContext; page: Page; problems: string[]; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the dashboard browser tests need Debian's chromium (apt-get install chromium; .ci/run installs it)`);
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gitway-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, colorScheme: options.colorScheme });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const problems: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
  return {
    browser,
    page,
    problems,
    close: async () => {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The built CLI as a separate process (test-utils' one helper). */
export { gitwayProcess as gitway } from '@gitway/test-utils';

/** Subjects of the stage's own history, newest first, as native git shows them. */
export async function stageLog(gitdir: string, stage: string): Promise<string[]> {
  const { stdout } = await run('git', ['--git-dir', gitdir, 'log', '--first-parent', '--format=%s', `refs/stages/${stage}`], { encoding: 'utf8' });
  return stdout.trim().split('\n');
}
