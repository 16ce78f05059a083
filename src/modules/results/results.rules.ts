import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../contracts/activities.js';
import type { Locale } from '../../contracts/common.js';
import { FUNDS, PROJECT_STATUSES } from '../../contracts/projects.js';
import type { ComputedValue, ResultMeasure } from '../../contracts/results.js';
import { STRENGTH_CATEGORIES, type StrengthSnapshot } from '../../contracts/strength.js';
import { ACTIVITY_CATEGORY_CODES, ACTIVITY_TOPIC_CODES } from '../../data/vocab/activities.js';
import { formatFigure } from '../../i18n/format.js';
import type { AppContext } from '../../platform/context.js';
import { type Actor, readScope } from '../../platform/policy.js';
import { participantTotals, readableActivityTitles } from '../activities/activities.service.js';
import { integratedBySex } from '../ddr/ddr.service.js';
import { countVisibleIncidents } from '../incidents/incidents.read.js';
import { listIncidents } from '../incidents/incidents.service.js';
import { round } from '../indicators/indicators.service.js';
import { listProjects, portfolioTotals } from '../projects/projects.service.js';
import { listStrength } from '../strength/strength.service.js';

/**
 * The kinds of rule an indicator (or a fiche figure) may be computed by: one entry per kind. Each
 * reads the owning module through its service (or its `*.read.ts`), never its tables, always with
 * the reader's rights, so the value and the records behind it are only what the reader may read.
 * A new kind (e.g. participants of a unit's trainings on a topic in a period, from the activities
 * module) is one more entry in `RULE_KINDS`.
 */

export interface RulePeriod {
  /** First day counted (ISO date), or null for "since the beginning". */
  start: string | null;
  /** Last day counted, or null for "up to today". */
  end: string | null;
}

export interface RuleRun {
  ctx: AppContext;
  actor: Actor | null;
  locale: Locale;
  period: RulePeriod;
}

type Words = Record<Locale, string>;

export interface RuleKind<P = Record<string, unknown>> {
  kind: string;
  /**
   * The audit actions (prefixes) of the writes that may change its value: while a fiche figure is
   * bound to it, such a write moves the public data's version, so the cached fiche is rebuilt.
   */
  sourceActions: readonly string[];
  label: Words;
  params: z.ZodType<P>;
  /** The parameters, for the definition form: name, label, closed list of values if any. */
  paramInfo: { name: string; label: Words; required: boolean; options: readonly string[] | null }[];
  measure(params: P): ResultMeasure;
  /** The rule in words, in the reader's language. */
  describe(params: P, locale: Locale, period: RulePeriod): string;
  compute(run: RuleRun, params: P): Promise<Omit<ComputedValue, 'rule'>>;
}

const LISTED = 20;
const fr = (locale: Locale) => locale === 'fr';

function periodWords(period: RulePeriod, locale: Locale): string {
  if (period.start && period.end) return fr(locale) ? `du ${period.start} au ${period.end}` : `from ${period.start} to ${period.end}`;
  if (period.end) return fr(locale) ? `au ${period.end}` : `as at ${period.end}`;
  if (period.start) return fr(locale) ? `depuis le ${period.start}` : `since ${period.start}`;
  return fr(locale) ? 'à ce jour' : 'to date';
}

const CATEGORY_WORDS: Record<(typeof STRENGTH_CATEGORIES)[number], Words> = {
  military: { fr: 'militaires (Force)', en: 'military personnel (Force)' },
  staff_officers: { fr: 'officiers d’état-major', en: 'staff officers' },
  military_observers: { fr: 'observateurs militaires', en: 'military observers' },
  police: { fr: 'policiers (UNPOL)', en: 'police personnel (UNPOL)' },
  ipo: { fr: 'policiers individuels', en: 'individual police officers' },
  fpu: { fr: 'unités de police constituées', en: 'formed police units' },
  civilians: { fr: 'personnel civil', en: 'civilian personnel' },
  volunteers: { fr: 'Volontaires des Nations Unies', en: 'UN Volunteers' },
};

/** The latest all-countries, all-locations snapshot of a category the reader may read, on or before `end`. */
async function latestStrength(run: RuleRun, category: (typeof STRENGTH_CATEGORIES)[number]) {
  const rows = (await listStrength(run.ctx, run.actor, { category, to: run.period.end ?? undefined })).filter(
    (r) => r.country === null && r.location === null,
  );
  const totals = rows.filter((r) => r.sex === 'all');
  const latest = totals.reduce<StrengthSnapshot | null>((best, r) => (best === null || r.asOf > best.asOf ? r : best), null);
  const women = latest ? (rows.find((r) => r.sex === 'female' && r.asOf === latest.asOf) ?? null) : null;
  return { latest, women };
}

