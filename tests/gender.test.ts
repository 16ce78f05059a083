import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { DIALECTS } from './helpers/db.js';

/**
 * Every count of people in the API is split by sex. The test walks every response schema of the
 * OpenAPI document (GET /api/openapi.json, built by @fastify/swagger from the routes' zod
 * contracts) and applies one rule:
 *
 * - A **count of people** is a property typed `integer` or `number` whose name, split into its
 *   camelCase words, contains one of the stems of `PEOPLE` (participants, beneficiaries,
 *   attendees, personnel, persons, people, victims, civilians, children, killed, deployed…).
 *   Counts of records (`count`, `total`, `incidents`…) are not counts of people.
 * - It is **split by sex** when the object holding it also holds a count of women and one of men
 *   (`women` and `men`, or `female` and `male`), or a `sex` property (each row counts one sex),
 *   or an object named after it with `BySex` (`integrated` beside `integratedBySex: { female,
 *   male }`), or when it is itself one of those (`women`, `womenShare`…).
 * - Anything else fails the test, unless listed in `EXCEPTIONS` with its reason.
 */

const PEOPLE =
  /^(participants?|beneficiar(y|ies)|attendees?|attendance|personnel|persons?|people|victims?|survivors?|staff|members?|civilians?|child(ren)?|killed|injured|wounded|dead|fatalities|casualties|deployed|authori[sz]ed|combatants?|displaced|refugees?|returnees?|voters?|delegates?|trainees?|integrated|reinserted|demobili[sz]ed|enrolled|headcount|population|individuals?)$/i;
const SEX_ITSELF = /^(women|men|female|male|girls|boys)/i;

interface Finding {
  route: string;
  property: string;
}

const EXCEPTIONS: { route: RegExp; property: string; reason: string }[] = [
  {
    route: /^GET \/api\/incidents$/,
    property: 'items[].killedBest',
    reason:
      'ACLED-layout fatality and injury estimates of an event (best of low/best/high) are not disaggregated at source; the incident itself records women and children among civilian casualties where known.',
  },
  { route: /^GET \/api\/incidents$/, property: 'items[].injuredBest', reason: 'As killedBest.' },
  {
    route: /^GET \/api\/protection\/cases$/,
    property: 'items[].persons',
    reason:
      'How many persons a confidential case links (victims, witnesses, alleged perpetrators, each with their sex inside the case): a sex split in the list would narrow re-identification; the de-identified statistics break down by sex with small-cell suppression.',
  },
  {
    route: /^GET \/api\/strength\/summary$/,
    property: 'rows[].authorised',
    reason: 'Authorised strength is a ceiling set by the Security Council, not people counted.',
  },
  {
    route: /^GET \/api\/strength\/summary$/,
    property: 'rows[].deployed',
    reason: 'Beside `women`: snapshots are recorded per sex (female or male only), so men are deployed − women exactly.',
  },
  { route: /^GET \/api\/strength\/summary$/, property: 'rows[].deployedShare', reason: 'A share of the authorised ceiling, not a count.' },
  {
    route: /\/api\/projects/,
    property: 'beneficiaries.plannedPeople',
    reason:
      'Reach as IATI reports it: people, and women among them (`plannedWomen`); the rest mixes men and children, so no men count is invented.',
  },
  { route: /\/api\/projects/, property: 'beneficiaries.reachedPeople', reason: 'As plannedPeople (`reachedWomen` beside it).' },
  // The portfolio's dashboard sums the same reach, women among people, per group.
  ...['total', 'byStatus[]', 'byFund[]', 'byUnit[]', 'byRegion[]'].flatMap((group) =>
    ['plannedPeople', 'reachedPeople'].map((count) => ({
      route: /^GET \/api\/projects\/dashboard$/,
      property: `${group}.beneficiaries.${count}`,
      reason: 'Sums of the projects’ reach, with the women among them beside each (`plannedWomen`, `reachedWomen`).',
    })),
  ),
  // A signatory group's movement under ceasefire control, as the group notifies it or observers see it.
  ...['items[].personnel', 'personnel'].map((property) => ({
    route: /\/api\/ceasefire\/movements/,
    property,
    reason:
      'The combatants of an armed group on the move, as the group declares them or observers count them from a distance: the ceasefire’s control measures count weapons, vehicles and people, never their sex, which neither source gives.',
  })),
];

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

