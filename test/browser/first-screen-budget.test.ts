import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { LocalHost } from '../../dev/host/local-host';
import { launchBrowser, newPage, openPage, requireBuiltPage, ROOT, startHost } from './browser-harness';
import { scenarioFile } from '../helpers';

/**
 * The first screen (the Connection tab) loads within the gzip budget stated in BENCHMARKS.md;
 * the other tabs' code arrives when they are opened.
 */

jest.setTimeout(60_000);

/** BENCHMARKS.md, "Admin page size". */
const FIRST_SCREEN_GZIP_BUDGET = 260 * 1024;

let browser: Browser;
let demo: LocalHost;

beforeAll(async () => {
  requireBuiltPage();
  browser = await launchBrowser();
  demo = await startHost(scenarioFile('demo'));
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

test('the Connection tab loads within the gzip budget, without the other tabs’ code', async () => {
  const { context, page } = await newPage(browser);
  const files: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/assets/') || url.pathname === '/')
      files.push(url.pathname === '/' ? 'index.html' : url.pathname.slice(1));
  });
  await openPage(page, demo.url);
  await page.getByRole('heading', { name: 'Microsoft Entra connection' }).waitFor();
  await page.waitForLoadState('networkidle');
  const sizes = files.map((f) => ({
    file: f,
    gzip: zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'static/admin/dist', f))).length,
  }));
  const total = sizes.reduce((n, s) => n + s.gzip, 0);
  expect(files.some((f) => /history-tab|sync-tab|explain-tab/.test(f))).toBe(false);
  // On failure the list says which file grew.
  expect({ total, withinBudget: total <= FIRST_SCREEN_GZIP_BUDGET, sizes }).toMatchObject({ withinBudget: true });
  await context.close();
});
