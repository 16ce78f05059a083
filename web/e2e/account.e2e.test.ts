import * as OTPAuth from 'otpauth';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildUser, TEST_PASSWORD, totpCode } from '../../tests/helpers/app.js';
import type { TestServer } from '../../tests/helpers/server.js';
import { accessibilityViolations, type BrowserFixture, heading, navigate, openApp, screenshot, visibleText } from './support.js';

/**
 * The account's security in a real browser, against the real server. An administrator enrols
 * two-step sign-in with the password, confirms it with a first code and is shown ten recovery
 * codes once; renews them with the password and a recovery code instead of a code from the app;
 * creates a read-only API token, which is shown once, reads with it and cannot write, then revokes
 * it; and signs in again with a recovery code, as after losing the phone. The administrator then
 * asks for an HRPD membership for an account: it waits, marked as such, because the unit holds
 * confidential content; the administrator cannot decide it, an HRPD manager approves it from the
 * account page, and it takes effect. Screenshots and axe on each page. Needs dist/web (the test
 * command builds it first) and Chromium at /usr/bin/chromium.
 */

const ADMIN = { name: 'Kadiatou Keïta', email: 'kadiatou.keita@minusma.test' };
const HRPD_MANAGER = { name: 'Boubacar Sidibé', email: 'boubacar.sidibe@minusma.test' };
const NEWCOMER = { name: 'Oumou Sow', email: 'oumou.sow@minusma.test' };
const TOKEN_LABEL = 'Export hebdomadaire';

let app: BrowserFixture;
let server: TestServer;
let page: Page;
let browserErrors: string[];
/** The recovery codes the administrator was last shown. */
let recoveryCodes: string[] = [];

beforeAll(async () => {
  app = await openApp();
  ({ server, page, errors: browserErrors } = app);
  await buildUser(server.ctx, { ...ADMIN, admin: true, secondFactor: false });
  await buildUser(server.ctx, { ...HRPD_MANAGER, memberships: [{ unit: 'HRPD', role: 'manager' }] });
  await buildUser(server.ctx, { ...NEWCOMER, memberships: [] });
}, 60_000);

afterAll(async () => app?.close());

function card(title: string): Locator {
  return page.locator('section.card').filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
}

function mainText(): Promise<string> {
  return visibleText(page.getByRole('main'));
}

