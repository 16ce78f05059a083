import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Incident } from '../src/contracts/incidents.js';
import type { Operation, Verification } from '../src/contracts/operations.js';
import type { SitrepDetail, SitrepSummary, SituationMap } from '../src/contracts/situation.js';
import { SITREP_TEXT } from '../src/data/situation.js';
import type { TestApp } from './helpers/app.js';
import { createTestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';
import { openDocx } from './helpers/docx.js';
import { incidentInput } from './helpers/incidents.js';
import { buildOperationWorld, OPERATION_CALLERS, type OperationCaller, type OperationWorld } from './helpers/operations.js';

/**
 * The common operational picture and the daily situation report: the SITREP holds the period's
 * and sector's records, is classed as its most sensitive one, is read only by who may read that
 * class and every record in it (need-to-know: an operation under way stays with its units and the
 * JOC, through the map and the report alike); edits against a stale version are refused, a
 * released report is frozen, and its PDF and DOCX carry its class; the DOCX answers exactly whom
 * the PDF answers.
 */

async function pdfText(buffer: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(buffer));
  const { text } = await extractText(pdf, { mergePages: true });
  return text;
}

describe.each(DIALECTS)('situation (%s)', (dialect) => {
  let t: TestApp;
  let w: OperationWorld;
  let done: Operation;
  let ongoing: Operation;
  let incident: Incident;
  let finding: Verification;
  let report: SitrepDetail;

  const send = (caller: OperationCaller, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: w.sessions.get(caller)?.headers ?? {}, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    w = await buildOperationWorld(t);
    const record = async (overrides: Parameters<typeof incidentInput>[0]) => {
      const created = await send('forceOfficer', 'POST', '/api/incidents', incidentInput(overrides));
      expect(created.statusCode, created.body).toBe(201);
      const row = created.json() as Incident;
      const submitted = await send('forceOfficer', 'POST', `/api/incidents/${row.ref}/transitions`, {
        action: 'submit',
        version: row.version,
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      return submitted.json() as Incident;
    };
    incident = await record({ occurredOn: '2020-07-21', title: 'Attaque près de Ménaka (SITREP)' });
    const allegation = await record({ occurredOn: '2020-07-21', category: 'ceasefire_violation', title: 'Violation alléguée à Ménaka' });
    const verified = await send('forceOfficer', 'POST', '/api/ceasefire/verifications', {
      incident: allegation.ref,
      unit: 'FORCE',
      team: ['Observateur militaire 12'],
      visitedOn: '2020-07-21',
      place: 'Ménaka',
      evidence: 'Témoignages.',
      finding: 'confirmed',
      standardOfProof: 'reasonable_grounds',
      party: 'cma',
    });
    expect(verified.statusCode, verified.body).toBe(201);
    finding = verified.json() as Verification;
    done = await w.reach('completed', { classification: 'internal', titleFr: 'Patrouille terminée Gao – Ménaka' });
    // Under way, UNPOL alone: need-to-know keeps it to UNPOL and the JOC.
    ongoing = await w.reach('under_way', {
      unit: 'UNPOL',
      units: ['UNPOL'],
      type: 'unpol_joint_patrol',
      titleFr: 'Patrouille UNPOL en cours',
    });
    const created = await send('joc', 'POST', '/api/situation/sitreps', { sector: 'mission', from: '2020-07-21T00:00:00Z' });
    expect(created.statusCode, created.body).toBe(201);
    report = created.json() as SitrepDetail;
  });
  afterAll(async () => t?.close());

  test('the SITREP holds the period’s and sector’s records, classed as the most sensitive one', async () => {
    const ids = report.records.map((r) => `${r.type}:${r.id}`).sort();
    expect(ids).toEqual(
      expect.arrayContaining([`operation:${done.id}`, `operation:${ongoing.id}`, `incident:${incident.ref}`, `verification:${finding.id}`]),
    );
    expect(report.records.find((r) => r.id === ongoing.id)?.classification).toBe('restricted');
    expect(report.records.find((r) => r.id === done.id)?.classification).toBe('internal');
    expect(report.classification).toBe('restricted');
    expect(report.status).toBe('draft');
    expect(report.sections.map((s) => s.heading)).toEqual([
      'Synthèse',
      'Opérations',
      'Incidents',
      'Cessez-le-feu : constatations',
      'Alertes',
      'Perspectives',
    ]);
    const text = (key: string) => report.sections.find((s) => s.key === key)?.text ?? '';
    expect(text('operations')).toContain('Patrouille terminée Gao – Ménaka');
    expect(text('operations')).toContain('Patrouille UNPOL en cours');
    expect(text('incidents')).toContain(incident.ref);
    expect(text('ceasefire')).toContain('violation confirmée');

    // Another sector, another period: none of these records, the class of an empty report.
    const west = await send('joc', 'POST', '/api/situation/sitreps', { sector: 'west', from: '2020-07-21T00:00:00Z', language: 'en' });
    expect(west.statusCode, west.body).toBe(201);
    const westReport = west.json() as SitrepDetail;
    expect(westReport.records).toEqual([]);
    expect(westReport.classification).toBe('internal');
    expect(westReport.sections[0]?.heading).toBe('Summary');
    const westPdf = await send('joc', 'GET', `/api/situation/sitreps/${westReport.id}/pdf`);
    expect(westPdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const westText = await pdfText(westPdf.rawPayload);
    expect(westText).toContain('INTERNAL USE');
    expect(westText).toContain('Ceasefire findings');
    const earlier = await send('joc', 'POST', '/api/situation/sitreps', { from: '2020-07-01T00:00:00Z', to: '2020-07-02T00:00:00Z' });
    expect((earlier.json() as SitrepDetail).records.filter((r) => r.type !== 'alert')).toEqual([]);
  });

  test('a reader without need-to-know gets a 404 and never sees the records, through the report or the map', async () => {
    expect((await send('police', 'GET', `/api/situation/sitreps/${report.id}`)).statusCode).toBe(200);
    for (const caller of ['forceViewer', 'forceOfficer', 'civilAffairs', 'admin', 'auditor'] as const) {
      for (const url of [
        `/api/situation/sitreps/${report.id}`,
        `/api/situation/sitreps/${report.id}/pdf`,
        `/api/situation/sitreps/${report.id}/docx`,
      ]) {
        const response = await send(caller, 'GET', url);
        expect(response.statusCode, `${caller} ${url}`).toBe(404);
        expect(response.body).not.toContain('Patrouille UNPOL en cours');
      }
      const list = (await send(caller, 'GET', '/api/situation/sitreps')).json() as { items: SitrepSummary[] };
      expect(list.items.map((s) => s.id)).not.toContain(report.id);
      const map = await send(caller, 'GET', '/api/situation/map');
      expect(map.statusCode).toBe(200);
      expect((map.json() as SituationMap).operations.map((o) => o.id)).not.toContain(ongoing.id);
      expect(map.body).not.toContain('Patrouille UNPOL en cours');
    }
    expect((await send('anonymous', 'GET', '/api/situation/map')).statusCode).toBe(401);
    const jocMap = (await send('joc', 'GET', '/api/situation/map')).json() as SituationMap;
    expect(jocMap.operations.map((o) => o.id)).toContain(ongoing.id);
    expect(jocMap.operations.find((o) => o.id === ongoing.id)?.geometry?.type).toBe('LineString');
    expect(jocMap.teamSites.map((s) => s.name)).toContain('Gao');
    const day = (await send('forceViewer', 'GET', '/api/situation/map?day=2020-07-21&sector=east')).json() as SituationMap;
    expect(day.incidents.map((i) => i.ref)).toContain(incident.ref);
    expect(day.operations.map((o) => o.id)).toEqual([done.id]);
    const west = (await send('joc', 'GET', '/api/situation/map?day=2020-07-21&sector=west')).json() as SituationMap;
    expect(west.incidents).toEqual([]);
    expect(west.teamSites.map((s) => s.name).sort()).toEqual(['Goundam', 'Tombouctou']);
  });

  test('sections are edited against the version, by the JOC only; a released report is frozen; its PDF carries its class', async () => {
    const url = `/api/situation/sitreps/${report.id}`;
    const edited = await send('joc', 'PUT', `${url}/sections/outlook`, { version: report.version, text: 'Escortes prévues vers Ménaka.' });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = edited.json() as SitrepDetail;
    expect(after.version).toBe(report.version + 1);
    expect(after.sections.find((s) => s.key === 'outlook')?.text).toBe('Escortes prévues vers Ménaka.');
    const stale = await send('joc', 'PUT', `${url}/sections/summary`, { version: report.version, text: 'Autre' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('version_conflict');
    expect((await send('police', 'PUT', `${url}/sections/summary`, { version: after.version, text: 'x' })).statusCode).toBe(403);

    const released = await send('joc', 'POST', `${url}/release`, { version: after.version });
    expect(released.statusCode, released.body).toBe(200);
    expect((released.json() as SitrepDetail).status).toBe('released');
    const frozen = await send('joc', 'PUT', `${url}/sections/summary`, { version: after.version + 1, text: 'Trop tard' });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().code).toBe('sitrep_released');
    expect((await send('joc', 'POST', `${url}/release`, { version: after.version + 1 })).statusCode).toBe(409);

    const pdf = await send('joc', 'GET', `${url}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('DIFFUSION RESTREINTE');
    expect(text).toContain('Escortes prévues vers Ménaka.');
    expect(text).toContain('DIFFUSÉ');
  });

  test('the DOCX answers whoever the PDF answers with the same refusal, and nobody else', async () => {
    const statuses = new Set<number>();
    for (const id of [report.id, '00000000-0000-4000-8000-000000000000']) {
      for (const caller of ['anonymous', ...Object.keys(OPERATION_CALLERS)] as OperationCaller[]) {
        const pdf = await send(caller, 'GET', `/api/situation/sitreps/${id}/pdf`);
        const docx = await send(caller, 'GET', `/api/situation/sitreps/${id}/docx`);
        statuses.add(pdf.statusCode);
        expect(docx.statusCode, `${caller} ${id}`).toBe(pdf.statusCode);
        if (pdf.statusCode === 200) continue;
        expect(docx.headers['content-type'], caller).toBe(pdf.headers['content-type']);
        expect(docx.body, caller).toBe(pdf.body);
        expect(docx.body).not.toContain('Patrouille UNPOL en cours');
      }
    }
    expect([...statuses].sort()).toEqual([200, 401, 404]);
  });

  test('the DOCX holds the PDF’s content, in French and in English, its class in the header and footer of every page', async () => {
    const exports = async () =>
      Number(
        (
          await t.ctx.database.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'sitrep.export')
            .where('details', 'like', '%"docx"%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await exports();
    const fr = await send('police', 'GET', `/api/situation/sitreps/${report.id}/docx`);
    expect(fr.statusCode, fr.body).toBe(200);
    expect(fr.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(fr.headers['content-disposition']).toBe(`attachment; filename="sitrep-mission-${report.periodEnd.slice(0, 10)}.docx"`);
    expect(await exports()).toBe(before + 1);
    const word = openDocx(fr.rawPayload);
    expect(word.parts).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));
    const marking = SITREP_TEXT.fr.classes[report.classification];
    expect(marking).toBe('DIFFUSION RESTREINTE');
    expect(word.document).toContain(report.title);
    expect(word.document).toContain(`Classification\u00a0: ${marking}`);
    expect(word.document).toContain(incident.title);
    expect(word.document).toContain('Patrouille UNPOL en cours');
    expect(word.document).toContain('violation confirmée');
    expect(word.document).toContain('Escortes prévues vers Ménaka.');
    expect(word.document.split('\n')[0]).toBe('DIFFUSÉ');
    expect(word.document).toMatch(
      /\nSynthèse\n[\s\S]*\nOpérations\n[\s\S]*\nIncidents\n[\s\S]*\nCessez-le-feu : constatations\n[\s\S]*\nAlertes\n[\s\S]*\nPerspectives\n/,
    );
    // One section, its default header and footer on every page (no different first page).
    expect(word.documentXml.match(/<w:sectPr[ >]/g)).toHaveLength(1);
    expect(word.documentXml).toContain('<w:headerReference w:type="default"');
    expect(word.documentXml).toContain('<w:footerReference w:type="default"');
    expect(word.documentXml).not.toContain('<w:titlePg');
    expect(word.headers).toEqual([marking]);
    expect(word.footers).toEqual([`${marking}Page  sur `]);
    expect(word.footerXml[0]).toMatch(/PAGE[\s\S]*NUMPAGES/);

    const assembled = await send('joc', 'POST', '/api/situation/sitreps', {
      sector: 'mission',
      from: '2020-07-21T00:00:00Z',
      language: 'en',
    });
    expect(assembled.statusCode, assembled.body).toBe(201);
    const english = assembled.json() as SitrepDetail;
    // U+FFFF, which a text may hold and XML 1.0 forbids, is left out: Word would refuse the file.
    const outlook = await send('joc', 'PUT', `/api/situation/sitreps/${english.id}/sections/outlook`, {
      version: english.version,
      text: 'Escorts\uFFFF planned to Ménaka.\n- Tomorrow & after <noon>',
    });
    expect(outlook.statusCode, outlook.body).toBe(200);
    const en = await send('joc', 'GET', `/api/situation/sitreps/${english.id}/docx`);
    expect(en.statusCode, en.body).toBe(200);
    const words = openDocx(en.rawPayload);
    expect(english.classification).toBe('restricted');
    expect(words.headers).toEqual(['RESTRICTED']);
    expect(words.document).toContain(english.title);
    expect(english.title).toContain('Daily situation report (SITREP)');
    expect(words.document).toContain('Classification: RESTRICTED');
    expect(words.document).toContain(incident.title);
    expect(words.document).toContain('Ceasefire findings');
    expect(words.document).toContain('\nOutlook\nEscorts planned to Ménaka.\nTomorrow & after <noon>');
    expect(words.documentXml).not.toContain('\uFFFF');
    expect(words.documentXml).toContain('Tomorrow &amp; after &lt;noon&gt;');
    expect(words.document.split('\n')[0]).toBe('DRAFT');
    expect(words.footers).toEqual(['RESTRICTEDPage  of ']);
    expect((await send('forceViewer', 'GET', `/api/situation/sitreps/${english.id}/docx`)).statusCode).toBe(404);

    // An empty report of another sector is internal: so is its DOCX's marking, and no record of this one is in it.
    const west = await send('joc', 'POST', '/api/situation/sitreps', { sector: 'west', from: '2020-07-21T00:00:00Z', language: 'en' });
    const westWord = openDocx((await send('joc', 'GET', `/api/situation/sitreps/${(west.json() as SitrepDetail).id}/docx`)).rawPayload);
    expect(westWord.headers).toEqual(['INTERNAL USE']);
    expect(westWord.document).toContain('Classification: INTERNAL USE');
    expect(westWord.document).not.toContain(incident.title);
  });
});