function strengthRecord(snapshot: StrengthSnapshot, locale: Locale) {
  const n = (v: number | null) => (v === null ? '—' : formatFigure(v, 'persons', locale));
  const sex = snapshot.sex === 'female' ? (fr(locale) ? ' (femmes)' : ' (women)') : '';
  return {
    type: 'strength_snapshot',
    id: snapshot.id,
    label: fr(locale)
      ? `${CATEGORY_WORDS[snapshot.category].fr}${sex}, ${snapshot.asOf} : ${n(snapshot.deployed)} déployés, ${n(snapshot.authorised)} autorisés`
      : `${CATEGORY_WORDS[snapshot.category].en}${sex}, ${snapshot.asOf}: ${n(snapshot.deployed)} deployed, ${n(snapshot.authorised)} authorised`,
    href: '/effectifs',
  };
}

const strengthParams = z.strictObject({ category: z.enum(STRENGTH_CATEGORIES) });
const categoryInfo = [
  { name: 'category', label: { fr: 'Catégorie', en: 'Category' }, required: true, options: STRENGTH_CATEGORIES },
] as const;

const strengthDeployed: RuleKind<z.infer<typeof strengthParams>> = {
  kind: 'strength.deployed',
  sourceActions: ['strength.'],
  label: { fr: 'Effectif déployé d’une catégorie', en: 'Deployed strength of a category' },
  params: strengthParams,
  paramInfo: [...categoryInfo],
  measure: () => 'count',
  describe: (p, locale, period) =>
    fr(locale)
      ? `Effectif déployé des ${CATEGORY_WORDS[p.category].fr}, dernier relevé tous pays et tous lieux ${periodWords({ start: null, end: period.end }, locale)}`
      : `Deployed strength of ${CATEGORY_WORDS[p.category].en}, latest all-countries, all-locations snapshot ${periodWords({ start: null, end: period.end }, locale)}`,
  async compute(run, p) {
    const { latest, women } = await latestStrength(run, p.category);
    const value = latest?.deployed ?? null;
    const w = women?.deployed ?? null;
    const records = [latest, women].flatMap((s) => (s ? [strengthRecord(s, run.locale)] : []));
    const steps = latest
      ? [
          fr(run.locale)
            ? `Relevé du ${latest.asOf} : ${formatFigure(value ?? 0, 'persons', run.locale)} déployés${w === null ? '' : `, dont ${formatFigure(w, 'persons', run.locale)} femmes`}.`
            : `Snapshot of ${latest.asOf}: ${formatFigure(value ?? 0, 'persons', run.locale)} deployed${w === null ? '' : `, of whom ${formatFigure(w, 'persons', run.locale)} women`}.`,
        ]
      : [fr(run.locale) ? 'Aucun relevé lisible.' : 'No readable snapshot.'];
    return {
      value,
      women: w,
      men: value !== null && w !== null ? value - w : null,
      asOf: latest?.asOf ?? null,
      steps,
      records,
      moreRecords: 0,
    };
  },
};

const strengthShare: RuleKind<z.infer<typeof strengthParams>> = {
  kind: 'strength.deployed_share',
  sourceActions: ['strength.'],
  label: { fr: 'Déployés ÷ effectif autorisé d’une catégorie', en: 'Deployed ÷ authorised strength of a category' },
  params: strengthParams,
  paramInfo: [...categoryInfo],
  measure: () => 'percent',
  describe: (p, locale, period) =>
    fr(locale)
      ? `Effectif déployé ÷ effectif autorisé des ${CATEGORY_WORDS[p.category].fr} × 100, dernier relevé ${periodWords({ start: null, end: period.end }, locale)}`
      : `Deployed ÷ authorised strength of ${CATEGORY_WORDS[p.category].en} × 100, latest snapshot ${periodWords({ start: null, end: period.end }, locale)}`,
  async compute(run, p) {
    const { latest, women } = await latestStrength(run, p.category);
    const deployed = latest?.deployed ?? null;
    const authorised = latest?.authorised ?? null;
    const value = deployed !== null && authorised ? round((deployed / authorised) * 100, 2) : null;
    const w = women?.deployed ?? null;
    const f = (v: number) => formatFigure(v, 'persons', run.locale);
    return {
      value,
      women: w,
      men: deployed !== null && w !== null ? deployed - w : null,
      asOf: latest?.asOf ?? null,
      steps:
        latest && value !== null && deployed !== null && authorised
          ? [`${f(deployed)} ÷ ${f(authorised)} × 100 = ${formatFigure(value, 'percent', run.locale)}`]
          : [fr(run.locale) ? 'Aucun relevé lisible avec les deux effectifs.' : 'No readable snapshot with both figures.'],
      records: [latest, women].flatMap((s) => (s ? [strengthRecord(s, run.locale)] : [])),
      moreRecords: 0,
    };
  },
};

