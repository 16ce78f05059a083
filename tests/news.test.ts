import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { XmlDocument, type XmlElement } from 'xmldoc';
import type { Desk, PressPointList, PublicRelease, Radio, ReleaseDetail, ReleaseInput } from '../src/contracts/news.js';
import { RADIO_STATIONS } from '../src/data/radio.js';
import { xmlText } from '../src/modules/news/news.public.js';
import { buildUser, countRows, createTestApp, type Session, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * Public information: a release drafted by an officer of the division, submitted, cleared by the
 * chief of public information (never its author), published from its embargo time; nothing of a
 * release shows publicly before all of that — not in the news list, a release's page, the Atom
 * feeds, the sitemap, nor the size of an error — and an embargo ending shows it without a write.
 */

const ATOM = 'http://www.w3.org/2005/Atom';

describe('reference data and XML text', () => {
  test('Radio Mikado’s stations are the fact book’s frequencies', () => {
    const factbook = JSON.parse(readFileSync(new URL('../src/data/minusma-2020/factbook.json', import.meta.url), 'utf8')) as {
      contacts: { unit: string; kind: string; value: string; place: string }[];
    };
    const radio = factbook.contacts.filter((c) => c.unit === 'SCPI' && c.kind === 'radio');
    expect(RADIO_STATIONS.map((s) => [s.town, `${s.frequency} FM`])).toEqual(radio.map((c) => [c.place, c.value]));
    expect(RADIO_STATIONS.find((s) => s.town === 'Bamako')?.frequency).toBe('106.6');
  });

  test('text is escaped, and characters XML cannot carry are dropped', () => {
    expect(xmlText(`<a href="x">Tom & Jerry's</a>\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });
});

describe.each(DIALECTS)('public information (%s)', (dialect) => {
  let t: TestApp;
  let officer: Session;
  let otherOfficer: Session;
  let chief: Session;
  let deputyChief: Session;
  let viewer: Session;
  let outsider: Session;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const as = async (unit: string, role: 'viewer' | 'officer' | 'manager') =>
      signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit, role }] })).email);
    officer = await as('SCPI', 'officer');
    otherOfficer = await as('SCPI', 'officer');
    chief = await as('SCPI', 'manager');
    deputyChief = await as('SCPI', 'manager');
    viewer = await as('SCPI', 'viewer');
    outsider = await as('MED', 'manager');
  });
  afterAll(async () => t?.close());

  const send = (session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, lang = 'fr') =>
    t.app.inject({
      method,
      url,
      headers: { ...(session?.headers ?? {}), 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const ok = async <T>(session: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const response = await send(session, method, url, payload);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json() as T;
  };

  const draft = (input: Partial<ReleaseInput> = {}, by = officer) =>
    ok<ReleaseDetail>(by, 'POST', '/api/news/desk', {
      titleFr: 'La MINUSMA salue la tenue de la session du CSA',
      summaryFr: 'Résumé du communiqué.',
      bodyFr: 'Texte du communiqué.',
      dateline: 'Bamako',
      ...input,
    });
  const step = (by: Session, release: ReleaseDetail, name: string, extra: object = {}) =>
    ok<ReleaseDetail>(by, 'POST', `/api/news/desk/${release.id}/${name}`, { version: release.version, ...extra });
  /** Drafted by `author`, submitted, cleared by `clearer`, published with `embargoUntil`. */
  const published = async (input: Partial<ReleaseInput> = {}, embargoUntil: string | null = null, author = officer, clearer = chief) => {
    const submitted = await step(author, await draft(input, author), 'submit');
    const cleared = await step(clearer, submitted, 'clear');
    return step(officer, cleared, 'publish', { embargoUntil });
  };
  const publicText = async (session: Session | null = null) => {
    const urls = [
      '/api/news/releases',
      '/api/news/feed/fr.atom',
      '/api/news/feed/en.atom',
      '/sitemap.xml',
      '/api/news/press-points',
      '/api/radio',
    ];
    const bodies = await Promise.all(urls.map(async (url) => (await send(session, 'GET', url)).body));
    const en = await send(session, 'GET', '/api/news/releases', undefined, 'en');
    return [...bodies, en.body].join('\n');
  };
  const parse = (xml: string) => new XmlDocument(xml);

  test('four eyes: the author never clears; the chief of public information does', async () => {
    const release = await draft({ titleFr: 'Quatre yeux' });
    expect(release).toMatchObject({ status: 'draft', may: { edit: true, submit: true, clear: false, publish: false } });
    const submitted = await step(officer, release, 'submit');
    expect(submitted.status).toBe('submitted');
    // Neither the author nor another officer clears.
    expect((await send(officer, 'POST', `/api/news/desk/${release.id}/clear`, { version: submitted.version })).statusCode).toBe(403);
    expect((await send(otherOfficer, 'POST', `/api/news/desk/${release.id}/clear`, { version: submitted.version })).statusCode).toBe(403);
    const seenByChief = await ok<ReleaseDetail>(chief, 'GET', `/api/news/desk/${release.id}`);
    expect(seenByChief.may).toMatchObject({ clear: true, return: true, edit: false });
    const cleared = await step(chief, submitted, 'clear');
    expect(cleared).toMatchObject({ status: 'cleared', public: false, may: { clear: false, publish: true } });
    expect(cleared.clearedBy).not.toBeNull();

    // A chief's own release is cleared by another chief, never by its author: the refusal says why.
    const own = await step(chief, await draft({ titleFr: 'Le chef rédige' }, chief), 'submit');
    expect((await ok<ReleaseDetail>(chief, 'GET', `/api/news/desk/${own.id}`)).may.clear).toBe(false);
    for (const [lang, words] of [
      ['fr', 'Quatre yeux'],
      ['en', 'Four eyes'],
    ] as const) {
      const refused = await send(chief, 'POST', `/api/news/desk/${own.id}/clear`, { version: own.version }, lang);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'news_clear_own' });
      expect(refused.json().detail ?? refused.json().title).toContain(words);
    }
    expect((await step(deputyChief, own, 'clear')).status).toBe('cleared');
  });

  test('returned to its author with a reason, edited and submitted again; a stale page is a conflict', async () => {
    const submitted = await step(officer, await draft({ titleFr: 'À revoir' }), 'submit');
    const returned = await step(chief, submitted, 'return', { reason: 'Citer la résolution 2531.' });
    expect(returned).toMatchObject({ status: 'draft', returnedReason: 'Citer la résolution 2531.' });
    const edited = await ok<ReleaseDetail>(officer, 'PATCH', `/api/news/desk/${returned.id}`, {
      version: returned.version,
      bodyFr: 'Texte révisé, résolution 2531 (2020).',
    });
    expect(edited.bodyFr).toContain('2531');
    expect(edited.history[0]?.changes).toHaveProperty('body_fr');
    // Edited on a stale version, or moved from a state it left: refused, nothing written.
    expect((await send(officer, 'PATCH', `/api/news/desk/${edited.id}`, { version: returned.version, bodyFr: 'x' })).statusCode).toBe(409);
    const again = await step(officer, edited, 'submit');
    const stale = await send(officer, 'POST', `/api/news/desk/${again.id}/submit`, { version: again.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('news_state');
    // A submitted release is no longer edited.
    expect((await send(officer, 'PATCH', `/api/news/desk/${again.id}`, { version: again.version, bodyFr: 'x' })).statusCode).toBe(409);
  });

  test('embargo: nothing public before its time, everything after, without a write', async () => {
    const marker = `EMBARGO-${randomUUID().slice(0, 8)}`;
    const embargo = new Date(t.ctx.now().getTime() + 20 * 60_000).toISOString();
    const release = await published({ titleFr: marker, summaryFr: marker, bodyFr: marker }, embargo);
    expect(release).toMatchObject({ status: 'published', public: false, publicFrom: embargo });

    // Before: not in any public read, and its page is the same 404 as a release that never was.
    const list1 = await send(null, 'GET', '/api/news/releases');
    const etag = list1.headers.etag as string;
    expect(etag).toBeTruthy();
    expect(await publicText()).not.toContain(marker);
    expect(await publicText(outsider)).not.toContain(marker);
    const hidden = await send(null, 'GET', `/api/news/releases/${release.id}`);
    const never = await send(null, 'GET', `/api/news/releases/${randomUUID()}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(never.body);
    expect(hidden.body).not.toContain(marker);

    // Ten minutes on: still under embargo; the kept response is still good.
    t.ctx.advance(10 * 60_000);
    expect((await send(null, 'GET', '/api/news/releases')).body).not.toContain(marker);
    const revalidated = await t.app.inject({
      method: 'GET',
      url: '/api/news/releases',
      headers: { 'if-none-match': etag, 'accept-language': 'fr' },
    });
    expect(revalidated.statusCode).toBe(304);

    // The embargo ends: the same request is answered anew, with the release.
    t.ctx.advance(11 * 60_000);
    const stillKept = await t.app.inject({
      method: 'GET',
      url: '/api/news/releases',
      headers: { 'if-none-match': etag, 'accept-language': 'fr' },
    });
    expect(stillKept.statusCode).toBe(200);
    expect(stillKept.body).toContain(marker);
    expect((await ok<PublicRelease>(null, 'GET', `/api/news/releases/${release.id}`)).title).toBe(marker);
    const feed = (await send(null, 'GET', '/api/news/feed/fr.atom')).body;
    expect(feed).toContain(marker);
    const map = (await send(null, 'GET', '/sitemap.xml')).body;
    expect(map).toContain(`/actualites/${release.id}</loc>`);
    expect((await ok<ReleaseDetail>(officer, 'GET', `/api/news/desk/${release.id}`)).public).toBe(true);
  });

  test('drafts, releases awaiting clearance and cleared but unpublished ones never show publicly', async () => {
    const marker = `SECRET-${randomUUID().slice(0, 8)}`;
    const inDraft = await draft({ titleFr: marker, bodyFr: marker, summaryFr: marker });
    const submitted = await step(officer, await draft({ titleFr: `${marker}-s`, bodyFr: marker, summaryFr: marker }), 'submit');
    const cleared = await step(
      chief,
      await step(officer, await draft({ titleFr: `${marker}-c`, bodyFr: marker, summaryFr: marker }), 'submit'),
      'clear',
    );
    for (const caller of [null, outsider, viewer]) expect(await publicText(caller)).not.toContain(marker);
    for (const release of [inDraft, submitted, cleared]) {
      const response = await send(null, 'GET', `/api/news/releases/${release.id}`);
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain(marker);
    }
    // The desk is the unit's: another unit's manager sees none of it.
    expect((await ok<Desk>(outsider, 'GET', '/api/news/desk')).releases).toEqual([]);
    expect((await send(outsider, 'GET', `/api/news/desk/${inDraft.id}`)).statusCode).toBe(404);
    expect((await send(outsider, 'POST', '/api/news/desk', { titleFr: 'x', summaryFr: 'x', bodyFr: 'x' })).statusCode).toBe(403);
    expect((await send(viewer, 'POST', '/api/news/desk', { titleFr: 'x', summaryFr: 'x', bodyFr: 'x' })).statusCode).toBe(403);
    const desk = await ok<Desk>(viewer, 'GET', '/api/news/desk');
    expect(desk.mayCreate).toBe(false);
    expect(desk.releases.map((r) => r.id)).toContain(inDraft.id);
  });

  test('the Atom feeds are well formed, with RFC 4287’s required elements, per language', async () => {
    const awkward = `Tom & Jerry <script>alert("x")</script> l’été ‘quoted’ \u0007`;
    const both = await published({
      titleFr: awkward,
      summaryFr: 'Résumé & <b>gras</b>',
      bodyFr: 'Texte français.',
      titleEn: 'English title & more',
      summaryEn: 'English summary.',
      bodyEn: 'English text.',
    });
    const frOnly = await published({ titleFr: 'Seulement en français', summaryFr: 'Résumé.', bodyFr: 'Texte.' });

    for (const lang of ['fr', 'en'] as const) {
      const response = await send(null, 'GET', `/api/news/feed/${lang}.atom`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/atom+xml');
      const feed = parse(response.body);
      expect(feed.name).toBe('feed');
      expect(feed.attr.xmlns).toBe(ATOM);
      expect(feed.attr['xml:lang']).toBe(lang);
      for (const name of ['id', 'title', 'updated']) expect(feed.childNamed(name)?.val, name).toBeTruthy();
      expect(feed.childNamed('author')?.childNamed('name')?.val).toContain('MINUSMA');
      const links = feed.childrenNamed('link');
      expect(links.find((l) => l.attr.rel === 'self')?.attr.href).toBe(`${t.ctx.config.publicUrl}/api/news/feed/${lang}.atom`);
      expect(links.find((l) => l.attr.rel === 'alternate')?.attr.href).toBe(`${t.ctx.config.publicUrl}/actualites`);
      expect(Number.isNaN(Date.parse(feed.childNamed('updated')?.val ?? ''))).toBe(false);
      const entries = feed.childrenNamed('entry');
      expect(entries.length).toBeGreaterThanOrEqual(2);
      const ids = new Set<string>();
      for (const entry of entries) {
        for (const name of ['id', 'title', 'updated', 'published', 'summary', 'content'])
          expect(entry.childNamed(name)?.val, `${lang} entry ${name}`).toBeTruthy();
        expect(entry.attr['xml:lang']).toMatch(/^(fr|en)$/);
        expect(entry.childNamed('id')?.val).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
        expect(entry.childWithAttribute('rel', 'alternate')?.attr.href).toMatch(/\/actualites\/[0-9a-f-]{36}$/);
        ids.add(entry.childNamed('id')?.val ?? '');
      }
      expect(ids.size).toBe(entries.length);
      const entryOf = (id: string) => entries.find((e) => e.childNamed('id')?.val === `urn:uuid:${id}`) as XmlElement;
      // Escaped, so read back as written (less what XML cannot carry).
      if (lang === 'fr') {
        expect(entryOf(both.id).childNamed('title')?.val).toBe(awkward.replace('\u0007', ''));
        expect(entryOf(both.id).childNamed('summary')?.val).toBe('Résumé & <b>gras</b>');
      } else {
        expect(entryOf(both.id).attr['xml:lang']).toBe('en');
        expect(entryOf(both.id).childNamed('title')?.val).toBe('English title & more');
        // No English version: the French text, said to be French.
        expect(entryOf(frOnly.id).attr['xml:lang']).toBe('fr');
        expect(entryOf(frOnly.id).childNamed('title')?.val).toBe('Seulement en français');
      }
    }
    // The public API in English: the English text where there is one.
    const en = await send(null, 'GET', `/api/news/releases/${both.id}`, undefined, 'en');
    expect(en.json()).toMatchObject({ lang: 'en', title: 'English title & more', translated: true });
    const fr = await send(null, 'GET', `/api/news/releases/${frOnly.id}`, undefined, 'en');
    expect(fr.json()).toMatchObject({ lang: 'fr', title: 'Seulement en français', translated: false });
  });

  test('the sitemap lists the public pages and public releases, and is well formed', async () => {
    const release = await published({ titleFr: 'Pour le plan du site' });
    const response = await send(null, 'GET', '/sitemap.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    const doc = parse(response.body);
    expect(doc.name).toBe('urlset');
    expect(doc.attr.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = doc.childrenNamed('url').map((u) => u.childNamed('loc')?.val);
    const base = t.ctx.config.publicUrl;
    for (const path of ['/', '/fiche', '/actualites', '/radio']) expect(locs).toContain(`${base}${path}`);
    expect(locs).toContain(`${base}/actualites/${release.id}`);
  });

  test('withdrawal and correction: the public page follows, the history keeps the former text', async () => {
    const release = await published({ titleFr: 'Titre avec une coquille' });
    expect(
      (await send(officer, 'POST', `/api/news/desk/${release.id}/correct`, { version: release.version, noteFr: 'x' })).statusCode,
    ).toBe(403);
    const corrected = await step(chief, release, 'correct', { titleFr: 'Titre corrigé', noteFr: 'Le titre a été corrigé.' });
    expect(corrected.history[0]?.changes.title_fr).toEqual({ from: 'Titre avec une coquille', to: 'Titre corrigé' });
    const shown = await ok<PublicRelease>(null, 'GET', `/api/news/releases/${release.id}`);
    expect(shown).toMatchObject({ title: 'Titre corrigé', correction: 'Le titre a été corrigé.' });
    expect(shown.correctedAt).not.toBeNull();

    const withdrawn = await step(chief, corrected, 'withdraw', { reason: 'Publié par erreur.' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', public: false, withdrawnReason: 'Publié par erreur.' });
    expect(withdrawn.history.map((h) => h.changes.status?.to).filter(Boolean)).toEqual(['withdrawn', 'published', 'cleared', 'submitted']);
    expect((await send(null, 'GET', `/api/news/releases/${release.id}`)).statusCode).toBe(404);
    expect(await publicText()).not.toContain('Titre corrigé');
  });

  test('bad input: problem+json in the reader’s language, nothing written', async () => {
    const before = await countRows(t.ctx, 'news_releases');
    const cases: [string, string, object][] = [
      ['POST', '/api/news/desk', { titleFr: '', summaryFr: 'x', bodyFr: 'x' }],
      ['POST', '/api/news/desk', { titleFr: 'x', summaryFr: 'x', bodyFr: 'x', embargoUntil: 'demain' }],
      ['POST', '/api/news/desk', { titleFr: 'x', summaryFr: 'x', bodyFr: 'x', titleEn: 'Half' }],
      ['POST', '/api/news/desk', { titleFr: 'x', summaryFr: 'x', bodyFr: 'x', kind: 'tweet' }],
      ['POST', '/api/news/desk', { titleFr: 'x', summaryFr: 'x', bodyFr: 'x', status: 'published' }],
      ['POST', '/api/news/press-points', { heldOn: '2026-02-30', startsAt: '10:00', place: 'Bamako', topicFr: 'x' }],
      ['POST', '/api/news/press-points', { heldOn: '2026-12-10', startsAt: '25:00', place: 'Bamako', topicFr: 'x' }],
      ['POST', '/api/radio/programmes', { language: 'klingon', titleFr: 'x', days: [1], startsAt: '07:00', endsAt: '08:00' }],
      ['POST', '/api/radio/programmes', { language: 'bambara', titleFr: 'x', days: [8], startsAt: '07:00', endsAt: '08:00' }],
      ['POST', '/api/radio/programmes', { language: 'bambara', titleFr: 'x', days: [1], startsAt: '07:00', endsAt: '07:00' }],
    ];
    for (const [method, url, payload] of cases) {
      for (const lang of ['fr', 'en']) {
        const response = await send(officer, method as 'POST', url, payload, lang);
        expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.headers['content-language'] ?? lang).toBe(lang);
      }
    }
    const half = await send(officer, 'POST', '/api/news/desk', { titleFr: 'x', summaryFr: 'x', bodyFr: 'x', titleEn: 'Half' }, 'en');
    expect(half.body).toContain('The English version is whole or absent');
    const halfFr = await send(officer, 'POST', '/api/news/desk', { titleFr: 'x', summaryFr: 'x', bodyFr: 'x', titleEn: 'Half' }, 'fr');
    expect(halfFr.body).toContain('La version anglaise est complète ou absente');
    expect(await countRows(t.ctx, 'news_releases')).toBe(before);
    expect(await countRows(t.ctx, 'radio_programmes')).toBe(0);
  });

  test('press points every 15 days and Radio Mikado’s schedule by language, public', async () => {
    const list = await ok<PressPointList>(officer, 'POST', '/api/news/press-points', {
      heldOn: '2020-02-13',
      startsAt: '10:00',
      place: 'Bamako, quartier général',
      topicFr: 'Actualité de la Mission',
      topicEn: 'The Mission’s news',
    });
    expect(list).toMatchObject({ everyDays: 15, next: '2020-02-28' });
    expect(
      (await send(outsider, 'POST', '/api/news/press-points', { heldOn: '2020-03-01', startsAt: '10:00', place: 'x', topicFr: 'x' }))
        .statusCode,
    ).toBe(403);
    const en = await send(null, 'GET', '/api/news/press-points', undefined, 'en');
    expect(en.json().past[0]).toMatchObject({ heldOn: '2020-02-13', topic: 'The Mission’s news' });

    const radio = await ok<Radio>(officer, 'POST', '/api/radio/programmes', {
      language: 'tamasheq',
      titleFr: 'Journal en tamasheq',
      titleEn: 'News in Tamasheq',
      days: [5, 1, 3],
      startsAt: '07:00',
      endsAt: '07:15',
    });
    expect(radio.stations).toHaveLength(7);
    expect(radio.languages.map((l) => l.code)).toEqual(['french', 'bambara', 'songhai', 'tamasheq', 'peuhl', 'dogon', 'arabic']);
    const tamasheq = radio.languages.find((l) => l.code === 'tamasheq');
    expect(tamasheq?.programmes).toEqual([expect.objectContaining({ title: 'Journal en tamasheq', days: [1, 3, 5], startsAt: '07:00' })]);
    expect(
      (
        await send(outsider, 'POST', '/api/radio/programmes', {
          language: 'arabic',
          titleFr: 'x',
          days: [1],
          startsAt: '07:00',
          endsAt: '08:00',
        })
      ).statusCode,
    ).toBe(403);
    const publicRadio = await send(null, 'GET', '/api/radio', undefined, 'en');
    expect(publicRadio.json().languages[3].programmes[0].title).toBe('News in Tamasheq');
    const id = tamasheq?.programmes[0]?.id as string;
    expect((await send(outsider, 'DELETE', `/api/radio/programmes/${id}`)).statusCode).toBe(403);
    const after = await ok<Radio>(officer, 'DELETE', `/api/radio/programmes/${id}`);
    expect(after.languages.every((l) => l.programmes.length === 0)).toBe(true);
    expect((await send(officer, 'DELETE', `/api/radio/programmes/${id}`)).statusCode).toBe(404);
  });
});