const words = (name: string) => name.split(/(?=[A-Z])|_/).filter(Boolean);
const isNumber = (s: Schema) => [s.type, ...(s.anyOf ?? []).map((x) => x.type)].flat().some((t) => t === 'integer' || t === 'number');

/** Is this property a count of people? (Its name holds a word of `PEOPLE`.) */
function isPeopleCount(name: string, schema: Schema): boolean {
  return isNumber(schema) && !SEX_ITSELF.test(name) && words(name).some((w) => PEOPLE.test(w));
}

function hasSexCounts(props: Record<string, Schema>): boolean {
  const has = (n: string) => props[n] !== undefined && isNumber(props[n] as Schema);
  return (has('women') && has('men')) || (has('female') && has('male'));
}

function isSplit(name: string, siblings: Record<string, Schema>): boolean {
  const bySex = siblings[`${name}BySex`]?.properties;
  return hasSexCounts(siblings) || siblings.sex !== undefined || (bySex !== undefined && hasSexCounts(bySex));
}

function walk(schema: Schema | undefined, route: string, path: string, out: Finding[]): void {
  if (!schema || typeof schema !== 'object') return;
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) walk(part, route, path, out);
  if (schema.items) walk(schema.items, route, `${path}[]`, out);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    walk(schema.additionalProperties, route, `${path}{}`, out);
  const props = schema.properties ?? {};
  for (const [name, prop] of Object.entries(props)) {
    const here = path ? `${path}.${name}` : name;
    if (isPeopleCount(name, prop) && !isSplit(name, props)) out.push({ route, property: here });
    walk(prop, route, here, out);
  }
}

describe.each(DIALECTS.slice(0, 1))('gender across the API (%s)', (dialect) => {
  let t: TestApp;
  let findings: Finding[];
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
    };
    findings = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const response of Object.values(operation.responses ?? {})) {
          for (const content of Object.values(response.content ?? {}))
            walk(content.schema, `${method.toUpperCase()} ${path}`, '', findings);
        }
      }
    }
  });
  afterAll(async () => t?.close());

  const listed = (f: Finding, list: readonly { route: RegExp; property: string }[]) =>
    list.some((e) => e.route.test(f.route) && e.property === f.property);

  test('every count of people in a response is split by sex, or listed with its reason', () => {
    const unsplit = findings.filter((f) => !listed(f, EXCEPTIONS));
    expect(unsplit.map((f) => `${f.route} :: ${f.property}`)).toEqual([]);
  });

  test('every exception still matches something (none is kept after its schema changed)', () => {
    const stale = EXCEPTIONS.filter((e) => !findings.some((f) => e.route.test(f.route) && e.property === f.property));
    expect(stale.map((e) => `${e.route} ${e.property}`)).toEqual([]);
  });

  test('the rule sees the counts it should: the new records are split, and a bare count would fail', () => {
    const route = (r: string) => findings.filter((f) => f.route === r);
    expect(route('GET /api/engagements')).toEqual([]);
    expect(route('GET /api/elections')).toEqual([]);
    expect(route('GET /api/peace/participation')).toEqual([]);
    expect(route('GET /api/ddr/progress')).toEqual([]);
    const out: Finding[] = [];
    walk(
      { properties: { participants: { type: 'integer' }, count: { type: 'integer' }, killedBest: { type: 'number' } } },
      'TEST',
      '',
      out,
    );
    expect(out.map((f) => f.property)).toEqual(['participants', 'killedBest']);
    const split: Finding[] = [];
    walk({ properties: { attendees: { type: 'integer' }, women: { type: 'integer' }, men: { type: 'integer' } } }, 'TEST', '', split);
    expect(split).toEqual([]);
    const nested: Finding[] = [];
    walk(
      {
        properties: {
          integrated: { type: 'integer' },
          integratedBySex: { properties: { female: { type: 'integer' }, male: { type: 'integer' } } },
        },
      },
      'TEST',
      '',
      nested,
    );
    expect(nested).toEqual([]);
  });
});