const AMOUNTS = ['count', 'budget', 'committed', 'disbursed'] as const;
const projectParams = z.strictObject({
  fund: z.enum(FUNDS),
  statuses: z.array(z.enum(PROJECT_STATUSES)).max(PROJECT_STATUSES.length).optional(),
  amount: z.enum(AMOUNTS).default('count'),
});
const AMOUNT_WORDS: Record<(typeof AMOUNTS)[number], Words> = {
  count: { fr: 'Nombre de projets', en: 'Number of projects' },
  budget: { fr: 'Budget en USD des projets', en: 'USD budget of the projects' },
  committed: { fr: 'Montants engagés en USD des projets', en: 'USD committed to the projects' },
  disbursed: { fr: 'Montants décaissés en USD des projets', en: 'USD disbursed to the projects' },
};

/** Whole US dollars from integer cents, half up (the fact book states whole dollars). */
function wholeDollars(minor: number): number {
  return Math.floor((minor + 50) / 100);
}

const projectsByFund: RuleKind<z.infer<typeof projectParams>> = {
  kind: 'projects.fund_status',
  sourceActions: ['project.'],
  label: { fr: 'Projets d’un fonds par statut (nombre ou montants USD)', en: 'Projects of a fund by status (count or USD amounts)' },
  params: projectParams,
  paramInfo: [
    { name: 'fund', label: { fr: 'Fonds', en: 'Fund' }, required: true, options: FUNDS },
    { name: 'statuses', label: { fr: 'Statuts', en: 'Statuses' }, required: false, options: PROJECT_STATUSES },
    { name: 'amount', label: { fr: 'Mesure', en: 'Measure' }, required: false, options: AMOUNTS },
  ],
  measure: (p) => (p.amount === 'count' ? 'count' : 'usd'),
  describe: (p, locale) => {
    const statuses = p.statuses?.length ? p.statuses.join(', ') : fr(locale) ? 'tous statuts' : 'any status';
    return fr(locale)
      ? `${AMOUNT_WORDS[p.amount].fr} du fonds ${p.fund} (${statuses}), tels qu’enregistrés dans le portefeuille`
      : `${AMOUNT_WORDS[p.amount].en} of fund ${p.fund} (${statuses}), as recorded in the portfolio`;
  },
  async compute(run, p) {
    const filter = { fund: [p.fund], ...(p.statuses?.length ? { status: p.statuses } : {}) };
    const totals = await portfolioTotals(run.ctx, run.actor, filter);
    const page = await listProjects(run.ctx, run.actor, { ...filter, limit: LISTED }, run.locale);
    const t = totals.total;
    const value =
      p.amount === 'count'
        ? t.count
        : wholeDollars(p.amount === 'budget' ? t.budgetUsdMinor : p.amount === 'committed' ? t.committedUsdMinor : t.disbursedUsdMinor);
    const usd = (minor: number) => formatFigure(wholeDollars(minor), 'usd', run.locale);
    return {
      value,
      women: null,
      men: null,
      asOf: null,
      steps: [
        fr(run.locale)
          ? `${formatFigure(t.count, 'projects', run.locale)} projets lisibles ; budget ${usd(t.budgetUsdMinor)}, engagé ${usd(t.committedUsdMinor)}, décaissé ${usd(t.disbursedUsdMinor)} (montants convertis en USD au taux daté de chaque projet).`
          : `${formatFigure(t.count, 'projects', run.locale)} readable projects; budget ${usd(t.budgetUsdMinor)}, committed ${usd(t.committedUsdMinor)}, disbursed ${usd(t.disbursedUsdMinor)} (amounts converted to USD at each project's dated rate).`,
      ],
      records: page.items.map((item) => ({ type: 'project', id: item.id, label: item.title, href: `/projets/${item.id}` })),
      moreRecords: Math.max(0, t.count - page.items.length),
    };
  },
};