async function signIn(user: { email: string }, secondFactor?: { recoveryCode: string }): Promise<void> {
  await page.goto(`${server.url}/login`);
  await heading(page, 'Connexion');
  await page.getByLabel('Adresse e-mail').fill(user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  if (secondFactor) {
    await page.getByLabel('Code d’authentification').waitFor();
    await page.getByRole('button', { name: 'Utiliser un code de secours (téléphone perdu)' }).click();
    await page.getByLabel('Code de secours').fill(secondFactor.recoveryCode);
    await screenshot(page, 'account-05-login-recovery-code');
    await page.getByRole('button', { name: 'Se connecter' }).click();
  } else {
    const code = await totpCode(user.email);
    if (code) {
      await page.getByLabel('Code d’authentification').fill(code);
      await page.getByRole('button', { name: 'Se connecter' }).click();
    }
  }
  await heading(page, 'Mon travail');
}

async function signOut(user: { name: string }): Promise<void> {
  await page.getByRole('button', { name: user.name, exact: true }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await heading(page, 'Connexion');
}

async function openAccount(): Promise<void> {
  await page.goto(`${server.url}/account`);
  await heading(page, 'Mon compte');
}

async function shownRecoveryCodes(): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Codes de secours' });
  await list.waitFor();
  return list.locator('code').allInnerTexts();
}

/** A request with a bearer token, as a script would send it. */
function withToken(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

test('an administrator enrols two-step sign-in, keeps the recovery codes, uses a read token once, and signs in with a recovery code', async () => {
  await signIn(ADMIN);
  await openAccount();
  const totp = card('Double authentification');
  expect(await visibleText(totp)).toContain('La double authentification n’est pas activée.');

  // 1. Generating a key asks for the password first; a wrong one is refused.
  await totp.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
  await totp.getByRole('button', { name: 'Générer une clé' }).click();
  await totp.getByRole('alert').waitFor();
  expect(await visibleText(totp.getByRole('alert'))).toContain('Le mot de passe actuel est incorrect.');
  await totp.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await totp.getByRole('button', { name: 'Générer une clé' }).click();
  const secretField = totp.getByLabel('Clé secrète');
  await secretField.waitFor();
  // Shown in groups of four, as people type it.
  const secret = (await secretField.inputValue()).replace(/ /g, '');
  expect(await totp.getByRole('img', { name: /Code QR de la clé/ }).getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  await screenshot(page, 'account-01-totp-key');

  // 2. A first code turns it on; the ten recovery codes are shown once, in their own block.
  const code = new OTPAuth.TOTP({ issuer: 'Mandat', label: ADMIN.email, secret: OTPAuth.Secret.fromBase32(secret) }).generate({
    timestamp: server.ctx.now().getTime(),
  });
  await totp.getByLabel('Code à six chiffres').fill(code);
  await totp.getByRole('button', { name: 'Activer la double authentification' }).click();
  recoveryCodes = await shownRecoveryCodes();
  expect(recoveryCodes).toHaveLength(10);
  for (const recovery of recoveryCodes) expect(recovery).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4})+$/);
  let text = await visibleText(totp);
  expect(text).toContain('La double authentification est activée.');
  expect(text).toContain('Vos autres sessions ont été fermées.');
  expect(text).toContain('Ils ne seront plus jamais affichés.');
  expect(await totp.getByRole('button', { name: 'Copier les codes' }).isVisible()).toBe(true);
  expect(await totp.getByRole('button', { name: 'Imprimer les codes' }).isVisible()).toBe(true);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'account-02-recovery-codes');
  await totp.getByRole('button', { name: 'J’ai mis les codes en lieu sûr' }).click();
  expect(await totp.getByRole('list', { name: 'Codes de secours' }).count()).toBe(0);

  // 3. Renewing the codes asks for the password and a second factor: here a recovery code.
  await totp.getByRole('button', { name: 'Renouveler les codes de secours' }).click();
  await totp.getByLabel('Mot de passe', { exact: true }).fill(TEST_PASSWORD);
  await totp.getByRole('button', { name: 'Renouveler les codes de secours' }).click();
  expect(await visibleText(totp.getByRole('alert'))).toContain('Saisissez les six chiffres du code.');
  await totp.getByRole('button', { name: 'Utiliser un code de secours' }).click();
  await totp.getByLabel('Code de secours').fill(recoveryCodes[0] as string);
  await screenshot(page, 'account-03-renew-with-recovery-code');
  await totp.getByRole('button', { name: 'Renouveler les codes de secours' }).click();
  await page.getByText('Nouveaux codes de secours créés').waitFor();
  const renewed = await shownRecoveryCodes();
  expect(renewed).toHaveLength(10);
  expect(renewed).not.toContain(recoveryCodes[1]);
  recoveryCodes = renewed;
  await totp.getByRole('button', { name: 'J’ai mis les codes en lieu sûr' }).click();

  // 4. A read token: shown once, it reads, it cannot write; once revoked it no longer opens anything.
  const tokens = card('Jetons d’API');
  expect(await visibleText(tokens)).toContain('Aucun jeton.');
  await tokens.getByLabel('Libellé').fill(TOKEN_LABEL);
  expect(await tokens.getByLabel('Portée').inputValue()).toBe('read');
  await tokens.getByLabel('Durée de validité en jours').fill('30');
  await tokens.getByRole('button', { name: 'Créer le jeton' }).click();
  const secretToken = tokens.getByLabel('Jeton', { exact: true });
  await secretToken.waitFor();
  const token = await secretToken.inputValue();
  expect(token.length).toBeGreaterThan(20);
  text = await visibleText(tokens);
  expect(text).toContain(`Jeton « ${TOKEN_LABEL} » créé`);
  expect(text).toContain('il ne sera plus jamais affiché');
  const row = tokens.getByRole('row', { name: new RegExp(TOKEN_LABEL) });
  await row.waitFor();
  expect(await visibleText(row)).toContain('Lecture');
  expect(await visibleText(row)).toContain('Jamais');
  expect(await visibleText(row)).toContain('Actif');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'account-04-token-created');

  expect((await withToken(token, 'GET', '/api/auth/me')).status).toBe(200);
  const write = await withToken(token, 'PATCH', '/api/auth/me', { locale: 'en' });
  expect(write.status).toBe(403);
  expect(((await write.json()) as { code: string }).code).toBe('token_read_only');

  await tokens.getByRole('button', { name: 'J’ai copié le jeton' }).click();
  expect(await mainText()).not.toContain(token);
  await page.reload();
  await heading(page, 'Mon compte');
  expect(await page.content()).not.toContain(token);
  // The read above is its last use.
  await expect.poll(() => visibleText(row)).not.toContain('Jamais');
  await row.getByRole('button', { name: `Révoquer ${TOKEN_LABEL}` }).click();
  await page.getByText(`Jeton « ${TOKEN_LABEL} » révoqué.`).waitFor();
  // The list is read again after the revocation: wait for the row to show it.
  await expect.poll(() => visibleText(row)).toContain('Révoqué le');
  expect(await row.getByRole('button').count()).toBe(0);
  expect((await withToken(token, 'GET', '/api/auth/me')).status).toBe(401);

  // 5. Signing in again with a recovery code, as after losing the phone.
  await signOut(ADMIN);
  await signIn(ADMIN, { recoveryCode: (recoveryCodes[0] as string).toLowerCase() });
  expect(browserErrors).toEqual([]);
}, 120_000);

