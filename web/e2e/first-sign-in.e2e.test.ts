import { readFile } from 'node:fs/promises';
import * as OTPAuth from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { decideMembershipRequest, listMembershipRequests } from '../../src/modules/users/membership-requests.service.js';
import { actorByEmail } from '../../src/modules/users/users.service.js';
import { buildUser, TEST_PASSWORD } from '../../tests/helpers/app.js';
import { startTestServer, type TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, collectBrowserErrors, heading, launchChromium, screenshot, visibleText } from './support.js';

/**
 * A hotline operator's first sign-in, in a real browser, in French and in English. An
 * administrator creates the account with a generated password and copies it; the operator opens
 * the calls page, signs in with it and is taken to choose a password of their own (nothing else
 * opens before); then, since hotline calls need a second factor, to enrolment: the password, a QR
 * code drawn by the server (no request leaves the server's origin), the key as text in groups, a
 * first code computed here from that key, and the recovery codes shown once (copied, downloaded);
 * then on to the calls page they asked for. Screenshots of each step at 1366×900 and 390×844, and
 * axe on each page. Needs dist/web (`npm run build`) and Chromium at /usr/bin/chromium.
 */

const WIDE = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

const TEXT = {
  fr: {
    signInTitle: 'Connexion',
    home: 'Mon travail',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    signOut: 'Se déconnecter',
    users: 'Utilisateurs',
    accounts: 'Comptes du personnel',
    name: 'Nom',
    unit: 'Unité (affectation 1)',
    role: 'Rôle (affectation 1)',
    generate: 'Générer un mot de passe',
    create: 'Créer le compte',
    generated: 'Mot de passe généré',
    copyPassword: 'Copier le mot de passe',
    passwordCopied: 'Mot de passe copié dans le presse-papiers.',
    mustChange: 'Mot de passe à changer',
    passwordTitle: 'Choisissez votre mot de passe',
    given: 'Mot de passe reçu',
    newPassword: 'Nouveau mot de passe',
    confirm: 'Confirmer le nouveau mot de passe',
    savePassword: 'Enregistrer mon mot de passe',
    totpTitle: 'Activer la double authentification',
    showKey: 'Afficher ma clé',
    secret: 'Clé secrète',
    qr: 'Code QR de la clé de double authentification de Mandat pour',
    code: 'Code à six chiffres',
    enable: 'Activer la double authentification',
    codes: 'Codes de secours',
    copyCodes: 'Copier les codes',
    codesCopied: 'Codes copiés dans le presse-papiers.',
    download: 'Télécharger les codes',
    print: 'Imprimer les codes',
    continue: 'J’ai mis les codes en lieu sûr, continuer',
    calls: 'Appels',
    account: 'Mon compte',
  },
  en: {
    signInTitle: 'Sign in',
    home: 'My work',
    email: 'E-mail address',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    users: 'Users',
    accounts: 'Staff accounts',
    name: 'Name',
    unit: 'Unit (assignment 1)',
    role: 'Role (assignment 1)',
    generate: 'Generate a password',
    create: 'Create the account',
    generated: 'Generated password',
    copyPassword: 'Copy the password',
    passwordCopied: 'Password copied to the clipboard.',
    mustChange: 'Password to change',
    passwordTitle: 'Choose your password',
    given: 'Password you were given',
    newPassword: 'New password',
    confirm: 'Confirm the new password',
    savePassword: 'Save my password',
    totpTitle: 'Turn on two-factor authentication',
    showKey: 'Show my key',
    secret: 'Secret key',
    qr: 'QR code of the Mandat two-factor key for',
    code: 'Six-digit code',
    enable: 'Turn on two-factor authentication',
    codes: 'Recovery codes',
    copyCodes: 'Copy the codes',
    codesCopied: 'Codes copied to the clipboard.',
    download: 'Download the codes',
    print: 'Print the codes',
    continue: 'I have put the codes somewhere safe, continue',
    calls: 'Calls',
    account: 'My account',
  },
} as const;

type Locale = keyof typeof TEXT;