const ddrParams = z.strictObject({ movement: z.string().min(1).max(40).optional() });

const ddrIntegrated: RuleKind<z.infer<typeof ddrParams>> = {
  kind: 'ddr.integrated',
  sourceActions: ['ddr.'],
  label: { fr: 'Personnes intégrées (DDR), par sexe', en: 'Persons integrated (DDR), by sex' },
  params: ddrParams,
  paramInfo: [{ name: 'movement', label: { fr: 'Mouvement', en: 'Movement' }, required: false, options: null }],
  measure: () => 'count',
  describe: (p, locale) =>
    fr(locale)
      ? `Personnes intégrées du registre DDR${p.movement ? ` (mouvement ${p.movement})` : ''}, doublons confirmés exclus ; effectifs agrégés, sans identité`
      : `Persons integrated in the DDR registry${p.movement ? ` (movement ${p.movement})` : ''}, confirmed duplicates left out; aggregates, no identities`,
  async compute(run, p) {
    const counts = await integratedBySex(run.ctx, run.actor, p.movement);
    if (!counts)
      return {
        value: null,
        women: null,
        men: null,
        asOf: null,
        steps: [fr(run.locale) ? 'Réservé aux comptes de la mission.' : 'For mission accounts only.'],
        records: [],
        moreRecords: 0,
      };
    const n = (v: number) => formatFigure(v, 'persons', run.locale);
    return {
      value: counts.total,
      women: counts.women,
      men: counts.men,
      asOf: null,
      steps: counts.byMovement.map((m) =>
        fr(run.locale) ? `${m.movement} : ${n(m.women)} femmes, ${n(m.men)} hommes` : `${m.movement}: ${n(m.women)} women, ${n(m.men)} men`,
      ),
      records: [],
      moreRecords: 0,
    };
  },
};

const incidentParams = z.strictObject({
  eventType: z.string().min(1).max(60).optional(),
  category: z.string().min(1).max(60).optional(),
  region: z.string().min(1).max(16).optional(),
  verifiedOnly: z.boolean().default(true),
});

const incidentsOfType: RuleKind<z.infer<typeof incidentParams>> = {
  kind: 'incidents.count',
  sourceActions: ['incident.', 'actor.'],
  label: { fr: 'Incidents d’un type sur une période', en: 'Incidents of a type in a period' },
  params: incidentParams,
  paramInfo: [
    { name: 'eventType', label: { fr: 'Type d’événement', en: 'Event type' }, required: false, options: null },
    { name: 'category', label: { fr: 'Catégorie', en: 'Category' }, required: false, options: null },
    { name: 'region', label: { fr: 'Région', en: 'Region' }, required: false, options: null },
  ],
  measure: () => 'count',
  describe: (p, locale, period) => {
    const what = [p.eventType, p.category, p.region].filter(Boolean).join(', ');
    return fr(locale)
      ? `Incidents${p.verifiedOnly ? ' vérifiés ou clos' : ''}${what ? ` (${what})` : ''} ${periodWords(period, locale)}`
      : `Incidents${p.verifiedOnly ? ' verified or closed' : ''}${what ? ` (${what})` : ''} ${periodWords(period, locale)}`;
  },
  async compute(run, p) {
    const filter = {
      ...(p.eventType ? { eventType: [p.eventType] } : {}),
      ...(p.category ? { category: [p.category] } : {}),
      ...(p.region ? { region: [p.region] } : {}),
      ...(run.period.start ? { from: run.period.start } : {}),
      ...(run.period.end ? { to: run.period.end } : {}),
      ...(p.verifiedOnly ? { status: ['verified' as const, 'closed' as const] } : {}),
    };
    const db = run.ctx.database;
    const count = await countVisibleIncidents(db.db, db.dialect, filter, readScope(run.actor));
    const page = await listIncidents(run.ctx, run.actor, { ...filter, sort: 'date_desc', limit: LISTED });
    return {
      value: count,
      women: null,
      men: null,
      asOf: run.period.end,
      steps: [
        fr(run.locale)
          ? `${formatFigure(count, 'incidents', run.locale)} incidents lisibles correspondent.`
          : `${formatFigure(count, 'incidents', run.locale)} readable incidents match.`,
      ],
      records: page.items.map((i) => ({ type: 'incident', id: i.ref, label: `${i.ref} — ${i.title}`, href: `/incidents/${i.ref}` })),
      moreRecords: Math.max(0, count - page.items.length),
    };
  },
};

