import { it } from 'vitest';
import { scenario } from './fixture.js';
import { launch } from './browser.js';
it('look', async () => {
  const s = await scenario();
  for (const scheme of ['light', 'dark'] as const) {
    const { page, close } = await launch({ colorScheme: scheme });
    await page.goto(`${s.base}/_gitway/stages/prod`);
    const h = await page.evaluate(() => document.body.scrollHeight);
    for (let y = 0, i = 0; y < h && i < 6; y += 1100, i++) {
      await page.screenshot({ path: `/tmp/look-${scheme}-${i}.png`, clip: { x: 0, y, width: 1280, height: 1100 }, fullPage: true });
    }
    await page.fill('#ms-1-caching-ttlInSeconds', '9999');
    await page.click('#ms-form button[type=submit]');
    await page.waitForTimeout(500);
    await page.locator('#ms-form').screenshot({ path: `/tmp/look-${scheme}-err.png` });
    await page.fill('#ms-1-caching-ttlInSeconds', '60');
    await page.click('#ms-form button[type=submit]');
    await page.waitForSelector('#review-dialog[open]');
    await page.screenshot({ path: `/tmp/look-${scheme}-dialog.png` });
    await close();
  }
  await s.close();
}, 120_000);
