import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, launchChromium } from './support.js';

/**
 * Every page of the shell, signed out and signed in, in French and English, checked with axe-core
 * against WCAG 2 A/AA rules (labels, contrast, landmarks, names).
 */
const SIGNED_IN = [
  '/',
  '/account',
  '/admin/users',
  '/admin/audit',
  '/no-such-page',
  '/fiche',
  '/fiche/UNPOL',
  '/effectifs',
  '/recherche?q=menaka',
  '/sections/FORCE',
  '/protection',
  '/protection/nouveau',
  '/protection/appels',
  '/protection/statistiques',
  '/protection/statistiques?programme=misconduct&year=2020&rows=quarter&columns=personnel&count=individuals',
];

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, 120_000);

test.each(['fr', 'en'] as const)(
  'no serious accessibility violation on any page (%s)',
  async (locale) => {
    const context = await browser.newContext({ locale: locale === 'fr' ? 'fr-FR' : 'en-GB', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript((lang) => window.localStorage.setItem('mandat.locale', lang), locale);
    const violations: string[] = [];
    const audit = async (path: string) => {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      for (const violation of await accessibilityViolations(page)) violations.push(`${path}: ${violation}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    };
    for (const path of ['/login', `/setup?token=${server.setupToken}`]) await audit(path);
    if (locale === 'fr') {
      const setup = await context.request.post(`${server.url}/api/setup`, {
        data: { token: server.setupToken, email: 'admin@minusma.test', name: 'Admin', password: 'une phrase de passe sûre', locale },
      });
      expect(setup.status()).toBe(200);
    } else {
      const login = await context.request.post(`${server.url}/api/auth/login`, {
        data: { email: 'admin@minusma.test', password: 'une phrase de passe sûre' },
      });
      expect(login.status()).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const saved = await context.request.patch(`${server.url}/api/auth/me`, { data: { locale }, headers: { 'x-csrf-token': csrfToken } });
      expect(saved.status()).toBe(200);
    }
    for (const path of SIGNED_IN) await audit(path);
    await context.close();
    expect(violations).toEqual([]);
  },
  120_000,
);