const activityParams = z.strictObject({
  unit: z.string().min(1).max(16).optional(),
  type: z.enum(ACTIVITY_TYPES).optional(),
  topic: z.enum(ACTIVITY_TOPIC_CODES).optional(),
  category: z.enum(ACTIVITY_CATEGORY_CODES).optional(),
});

const activityParticipants: RuleKind<z.infer<typeof activityParams>> = {
  kind: 'activities.participants',
  sourceActions: ['activity.'],
  label: {
    fr: 'Participants aux activités (formations, ateliers…) d’une unité, par sexe',
    en: 'Participants in a unit’s activities (trainings, workshops…), by sex',
  },
  params: activityParams,
  paramInfo: [
    { name: 'unit', label: { fr: 'Unité', en: 'Unit' }, required: false, options: null },
    { name: 'type', label: { fr: 'Type d’activité', en: 'Type of activity' }, required: false, options: ACTIVITY_TYPES },
    { name: 'topic', label: { fr: 'Thème', en: 'Topic' }, required: false, options: ACTIVITY_TOPIC_CODES },
    { name: 'category', label: { fr: 'Public', en: 'People reached' }, required: false, options: ACTIVITY_CATEGORY_CODES },
  ],
  measure: () => 'count',
  describe: (p, locale, period) => {
    const what = [p.unit, p.type, p.topic, p.category].filter(Boolean).join(', ');
    return fr(locale)
      ? `Participants (femmes et hommes) des activités${what ? ` (${what})` : ''} commencées ${periodWords(period, locale)}`
      : `Participants (women and men) in the activities${what ? ` (${what})` : ''} starting ${periodWords(period, locale)}`;
  },
  async compute(run, p) {
    const totals = await participantTotals(run.ctx, run.actor, {
      ...(p.unit ? { unit: [p.unit] } : {}),
      ...(p.type ? { type: [p.type] } : {}),
      ...(p.topic ? { topic: [p.topic] } : {}),
      ...(p.category ? { category: [p.category] } : {}),
      ...(run.period.start ? { from: run.period.start } : {}),
      ...(run.period.end ? { to: run.period.end } : {}),
    });
    const listed = totals.activities.slice(-LISTED).reverse();
    const titles = run.actor ? await readableActivityTitles(run.ctx, run.actor, listed) : new Map<string, string>();
    const n = (v: number) => formatFigure(v, 'persons', run.locale);
    return {
      value: totals.total,
      women: totals.women,
      men: totals.men,
      asOf: run.period.end,
      steps: [
        fr(run.locale)
          ? `${n(totals.women)} femmes + ${n(totals.men)} hommes dans ${formatFigure(totals.activities.length, 'activities', run.locale)} activités lisibles`
          : `${n(totals.women)} women + ${n(totals.men)} men in ${formatFigure(totals.activities.length, 'activities', run.locale)} readable activities`,
      ],
      records: listed
        .filter((id) => titles.has(id))
        .map((id) => ({ type: 'activity', id, label: titles.get(id) ?? id, href: `/activites/${id}` })),
      moreRecords: Math.max(0, totals.activities.length - listed.length),
    };
  },
};

/** A kind with its parameters' type forgotten: they are parsed by its own schema before any use. */
function entry<P>(kind: RuleKind<P>): RuleKind {
  return kind as unknown as RuleKind;
}

/** The registry: one entry per kind. */
export const RULE_KINDS: readonly RuleKind[] = [
  entry(strengthDeployed),
  entry(strengthShare),
  entry(projectsByFund),
  entry(ddrIntegrated),
  entry(incidentsOfType),
  entry(activityParticipants),
];

export function ruleKind(kind: string): RuleKind | undefined {
  return RULE_KINDS.find((k) => k.kind === kind);
}

/**
 * Fiche figures whose records are in Mandat, with the rule that counts them. While such a figure
 * is not bound, the fiche shows its sourced value and warns when the records disagree with it.
 */
export const RECORDED_FIGURES: Readonly<Record<string, { kind: string; params: Record<string, unknown> }>> = {
  'force.strength.deployed': { kind: 'strength.deployed', params: { category: 'military' } },
  'unpol.strength.deployed': { kind: 'strength.deployed', params: { category: 'police' } },
  'unv.volunteers.in_service': { kind: 'strength.deployed', params: { category: 'volunteers' } },
};