test('an administrator asks for an HRPD membership; it waits until an HRPD manager approves it', async () => {
  // 1. Asked by the administrator, the membership waits: marked in the list and in the panel.
  await navigate(page, 'Administration', 'Utilisateurs');
  await heading(page, 'Utilisateurs');
  const accounts = page.getByRole('table', { name: 'Comptes du personnel' });
  const own = accounts.getByRole('row', { name: new RegExp(ADMIN.name) });
  expect(await visibleText(own)).toContain('un autre administrateur modifie vos fonctions et affectations');
  expect(await own.getByRole('button', { name: `Modifier ${ADMIN.name}` }).count()).toBe(0);

  await page.getByRole('button', { name: `Modifier ${NEWCOMER.name}` }).click();
  const edit = card(`Modifier le compte de ${NEWCOMER.name}`);
  await edit.getByRole('button', { name: 'Ajouter une affectation' }).click();
  await edit.getByLabel('Unité (affectation 1)').selectOption('HRPD');
  await edit.getByLabel('Rôle (affectation 1)').selectOption('officer');
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText(`Modifications enregistrées pour ${NEWCOMER.name}.`).waitFor();
  const newcomer = accounts.getByRole('row', { name: new RegExp(NEWCOMER.name) });
  await expect.poll(() => visibleText(newcomer)).toContain('DDHP — Chargé de dossiers (en attente d’approbation)');

  const requests = card('Demandes d’affectation en attente');
  const request = requests.getByRole('row', { name: new RegExp(NEWCOMER.name) });
  await request.waitFor();
  const requestText = await visibleText(request);
  expect(requestText).toContain('DDHP');
  expect(requestText).toContain('Chargé de dossiers');
  expect(requestText).toContain(ADMIN.name);
  expect(requestText).toContain('Vous avez fait cette demande : une autre personne en décide.');
  expect(await request.getByRole('button').count()).toBe(0);

  // 2. An account's tokens are viewable by the administrator: the revoked one is listed.
  await own.getByRole('button', { name: `Jetons ${ADMIN.name}` }).click();
  const adminTokens = card(`Jetons d’API de ${ADMIN.name}`);
  await adminTokens.getByRole('row', { name: new RegExp(TOKEN_LABEL) }).waitFor();
  expect(await visibleText(adminTokens)).toContain('Révoqué le');
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'account-06-users-pending');
  await signOut(ADMIN);

  // 3. The HRPD manager sees the request on the account page and approves it.
  await signIn(HRPD_MANAGER);
  await openAccount();
  const managerPanel = card('Demandes d’affectation en attente');
  const pending = managerPanel.getByRole('row', { name: new RegExp(NEWCOMER.name) });
  await pending.waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'account-07-manager-requests');
  await pending.getByRole('button', { name: `Approuver ${NEWCOMER.name}` }).click();
  await page.getByText(`Affectation de ${NEWCOMER.name} à`).waitFor();
  await expect.poll(() => visibleText(managerPanel)).toContain('Aucune demande en attente.');
  await screenshot(page, 'account-08-manager-approved');

  const membership = await server.ctx.database.db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.unit_code', 'memberships.role'])
    .where('users.email', '=', NEWCOMER.email)
    .execute();
  expect(membership).toEqual([{ unit_code: 'HRPD', role: 'officer' }]);
  await signOut(HRPD_MANAGER);
  expect(browserErrors).toEqual([]);
}, 120_000);
