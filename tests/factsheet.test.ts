import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FactsheetPdfs, factsheetPdfs } from '../src/modules/factsheet/factsheet.cache.js';
import { seedFactbook } from '../src/modules/organisation/sections.service.js';
import { buildUser, countRows, createTestApp, signIn, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { UNITS_WITH_A_PAGE } from './helpers/factbook.js';

async function pdfText(buffer: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: true });
  // PDF text keeps no-break spaces; compare with plain ones.
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

/** The text of each page, no-break spaces made plain. */
async function pdfPages(buffer: Buffer): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map((page) => page.replace(/[\u00a0\u202f]/g, ' '));
}

/** The MINUSMA 2020 dataset as loaded on a fresh start, and the fiche generated from it. */
describe.each(DIALECTS)('the MINUSMA 2020 data and its fact sheet (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    expect(await seedFactbook(t.ctx, { id: null, label: 'test' })).toBe(true);
  });
  afterAll(async () => t?.close());

  const figure = async (key: string, lang = 'fr') => {
    const { figures } = (await t.app.inject({ url: '/api/figures', headers: { 'accept-language': lang } })).json() as {
      figures: { key: string; value: number; derived: unknown; warnings: { code: string; message: string }[] }[];
    };
    return figures.find((f) => f.key === key);
  };

  test('every unit with a page in the fact book has its section, with its full text', async () => {
    const { sections } = (await t.app.inject({ url: '/api/sections' })).json() as { sections: { unit: string }[] };
    expect(sections.map((s) => s.unit)).toEqual(expect.arrayContaining([...UNITS_WITH_A_PAGE]));
    const force = (await t.app.inject({ url: '/api/sections/FORCE' })).json();
    expect(force.texts.map((x: { body: string }) => x.body)).toContain(
      'Soutenir le cantonnement et le désarmement, la démobilisation et la réintégration des groupes signataires.',
    );
    const cdt = (await t.app.inject({ url: '/api/sections/CDT' })).json();
    expect(cdt.contacts.map((c: { value: string }) => c.value)).toEqual(expect.arrayContaining(['minusma-cdt@un.org']));
  });

  test('every place a section names is in the shipped gazetteer, with its region', async () => {
    const { sections } = (await t.app.inject({ url: '/api/sections' })).json() as { sections: { unit: string }[] };
    for (const { unit } of sections) {
      const section = (await t.app.inject({ url: `/api/sections/${unit}` })).json();
      expect(
        section.locations.map((l: { name: string }) => l.name),
        unit,
      ).toEqual(section.places);
      for (const location of section.locations) expect(location.region, location.name).not.toBe('');
    }
  });

  test('percentages are computed from the figures, not stored: 93.02 %, 3.71 %, 88.1 %', async () => {
    expect(await figure('force.strength.deployed.share_of_authorised')).toMatchObject({
      value: 93.02,
      derived: { formula: expect.any(String) },
      warnings: [],
    });
    expect(await figure('force.strength.women.share')).toMatchObject({ value: 3.71, warnings: [] });
    expect(await figure('unpol.strength.deployed.share_of_authorised')).toMatchObject({ value: 88.1, warnings: [] });
  });

  test('the source’s own disagreement is shown as a warning, in the reader’s language', async () => {
    const fr = await figure('unpol.strength.authorised');
    expect(fr?.warnings).toEqual([expect.objectContaining({ code: 'sum_mismatch', message: expect.stringContaining('1\u00a0785') })]);
    expect(fr?.warnings[0]?.message).toMatch(/^Incohérence dans la source/);
    expect((await figure('unpol.strength.ipo', 'en'))?.warnings[0]?.message).toMatch(/^Inconsistent source figures/);
    expect((await figure('force.strength.authorised'))?.warnings).toEqual([]);
  });

  test('the data keeps what the source says: partner country codes, the one free line, both unflagged inconsistencies', async () => {
    const med = (await t.app.inject({ url: '/api/sections/MED' })).json() as {
      partners: { name: string; country: string | null }[];
      texts: { subheading: string | null }[];
    };
    expect(med.partners.find((p) => p.name === 'Algérie')?.country).toBe('DZA');
    expect(med.partners.find((p) => p.name === 'Royaume-Uni')?.country).toBe('GBR');
    expect(new Set(med.texts.map((x) => x.subheading))).toEqual(new Set([null, 'Mise en œuvre de l’Accord', 'Crise au Centre']));
    const contacts = [];
    for (const unit of ['HRPD', 'WPA', 'CDT']) {
      contacts.push(...((await t.app.inject({ url: `/api/sections/${unit}` })).json().contacts as { value: string; free: boolean }[]));
    }
    expect(contacts.filter((c) => c.free).map((c) => c.value)).toEqual(['80333']);
    const body = async (unit: string) =>
      ((await t.app.inject({ url: `/api/sections/${unit}` })).json() as { texts: { body: string }[] }).texts.map((x) => x.body).join(' ');
    expect(await body('EAD')).toContain('Club-Médias-Élections');
    expect(await body('SSR-DDR')).toContain('LOPM 2015-2019');

    const fpu = await figure('unpol.strength.fpu.share');
    expect(fpu?.warnings).toEqual([expect.objectContaining({ code: 'share_unmatched', message: expect.stringContaining('85,2') })]);
    expect((await figure('unpol.strength.fpu.share', 'en'))?.warnings[0]?.message).toMatch(
      /^Inconsistent source figures: 89\.5% matches no denominator/,
    );
    const subCommittees = await figure('med.csa.subcommittees.count');
    expect(subCommittees?.warnings).toEqual([expect.objectContaining({ code: 'count_differs_from_list' })]);
    expect(subCommittees?.warnings[0]?.message).toContain('elle en annonce 4 et en énumère 5');
    expect((await figure('med.csa.subcommittees.count', 'en'))?.warnings[0]?.message).toContain('it announces 4 and lists 5');
    // A computed figure the fact book also prints keeps the printed value beside the computed one.
    expect(await figure('force.strength.deployed.share_of_authorised')).toMatchObject({ value: 93.02, statedValue: 93.02 });
    expect(await figure('jcs.courts.functional.share')).toMatchObject({ statedValue: null });
  });

  test('search finds accented words from plain queries across the whole dataset', async () => {
    for (const [q, expected] of [
      ['menaka', 'Ménaka'],
      ['reintegration', 'réintégration'],
      ['securite', 'sécurité'],
      ['mikado', 'Mikado'],
    ]) {
      const hits = JSON.stringify((await t.app.inject({ url: `/api/search?q=${q}` })).json().hits);
      expect(hits, q).toContain(expected);
    }
  });

  /** The whole-mission PDF in each language, built once for the checks below. */
  const pdfs = new Map<string, Promise<{ text: string; pages: string[] }>>();
  const wholePdf = (lang: string) => {
    let pdf = pdfs.get(lang);
    if (!pdf) {
      pdf = (async () => {
        const response = await t.app.inject({ url: `/api/factsheet.pdf?lang=${lang}` });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('application/pdf');
        expect(response.headers['content-disposition']).toBe(`attachment; filename="fiche-minusma-${lang}.pdf"`);
        return { text: await pdfText(response.rawPayload), pages: await pdfPages(response.rawPayload) };
      })();
      pdfs.set(lang, pdf);
    }
    return pdf;
  };

  test.each([
    [
      'fr',
      [
        'FICHE D’INFORMATION',
        'MINUSMA',
        'MANDAT',
        'Tâches relatives au respect du cessez-le-feu',
        'ORGANISATIONS PARTENAIRES',
        'CONTACTS',
        'CHIFFRES CLÉS',
        '13 289',
        '12 362',
        '93,02 %',
        '3,71 %',
        '88,1 %',
        'Incohérence dans la source',
      ],
    ],
    [
      'en',
      [
        'FACT SHEET',
        'MINUSMA',
        'MANDATE',
        'Tâches relatives au respect du cessez-le-feu',
        'PARTNER ORGANISATIONS',
        'CONTACTS',
        'KEY FIGURES',
        '13,289',
        '12,362',
        '93.02%',
        '3.71%',
        '88.1%',
        'Inconsistent source figures',
      ],
    ],
  ])(
    'the %s PDF carries the headings and the figures',
    async (lang, expected) => {
      const { text } = await wholePdf(lang);
      for (const phrase of expected) expect(text, phrase).toContain(phrase);
      // Content keeps the language it was written in.
      expect(text).toContain('Soutenir le cantonnement et le désarmement');
    },
    90_000,
  );

  test.each([
    [
      'fr',
      {
        figures: [
          'plus de 16 774',
          'près de 42 612',
          'environ 250',
          'au moins 3 000',
          'au plus 6 mois',
          'au plus 50 000 USD',
          '18 mois',
          '15 jours',
        ],
        periods: ['janvier 2017 – juin 2020', 'depuis 2015', 'juillet 2020'],
        computed: 'calculé : 93,02 %',
        free: 'ligne gratuite',
        flags: ['89,5 % ne correspond à aucun dénominateur', 'elle en annonce 4 et en énumère 5'],
      },
    ],
    [
      'en',
      {
        figures: [
          'more than 16,774',
          'nearly 42,612',
          'about 250',
          'at least 3,000',
          'at most 6 months',
          'at most USD 50,000',
          '18 months',
          '15 days',
        ],
        periods: ['January 2017 – June 2020', 'since 2015', 'July 2020'],
        computed: 'computed: 93.02%',
        free: 'free line',
        flags: ['89.5% matches no denominator', 'it announces 4 and lists 5'],
      },
    ],
  ])(
    'the %s PDF states each figure as the source does, and is as compact as the source',
    async (lang, expected) => {
      const { text: lines, pages } = await wholePdf(lang);
      // Line breaks fall anywhere in a long warning: phrases are looked for with every run of spaces as one.
      const text = lines.replace(/\s+/g, ' ');
      for (const phrase of [...expected.figures, ...expected.periods, expected.computed, ...expected.flags])
        expect(text, phrase).toContain(phrase);
      // Periods are never printed as raw ISO 8601 intervals or months.
      expect(text).not.toMatch(/\b\d{4}-\d{2}\/\d{4}|\b\d{4}\/\.\.|\b20\d\d-(0[1-9]|1[0-2])\b/);
      // Words split at a line end in the source are whole again (within a printed line: the PDF's own
      // line breaks may fall after a hyphen).
      expect(lines).not.toMatch(/[\p{L}\p{N}]- [\p{L}\p{N}]/u);
      expect(text).toContain('Club-Médias-Élections');
      // A heading is printed once where the source prints it once.
      expect(text.split('Sa structure').length - 1).toBe(1);
      // Sub-headings inside a section.
      for (const heading of [
        'a) Réforme du Secteur de la Sécurité (RSS)',
        'b) Désarmement, Démobilisation et Réintégration (DDR)',
        'Mise en œuvre de l’Accord',
        'Crise au Centre',
      ])
        expect(text, heading).toContain(heading);
      // Only the 80333 green line is said to be free.
      expect(text.split(expected.free).length - 1).toBe(1);
      expect(lines).toMatch(new RegExp(`80333[^\\n]*${expected.free}`));
      // Partner country codes.
      for (const partner of ['Algérie (DZA)', 'Royaume-Uni (GBR)', 'Pays-Bas (NLD)']) expect(text, partner).toContain(partner);
      // The source has 20 pages; the fiche adds key-figure tables and the partner registry.
      expect(pages.length).toBeLessThanOrEqual(23);
      if (lang === 'en') {
        // No French space before a colon in the English labels (the quoted French text keeps its own).
        expect(text).not.toMatch(/\b(Warning|Places|computed|Inconsistent source figures|free line) :/);
      }
    },
    90_000,
  );

  test('a section’s PDF holds that section only; an unknown section is a 404', async () => {
    const response = await t.app.inject({ url: '/api/factsheet.pdf?lang=fr&section=UNPOL' });
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('POLICE DES NATIONS UNIES');
    expect(text).toContain('1 920');
    expect(text).not.toContain('DIVISION DES AFFAIRES POLITIQUES');
    expect((await t.app.inject({ url: '/api/factsheet.pdf?section=NOPE' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/factsheet.pdf?lang=de' })).statusCode).toBe(400);
  });

  test('the strength chart is an SVG with both series', async () => {
    const response = await t.app.inject({ url: '/api/factsheet/strength.svg?lang=fr' });
    expect(response.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(response.body).toContain('<svg');
    expect(response.body).toContain('Autorisés');
    expect(response.body.replace(/\u00a0|&#160;|&nbsp;/g, ' ')).toContain('13 289');
  });

  test('an officer of the Force corrects a figure; the computed share follows; the change has a history', async () => {
    const officer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'officer' }] })).email);
    const viewer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'FORCE', role: 'viewer' }] })).email);
    const deployed = (await t.app.inject({ url: '/api/figures?unit=FORCE' }))
      .json()
      .figures.find((f: { key: string }) => f.key === 'force.strength.deployed');
    const patch = (session: { headers: Record<string, string> } | null, key: string, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/figures/${key}`, headers: session?.headers ?? {}, payload });
    expect((await patch(null, deployed.key, { version: deployed.version, value: 12400 })).statusCode).toBe(401);
    expect((await patch(viewer, deployed.key, { version: deployed.version, value: 12400 })).statusCode).toBe(403);
    const response = await patch(officer, deployed.key, { version: deployed.version, value: 12400 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ value: 12400, version: deployed.version + 1 });
    expect(await figure('force.strength.deployed.share_of_authorised')).toMatchObject({ value: 93.31 });
    expect((await patch(officer, deployed.key, { version: deployed.version, value: 1 })).statusCode).toBe(409);
    const computed = await patch(officer, 'force.strength.deployed.share_of_authorised', { version: 1, value: 50 });
    expect(computed.json().code).toBe('figure_computed');
    expect((await patch(officer, 'no.such.figure', { version: 1, value: 1 })).statusCode).toBe(404);
    const history = (await t.app.inject({ url: `/api/figures/${deployed.key}/history`, headers: viewer.headers })).json().entries;
    expect(history).toEqual([expect.objectContaining({ changes: { value: { from: 12362, to: 12400 } } })]);
    await patch(officer, deployed.key, { version: deployed.version + 1, value: 12362 });
  });

  test('exports by signed-in staff are audited; the public download is not', async () => {
    const before = await countRows(t.ctx, 'audit_log');
    await t.app.inject({ url: '/api/factsheet.pdf?lang=fr&section=CDT' });
    expect(await countRows(t.ctx, 'audit_log')).toBe(before);
    const user = await buildUser(t.ctx);
    const session = await signIn(t.app, user.email);
    await t.app.inject({ url: '/api/factsheet.pdf?lang=fr&section=CDT', headers: session.headers });
    const last = await t.ctx.database.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'factsheet.export', actor_id: user.id, record_id: 'CDT' });
  });

  test('a repeated request for unchanged data is answered from memory; concurrent requests share one build', async () => {
    const pdfs = factsheetPdfs(t.ctx);
    pdfs.clear();
    const url = '/api/factsheet.pdf?lang=en&section=CDT';
    const before = pdfs.builds;
    const answers = await Promise.all(Array.from({ length: 6 }, () => t.app.inject({ url })));
    expect(pdfs.builds - before).toBe(1);
    for (const answer of answers) expect(answer.rawPayload.equals(answers[0]?.rawPayload ?? Buffer.alloc(0))).toBe(true);
    expect((await t.app.inject({ url })).statusCode).toBe(200);
    expect(pdfs.builds - before).toBe(1);
    // Another language or section is another document.
    await t.app.inject({ url: '/api/factsheet.pdf?lang=fr&section=CDT' });
    expect(pdfs.builds - before).toBe(2);
    // An unknown section fails for every caller and leaves nothing behind.
    const missing = await Promise.all([1, 2].map(() => t.app.inject({ url: '/api/factsheet.pdf?section=NOPE' })));
    expect(missing.map((r) => r.statusCode)).toEqual([404, 404]);
  });

  test('an edit of a public figure, or a published proposal for a public text, shows in the next PDF', async () => {
    const pdfs = factsheetPdfs(t.ctx);
    const officer = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'UNPOL', role: 'officer' }] })).email);
    const url = '/api/factsheet.pdf?lang=fr&section=UNPOL';
    const first = await pdfText((await t.app.inject({ url })).rawPayload);
    expect(first).toContain('1 920');

    const figures = (await t.app.inject({ url: '/api/figures?unit=UNPOL' })).json().figures as {
      key: string;
      value: number;
      version: number;
    }[];
    const figure = figures.find((f) => f.value === 1920 && f.version !== null);
    if (!figure) throw new Error('no stored UNPOL figure of 1 920');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/figures/${figure.key}`,
      headers: officer.headers,
      payload: { version: figure.version, value: 1934 },
    });
    expect(patched.statusCode).toBe(200);
    const afterFigure = await pdfText((await t.app.inject({ url })).rawPayload);
    expect(afterFigure).toContain('1 934');

    const section = (await t.app.inject({ url: '/api/sections/UNPOL', headers: officer.headers })).json() as {
      texts: { id: string; version: number; body: string; classification: string }[];
    };
    const text = section.texts.find((x) => x.classification === 'public');
    if (!text) throw new Error('no public UNPOL text');
    const body = `${text.body} Zéphyrin.`;
    const proposed = await t.app.inject({
      method: 'POST',
      url: `/api/sections/UNPOL/texts/${text.id}/proposals`,
      headers: officer.headers,
      payload: { version: text.version, body },
    });
    expect(proposed.statusCode).toBe(201);
    // A proposal is not public: the PDF is the one already built.
    const proposedBuilds = pdfs.builds;
    expect(await pdfText((await t.app.inject({ url })).rawPayload)).not.toContain('Zéphyrin.');
    expect(pdfs.builds).toBe(proposedBuilds);
    const manager = await signIn(t.app, (await buildUser(t.ctx, { memberships: [{ unit: 'UNPOL', role: 'manager' }] })).email);
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/sections/UNPOL/proposals/${proposed.json().id}/publish`,
      headers: manager.headers,
      payload: {},
    });
    expect(published.statusCode).toBe(200);
    expect(await pdfText((await t.app.inject({ url })).rawPayload)).toContain('Zéphyrin.');

    // A signed-in download is audited, but it changes no public data: it is served from memory.
    const builds = pdfs.builds;
    await t.app.inject({ url, headers: officer.headers });
    await t.app.inject({ url, headers: officer.headers });
    expect(pdfs.builds).toBe(builds);

    // Reloading the fact book (as `mandat seed minusma-2020 --replace` does, from any process) is a new version too.
    await seedFactbook(t.ctx, { id: null, label: 'test' }, { replace: true });
    const reloaded = await pdfText((await t.app.inject({ url })).rawPayload);
    expect(reloaded).toContain('1 920');
    expect(reloaded).not.toContain('Zéphyrin.');
    expect(pdfs.builds).toBe(builds + 1);
  });

  test('the PDFs kept are bounded, least recently used dropped first', async () => {
    const rendered: string[] = [];
    const pdfs = new FactsheetPdfs(t.ctx, {
      capacity: 2,
      render: async (sheet) => {
        rendered.push(sheet.sections.map((s) => s.unit).join());
        return Buffer.from(sheet.sections[0]?.unit ?? '');
      },
    });
    for (const unit of ['CDT', 'UNPOL', 'CDT', 'FORCE', 'CDT', 'UNPOL']) await pdfs.pdf('fr', unit);
    expect(rendered).toEqual(['CDT', 'UNPOL', 'FORCE', 'UNPOL']);
    expect(pdfs.size).toBe(2);
    expect((await pdfs.pdf('fr', 'CDT')).toString()).toBe('CDT');
    expect(pdfs.builds).toBe(4);
  });
});
