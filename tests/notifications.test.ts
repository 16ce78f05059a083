import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import type { HotlineCall } from '../src/contracts/protection.js';
import { mailSettled } from '../src/platform/mail.js';
import { type App, buildApp } from '../src/server/app.js';
import { buildUser, type Session, signIn } from './helpers/app.js';
import { createTestContext, DIALECTS, type TestContext } from './helpers/db.js';
import { incidentInput } from './helpers/incidents.js';
import { hotlineCall } from './helpers/protection.js';

/**
 * E-mail notifications against a real SMTP server on this machine: they go, after the write, to
 * the accounts that asked for them and whom the record waits for; each carries a link and nothing
 * of the record; a mail server that is down changes nothing for the person who acted.
 */

interface Received {
  to: string;
  raw: string;
  /** The message as a person reads it: quoted-printable undone. */
  text: string;
}

function readable(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const hex = unfolded.slice(i + 1, i + 3);
    if (unfolded[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(unfolded[i] as string, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

async function startSmtp(): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        for (const to of session.envelope.rcptTo) received.push({ to: to.address, raw, text: readable(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

describe.each(DIALECTS)('e-mail notifications (%s)', (dialect) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let ctx: TestContext;
  let app: App;
  const users = {} as Record<
    'author' | 'chief' | 'quietChief' | 'hrOfficer' | 'englishOfficer' | 'operator',
    { email: string; session: Session }
  >;

  const send = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
  const ok = async <T>(session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> => {
    const response = await send(session, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json() as T;
  };
  const mailsTo = (who: keyof typeof users) => smtp.received.filter((m) => m.to === users[who].email);

  beforeAll(async () => {
    smtp = await startSmtp();
    ctx = await createTestContext(dialect, {
      smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
      smtpFrom: 'Mandat <mandat@minusma.test>',
      publicUrl: 'https://mandat.minusma.test',
    });
    app = await buildApp(ctx, { logger: false, validateResponses: true });
    await app.ready();
    const as = async (
      memberships: { unit: string; role: 'operator' | 'officer' | 'manager' }[],
      locale: 'fr' | 'en' = 'fr',
    ): Promise<{ email: string; session: Session }> => {
      const user = await buildUser(ctx, { memberships, locale });
      return { email: user.email, session: await signIn(app, user.email) };
    };
    users.author = await as([{ unit: 'FORCE', role: 'officer' }]);
    users.chief = await as([{ unit: 'FORCE', role: 'manager' }]);
    users.quietChief = await as([{ unit: 'FORCE', role: 'manager' }]);
    users.hrOfficer = await as([{ unit: 'HRPD', role: 'officer' }]);
    users.englishOfficer = await as([{ unit: 'HRPD', role: 'officer' }], 'en');
    users.operator = await as([{ unit: 'HRPD', role: 'operator' }]);
    await ok(users.chief.session, 'POST', '/api/alert-rules', {
      unit: 'FORCE',
      name: 'Menace sur des civils',
      kind: 'threat_to_civilians',
      windowDays: 1,
    });
    await ok(users.chief.session, 'PUT', '/api/alert-subscriptions/FORCE', { areas: ['MLI'] });
  }, 60_000);

  afterAll(async () => {
    await mailSettled();
    await app?.close();
    await ctx?.close();
    await new Promise<void>((resolve) => smtp?.server.close(() => resolve()));
  });

  test('notifications are off until the account turns them on, on its own account page', async () => {
    expect(await ok(users.chief.session, 'GET', '/api/account/notifications')).toEqual({ email: false, available: true });
    for (const who of ['author', 'chief', 'hrOfficer', 'englishOfficer'] as const) {
      expect(await ok(users[who].session, 'PUT', '/api/account/notifications', { email: true })).toEqual({ email: true, available: true });
    }
    const refused = await send(users.chief.session, 'PUT', '/api/account/notifications', { email: true, userId: 'someone-else' });
    expect(refused.statusCode).toBe(400);
    const audited = await ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'account.notifications.set')
      .execute();
    expect(audited).toHaveLength(4);
  });

  test('a submitted incident: its unit’s managers who asked get a link to verify it, and nothing of the incident', async () => {
    const secret = { title: 'Massacre secret à Inékar', description: 'Les témoins Moussa Ag Acharatoumane ont vu les corps' };
    const draft = await ok<Incident>(
      users.author.session,
      'POST',
      '/api/incidents',
      incidentInput({ ...secret, threatToCivilians: true, location: { place: 'Inékar', precision: 'near' } }),
    );
    smtp.received.length = 0;
    await ok(users.author.session, 'POST', `/api/incidents/${draft.ref}/transitions`, { action: 'submit', version: draft.version });
    await mailSettled();

    const [toVerify] = mailsTo('chief').filter((m) => m.text.includes('vérification'));
    expect(toVerify?.text).toContain(`Un incident attend votre vérification : https://mandat.minusma.test/incidents/${draft.ref}`);
    expect(toVerify?.raw).toMatch(/^From: Mandat <mandat@minusma\.test>/m);
    // The manager who did not ask gets nothing; the author, who may not verify it, no verification mail.
    expect(mailsTo('quietChief')).toEqual([]);
    expect(mailsTo('author').some((m) => m.text.includes('vérification'))).toBe(false);
    // The alert the incident raised for the Force reaches its officers and managers who asked.
    for (const who of ['author', 'chief'] as const) {
      expect(
        mailsTo(who).some((m) => m.text.includes('Une alerte a été levée pour votre unité : https://mandat.minusma.test/alertes')),
      ).toBe(true);
    }
    expect(smtp.received.length).toBeGreaterThanOrEqual(3);
    for (const mail of smtp.received) {
      for (const text of [secret.title, secret.description, 'Moussa', 'Inékar', 'Ménaka', 'isgs']) expect(mail.text).not.toContain(text);
    }
  });

  test('a call waiting in a queue: its officers get a link to the queue, in their language, never what the caller said', async () => {
    smtp.received.length = 0;
    const summary = 'Mon voisin Ibrahim Maïga a été enlevé hier soir';
    const call = await ok<HotlineCall>(users.operator.session, 'POST', '/api/protection/calls', {
      ...hotlineCall({ summary, callerContact: '+223 76 00 00 00', mayContact: true }),
    });
    await mailSettled();
    expect(mailsTo('hrOfficer')).toHaveLength(1);
    expect(mailsTo('hrOfficer')[0]?.text).toContain(
      'Un appel attend dans la file de votre unité : https://mandat.minusma.test/protection/appels',
    );
    expect(mailsTo('englishOfficer')[0]?.text).toContain(
      'A call is waiting in your unit’s queue: https://mandat.minusma.test/protection/appels',
    );
    expect(mailsTo('operator')).toEqual([]);
    for (const mail of smtp.received) {
      for (const text of [summary, 'Ibrahim', '76 00 00 00', call.ref, 'Gao']) expect(mail.text).not.toContain(text);
    }
  });

  test('turned off, no more mail', async () => {
    await ok(users.hrOfficer.session, 'PUT', '/api/account/notifications', { email: false });
    smtp.received.length = 0;
    await ok(users.operator.session, 'POST', '/api/protection/calls', hotlineCall());
    await mailSettled();
    expect(mailsTo('hrOfficer')).toEqual([]);
    expect(mailsTo('englishOfficer')).toHaveLength(1);
  });
});

describe.each(DIALECTS)('e-mail notifications when mail fails or is not set up (%s)', (dialect) => {
  test('a mail server that is down neither fails nor holds up the request', async () => {
    const closed = await startSmtp();
    const port = closed.port;
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const ctx = await createTestContext(dialect, { smtpUrl: `smtp://127.0.0.1:${port}` });
    const app = await buildApp(ctx, { logger: false });
    await app.ready();
    try {
      const author = await buildUser(ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] });
      const chief = await buildUser(ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] });
      const chiefSession = await signIn(app, chief.email);
      await app.inject({ method: 'PUT', url: '/api/account/notifications', headers: chiefSession.headers, payload: { email: true } });
      const session = await signIn(app, author.email);
      const draft = (
        await app.inject({ method: 'POST', url: '/api/incidents', headers: session.headers, payload: incidentInput() })
      ).json();
      const submitted = await app.inject({
        method: 'POST',
        url: `/api/incidents/${draft.ref}/transitions`,
        headers: session.headers,
        payload: { action: 'submit', version: draft.version },
      });
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json()).toMatchObject({ status: 'submitted' });
      await mailSettled();
    } finally {
      await app.close();
      await ctx.close();
    }
  });

  test('without MANDAT_SMTP_URL, notifications cannot be turned on', async () => {
    const ctx = await createTestContext(dialect);
    const app = await buildApp(ctx, { logger: false });
    await app.ready();
    try {
      const user = await buildUser(ctx, { memberships: [{ unit: 'FORCE', role: 'manager' }] });
      const session = await signIn(app, user.email);
      const settings = await app.inject({ method: 'GET', url: '/api/account/notifications', headers: session.headers });
      expect(settings.json()).toEqual({ email: false, available: false });
      const refused = await app.inject({
        method: 'PUT',
        url: '/api/account/notifications',
        headers: session.headers,
        payload: { email: true },
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'notifications_unavailable' });
    } finally {
      await app.close();
      await ctx.close();
    }
  });
});
