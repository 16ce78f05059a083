import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import type { Dialect } from '../../src/db/schema.js';
import { seedFactbook } from '../../src/modules/organisation/sections.service.js';
import type { Config } from '../../src/platform/config.js';
import { projectRoot } from '../../src/platform/paths.js';
import { buildApp } from '../../src/server/app.js';
import { TEST_PASSWORD } from '../../tests/helpers/app.js';
import { createTestContext, type DIALECTS, type TestContext } from '../../tests/helpers/db.js';
import { freePort } from '../../tests/helpers/process.js';
import { startTestServer, type TestServer } from '../../tests/helpers/server.js';

/** Shared by the browser tests: Debian's Chromium, screenshots, visible text, accessibility. */

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** Headless, sandbox-free (root in CI), and quiet on a machine without internet access. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Collects script errors and CSP violations: the strict CSP must not block anything a page needs. */
export function collectBrowserErrors(page: Page, into: string[]): void {
  page.on('pageerror', (error) => into.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(message.text())) into.push(`csp: ${message.text()}`);
  });
}

/** The text a person sees, with every kind of space (Intl's narrow no-break spaces too) as one space. */
export async function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the tests assert on rendered, visible text.
  return (await locator.innerText()).replace(/\s+/g, ' ');
}

/** Serious and critical WCAG 2 A/AA violations on the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.nodes.length}) ${violation.help}`);
}

/** A browser on a fresh test server: a French desktop page, with its script and CSP errors collected. */
export interface BrowserFixture {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/** `config`: settings of the server beside the test defaults (a base map file, a tile server); `dialect`: its database. */
export async function openApp(config: Partial<Config> = {}, dialect: Dialect = 'sqlite'): Promise<BrowserFixture> {
  const server = await startTestServer(config, dialect);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  collectBrowserErrors(page, errors);
  return {
    server,
    browser,
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await browser.close();
      await server.close();
    },
  };
}

/** Saves what the page shows under test-results/screenshots/<name>.png, the whole page unless told. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage });
}

/** Waits for the page's <h1> and returns it, so assertions read what the user reads. */
export async function heading(page: Page, name: string | RegExp): Promise<Locator> {
  const h1 = page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' ? true : undefined });
  await h1.waitFor();
  return h1;
}

/** A JSON request to the test server as one signed-in account; a non-2xx answer throws with its body. */
export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Signs `email` in through the API, as a script would, and sends its requests with that session's cookie and CSRF token, in French. */
export async function signedInCaller(server: TestServer, email: string): Promise<ApiCall> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('mandat_session='))
    ?.split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  if (!cookie) throw new Error(`no session for ${email}: ${login.status}`);
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'accept-language': 'fr', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/**
 * Opens a group of the main navigation (behind the menu button on a phone) and, given `link`,
 * follows that link of it. Returns the navigation, so a test can also look at what the group holds.
 */
export async function navigate(page: Page, group: string, link?: string): Promise<Locator> {
  const nav = page.getByRole('navigation', { name: /^(Navigation principale|Main navigation)$/ });
  const menu = page.locator('.menu-toggle');
  const toggle = nav.getByRole('button', { name: group, exact: true });
  // A page still settling (a redirect after sign-in, a re-render) may close the group it opened:
  // open it again until the link is clicked.
  for (let attempt = 1; ; attempt++) {
    try {
      if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      if (link !== undefined) await nav.getByRole('link', { name: link, exact: true }).click({ timeout: 3_000 });
      return nav;
    } catch (error) {
      if (attempt >= 8) throw error;
    }
  }
}

/** A server on a fixed port that can be stopped and started again on the same database (the offline tests). */
export interface RestartableServer {
  url: string;
  ctx: TestContext;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** Starts a `RestartableServer` on `dialect`, with the fact book loaded, serving the built web app. */
export async function startRestartableServer(dialect: (typeof DIALECTS)[number]): Promise<RestartableServer> {
  const ctx = await createTestContext(dialect, { webRoot: join(projectRoot(), 'dist', 'web') });
  await seedFactbook(ctx, { id: null, label: 'system' });
  const port = await freePort();
  let app: FastifyInstance | null = null;
  const server: RestartableServer = {
    url: `http://localhost:${port}`,
    ctx,
    start: async () => {
      app = await buildApp(ctx, { logger: false });
      await app.listen({ port, host: '127.0.0.1' });
      const listening = (app.server.address() as AddressInfo).port;
      if (listening !== port) throw new Error(`listening on ${listening}, not ${port}`);
    },
    stop: async () => {
      await app?.close();
      app = null;
    },
  };
  await server.start();
  return server;
}

/**
 * Chromium on a profile kept on disk (it may be closed and launched again on the same IndexedDB), a
 * French desktop page, its script and CSP errors collected into `errors`. The outbox alone: the
 * service worker, which keeps the shell and copies of reading, has its own test (offline-app).
 */
export async function launchOutboxBrowser(profile: string, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 800 },
    locale: 'fr-FR',
    serviceWorkers: 'block',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  collectBrowserErrors(page, errors);
  return { context, page };
}

/** How many records the device's outbox holds, read from IndexedDB itself. */
export function outboxRecordCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('mandat-outbox');
        open.onsuccess = () => {
          const count = open.result.transaction('records').objectStore('records').count();
          count.onsuccess = () => resolve(count.result);
        };
      }),
  );
}

/** Signs `email` in through the sign-in page, in French, and waits for the home page. */
export async function signInThroughForm(page: Page, url: string, email: string): Promise<void> {
  await page.goto(`${url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await heading(page, 'Mon travail');
}
