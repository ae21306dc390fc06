/**
 * Launches Debian's Chromium (/usr/bin/chromium) headless through playwright-core — never a downloaded browser —
 * with a fresh user-data-dir that is removed on close. Network requests that leave the machine are aborted and
 * recorded, so that a test runs the same with and without internet and can report what the UI tried to fetch.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../scripts/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissingReason(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `${CHROMIUM_PATH} is not installed (apt-get install chromium); browser tests skipped`;
}

export interface HeadlessBrowser {
  page: Page;
  context: BrowserContext;
  /** URLs outside localhost that the page tried to load (aborted). */
  externalRequests: string[];
  close(): Promise<void>;
}

const LOCAL = /^(https?|wss?):\/\/(localhost|127\.0\.0\.1)(:\d+)?\//;

export async function launchHeadless(options: { locale?: string } = {}): Promise<HeadlessBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'remedy-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: 1400, height: 1000 },
    locale: options.locale ?? 'en-US',
  });
  const externalRequests: string[] = [];
  await context.route(
    (url) => !LOCAL.test(url.href) && !url.href.startsWith('data:') && !url.href.startsWith('blob:'),
    (route) => {
      externalRequests.push(route.request().url());
      return route.abort('internetdisconnected');
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    externalRequests,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