const HRPD_MANAGER = { name: 'Boubacar Sidibé', email: 'boubacar.sidibe@minusma.test' };
const ADMINS = {
  fr: { name: 'Kadiatou Keïta', email: 'kadiatou.keita@minusma.test' },
  en: { name: 'Fatoumata Coulibaly', email: 'fatoumata.coulibaly@minusma.test' },
};
const OPERATORS = {
  fr: { name: 'Mariam Diarra', email: 'mariam.diarra@minusma.test', password: 'le fleuve Niger à Gao' },
  en: { name: 'Ibrahim Touré', email: 'ibrahim.toure@minusma.test', password: 'the Niger river at Gao' },
};

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  await buildUser(server.ctx, { ...HRPD_MANAGER, memberships: [{ unit: 'HRPD', role: 'manager' }] });
  for (const locale of ['fr', 'en'] as const) {
    await buildUser(server.ctx, { ...ADMINS[locale], admin: true, locale, secondFactor: false });
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A screenshot at both sizes, the page as it is, then back to the size the walk runs at. */
async function bothSizes(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
  for (const [label, other] of [
    ['wide', WIDE],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(other);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${label} scrolls sideways`).toBeLessThanOrEqual(0);
    await screenshot(page, `${name}-${label}`);
  }
  await page.setViewportSize(size);
}

async function signIn(page: Page, locale: Locale, email: string, password: string): Promise<void> {
  const text = TEXT[locale];
  await heading(page, text.signInTitle);
  await page.getByLabel(text.email).fill(email);
  await page.getByLabel(text.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: text.signIn }).click();
}

async function signOut(page: Page, locale: Locale, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name, exact: true }).click();
  await page.getByRole('button', { name: TEXT[locale].signOut }).click();
  await heading(page, TEXT[locale].signInTitle);
}

/** The HRPD manager approves the operator's membership, as the account page lets them. */
async function approveMembership(email: string): Promise<void> {
  const manager = await actorByEmail(server.ctx, HRPD_MANAGER.email);
  const request = (await listMembershipRequests(server.ctx, manager)).find((r) => r.user.email === email);
  expect(request, `a pending request for ${email}`).toBeDefined();
  await decideMembershipRequest(server.ctx, manager, request?.id ?? '', 'approve');
}

const WALKS: [Locale, { width: number; height: number }][] = [
  ['fr', WIDE],
  ['en', PHONE],
];

test.each(WALKS)(
  'a hotline operator created with a generated password changes it, enrols a second factor and reaches the calls (%s)',
  async (locale, size) => {
    const text = TEXT[locale];
    const admin = ADMINS[locale];
    const operator = OPERATORS[locale];
    const context: BrowserContext = await browser.newContext({
      viewport: size,
      locale: locale === 'fr' ? 'fr-FR' : 'en-GB',
      acceptDownloads: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const errors: string[] = [];
    collectBrowserErrors(page, errors);
    // Every request the app makes stays on the server's origin: the QR code included.
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
    });

    try {
      // 1. The administrator creates the operator's account with a generated password, and copies it.
      await page.goto(`${server.url}/login`);
      // The interface starts in French on a new device.
      if (locale === 'en') {
        const menu = page.getByRole('button', { name: 'Menu', exact: true });
        if (await menu.isVisible()) await menu.click();
        await page.getByRole('button', { name: 'EN', exact: true }).click();
      }
      await signIn(page, locale, admin.email, TEST_PASSWORD);
      await heading(page, text.home);
      await page.goto(`${server.url}/admin/users`);
      await heading(page, text.users);
      await page.getByLabel(text.name, { exact: true }).fill(operator.name);
      await page.getByLabel(text.email).fill(operator.email);
      await page.getByLabel(text.unit).selectOption('HRPD');
      await page.getByLabel(text.role).selectOption('operator');
      await page.getByLabel(text.generate).check();
      await page.getByRole('button', { name: text.create }).click();
      const generatedField = page.getByLabel(text.generated);
      await generatedField.waitFor();
      await page.getByRole('button', { name: text.copyPassword }).click();
      await page.getByRole('status').filter({ hasText: text.passwordCopied }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await generatedField.inputValue());
      expect(copied).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
      const row = page.getByRole('table', { name: text.accounts }).getByRole('row', { name: new RegExp(operator.name) });
      await expect.poll(() => visibleText(row)).toContain(text.mustChange);
      expect(await accessibilityViolations(page)).toEqual([]);
      await bothSizes(page, `first-sign-in-${locale}-01-password-generated`, size);
      await signOut(page, locale, admin.name);
      // Operators of a line answer for confidential calls: the membership waits for the unit's manager.
      await approveMembership(operator.email);

      // 2. The operator opens the calls page, signs in with the copied password, and must choose their own.
      await page.goto(`${server.url}/protection/appels`);
      await signIn(page, locale, operator.email, copied);
      await heading(page, text.passwordTitle);
      expect(new URL(page.url()).searchParams.get('next')).toBe('/protection/appels');
      expect(await page.locator('nav.main-nav').count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await bothSizes(page, `first-sign-in-${locale}-02-password-change`, size);
      // Nothing else opens before: another page leads back here, and is where the person goes on to after.
      await page.goto(`${server.url}/incidents`);
      await heading(page, text.passwordTitle);
      expect(new URL(page.url()).searchParams.get('next')).toBe('/incidents');
      await page.goto(`${server.url}/protection/appels`);
      await heading(page, text.passwordTitle);
      await page.getByLabel(text.given).fill(copied);
      await page.getByLabel(text.newPassword, { exact: true }).fill(operator.password);
      await page.getByLabel(text.confirm).fill(operator.password);
      await page.getByRole('button', { name: text.savePassword }).click();

      // 3. Calls need a second factor: enrolment comes next, before any form.
      await heading(page, text.totpTitle);
      await page.getByLabel(text.password, { exact: true }).fill(operator.password);
      await bothSizes(page, `first-sign-in-${locale}-03-enrol-password`, size);
      await page.getByRole('button', { name: text.showKey }).click();
      const qr = page.getByRole('img', { name: new RegExp(text.qr) });
      await qr.waitFor();
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      const grouped = await page.getByLabel(text.secret).inputValue();
      expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
      expect(await visibleText(page.getByRole('main'))).toContain(operator.email);
      expect(await accessibilityViolations(page)).toEqual([]);
      await bothSizes(page, `first-sign-in-${locale}-04-enrol-qr`, size);
      const code = new OTPAuth.TOTP({
        issuer: 'Mandat',
        label: operator.email,
        secret: OTPAuth.Secret.fromBase32(grouped.replace(/ /g, '')),
      }).generate({
        timestamp: server.ctx.now().getTime(),
      });
      await page.getByLabel(text.code).fill(code);
      await page.getByRole('button', { name: text.enable }).click();

      // 4. The recovery codes, this once: copied, downloaded, printable.
      const list = page.getByRole('list', { name: text.codes });
      await list.waitFor();
      const codes = await list.locator('code').allInnerTexts();
      expect(codes).toHaveLength(10);
      await page.getByRole('button', { name: text.copyCodes }).click();
      await page.getByRole('status').filter({ hasText: text.codesCopied }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join('\n'));
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: text.download }).click()]);
      const file = await readFile((await download.path()) ?? '', 'utf8');
      for (const recovery of codes) expect(file).toContain(recovery);
      expect(file).toContain(operator.email);
      expect(await page.getByRole('button', { name: text.print }).isVisible()).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
      await bothSizes(page, `first-sign-in-${locale}-05-recovery-codes`, size);
      await page.getByRole('button', { name: text.continue }).click();

      // 5. On to the calls page asked for at first.
      await heading(page, text.calls);
      expect(new URL(page.url()).pathname).toBe('/protection/appels');
      expect(await page.locator('nav.main-nav').count()).toBeGreaterThan(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await bothSizes(page, `first-sign-in-${locale}-06-calls`, size);

      // 6. Never shown again: the account page has no codes to show.
      await page.goto(`${server.url}/account`);
      await heading(page, text.account);
      expect(await page.getByRole('list', { name: text.codes }).count()).toBe(0);
      const content = await page.content();
      for (const recovery of codes) expect(content).not.toContain(recovery);
      await signOut(page, locale, operator.name);

      expect(elsewhere).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  },
  180_000,
);

test('an administrator resets the operator’s password: generated, copied, to be changed at the next sign-in', async () => {
  const text = TEXT.fr;
  const operator = OPERATORS.fr;
  const context = await browser.newContext({ viewport: WIDE, locale: 'fr-FR' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const errors: string[] = [];
  collectBrowserErrors(page, errors);
  try {
    await page.goto(`${server.url}/login`);
    await signIn(page, 'fr', ADMINS.fr.email, TEST_PASSWORD);
    await heading(page, text.home);
    await page.goto(`${server.url}/admin/users`);
    await heading(page, text.users);
    await page.getByRole('button', { name: `Modifier ${operator.name}` }).click();
    await page.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    expect(await visibleText(page.getByRole('main'))).toContain('Le mot de passe actuel de Mariam Diarra cessera de fonctionner');
    await page.getByRole('button', { name: 'Confirmer la réinitialisation' }).click();
    await page.getByText(`Nouveau mot de passe généré pour ${operator.name}.`).waitFor();
    const generated = await page.getByLabel(text.generated).inputValue();
    await page.getByRole('button', { name: text.copyPassword }).click();
    await page.getByRole('status').filter({ hasText: text.passwordCopied }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(generated);
    const row = page.getByRole('table', { name: text.accounts }).getByRole('row', { name: new RegExp(operator.name) });
    await expect.poll(() => visibleText(row)).toContain(text.mustChange);
    expect(await accessibilityViolations(page)).toEqual([]);
    await bothSizes(page, 'first-sign-in-fr-07-password-reset', WIDE);
    const stored = await server.ctx.database.db
      .selectFrom('users')
      .select(['password_must_change', 'totp_secret'])
      .where('email', '=', operator.email)
      .executeTakeFirstOrThrow();
    expect(stored.password_must_change).toBe(1);
    // The second factor stays: the administrator who knows the password still cannot sign in.
    expect(stored.totp_secret).not.toBeNull();
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 120_000);
