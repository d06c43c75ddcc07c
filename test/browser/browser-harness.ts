import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { LocalHost } from '../../dev/host/local-host';
import { startLocalHost } from '../../dev/host/local-host';
import type { Scenario } from '../../dev/scenario/scenario';
import { scenarioFile } from '../helpers';

/** Shared pieces of the browser tests: Debian's Chromium, the local host, and screenshots. */

export const ROOT = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');
export const DOCS_SCREENSHOTS = path.join(ROOT, 'docs/screenshots');

export function requireBuiltPage(): void {
  const index = path.join(ROOT, 'static/admin/dist/index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `The admin page is not built (${index} is missing). Run \`npm run build:ui\` first; \`npm test\` does it for you.`,
    );
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. Install Debian's package: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A host whose scheduled tick never fires during a test: only the test's clicks start runs. */
export function startHost(s: Scenario): Promise<LocalHost> {
  return startLocalHost({ scenario: s, port: 0, tickMs: 3_600_000 });
}

export async function newPage(
  browser: Browser,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 900 },
    colorScheme,
    acceptDownloads: true,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Opens the page and waits until the design tokens are applied and the settings are loaded. */
export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-color-mode'));
}

/** Committed screenshots stay small; a long page is cut to the viewport for docs/. */
const DOCS_MAX_BYTES = 300 * 1024;

/**
 * Saves a full-page screenshot to test-artifacts/screenshots; with `docs` set and
 * UPDATE_SCREENSHOTS=1 in the environment, also the README's copy in docs/screenshots (a test run
 * never changes tracked files otherwise).
 */
export async function screenshot(page: Page, name: string, docs = false): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  if (!docs || process.env.UPDATE_SCREENSHOTS !== '1') return;
  fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  const target = path.join(DOCS_SCREENSHOTS, `${name}.png`);
  if (fs.statSync(file).size <= DOCS_MAX_BYTES) fs.copyFileSync(file, target);
  else await page.screenshot({ path: target, fullPage: false, animations: 'disabled' });
}

/** The resolvers the page calls, in order, as it calls them (a live list). */
export function resolverCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    if (!request.url().endsWith('/__forge/invoke')) return;
    const body = JSON.parse(request.postData() ?? '{}') as { functionKey?: string };
    if (body.functionKey) calls.push(body.functionKey);
  });
  return calls;
}

export async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

/**
 * Makes the page's bridge answer `name` with each of `answers` in turn (the last one repeats),
 * wrapping `globalThis.__bridge` whatever transport the host gives it. For page states a local
 * run passes too quickly to see (a long apply, a failure after writes, a status from a newer app).
 */
export async function stubResolvers(page: Page, stubs: Record<string, unknown[]>): Promise<void> {
  await page.addInitScript((answers: Record<string, unknown[]>) => {
    const served: Record<string, number> = {};
    let bridge: { callBridge: (name: string, args: { functionKey: string }) => Promise<unknown> } | undefined;
    Object.defineProperty(globalThis, '__bridge', {
      configurable: true,
      get: () => bridge,
      set: (value: NonNullable<typeof bridge>) => {
        const original = value.callBridge.bind(value);
        bridge = {
          ...value,
          callBridge: async (name, args) => {
            const list = name === 'invoke' ? answers[args.functionKey] : undefined;
            if (!list || list.length === 0) return original(name, args);
            const index = Math.min(served[args.functionKey] ?? 0, list.length - 1);
            served[args.functionKey] = index + 1;
            return { ok: true, data: list[index] };
          },
        };
      },
    });
  }, stubs);
}

/** Chooses an option of an Atlassian select (a combobox) by its label and the option's text. */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  // A select that cannot be typed in has a 1-pixel input: open it from the keyboard.
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.focus();
  await box.press('ArrowDown');
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * One browser for a test file and the hosts its tests start, closed after the file; `host` starts
 * a local host on a scenario (optionally changed) and keeps it for closing.
 */
export function browserSuite(): {
  browser: () => Browser;
  host: (name: string, change?: (s: Scenario) => void) => Promise<LocalHost>;
} {
  let browser: Browser | undefined;
  const hosts: LocalHost[] = [];
  beforeAll(async () => {
    requireBuiltPage();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(hosts.map((h) => h.stop()));
  });
  return {
    browser: () => {
      if (!browser) throw new Error('The browser is not started yet.');
      return browser;
    },
    host: async (name, change) => {
      const started = await startHost(scenarioFile(name, change));
      hosts.push(started);
      return started;
    },
  };
}

export const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

export async function expectVisible(locator: ReturnType<Page['locator']>, timeout = 15_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

/** Polls the host (not the page) until `check` holds. */
export async function waitFor(check: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  const until = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('Timed out waiting for the host.');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** On a removal-threshold host: Sync now from the page (no preview, so it asks first), held for approval. */
export async function holdRunFromPage(page: Page): Promise<void> {
  await tab(page, 'Preview & sync').click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Sync without a preview' }).click();
  await expectVisible(page.getByText('A sync is waiting for your approval'), 30_000);
}
