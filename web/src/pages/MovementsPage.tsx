import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type {
  Movement,
  MovementCounts,
  MovementInput,
  MovementKind,
  MovementVocabulary,
  WEAPON_KINDS,
} from '../../../src/contracts/movements.js';
import { toProblem } from '../api/client.js';
import { type MovementQueryParams, movementApi, movementExportUrl, movementQueries } from '../api/movements.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { at, Decide, nameOf, whereText } from '../components/MovementParts.js';
import { Page } from '../components/Page.js';
import { fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { emptyWhere, type WhereDraft, WherePicker, whereOf } from '../components/WherePicker.js';
import { useLocale } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';

const FILTER_KEYS = ['group', 'status', 'kind', 'from', 'to'] as const;

function Counts({ counts }: { counts: MovementCounts }) {
  const { t } = useTranslation();
  if (counts.groups.length === 0) return <p>{t('movements.noCounts')}</p>;
  return (
    <ScrollingTable caption={t('movements.countsCaption')} className="movement-counts">
      <thead>
        <tr>
          <th scope="col">{t('movements.group')}</th>
          {(['notified', 'approved', 'refused', 'observed'] as const).map((k) => (
            <th scope="col" className="numeric" key={k}>
              {t(`movements.${k}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {counts.groups.map((g) => (
          <tr key={g.group}>
            <th scope="row">{g.name}</th>
            <td className="numeric">{g.notified}</td>
            <td className="numeric">{g.approved}</td>
            <td className="numeric">{g.refused}</td>
            <td className="numeric">{g.observed}</td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

function Movements({ items, vocabulary }: { items: readonly Movement[]; vocabulary: MovementVocabulary }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t('movements.empty')}</p>;
  return (
    <ScrollingTable caption={t('movements.listCaption')} className="movements">
      <thead>
        <tr>
          <th scope="col">{t('movements.group')}</th>
          <th scope="col">{t('movements.kind')}</th>
          <th scope="col">{t('movements.when')}</th>
          <th scope="col">{t('movements.route')}</th>
          <th scope="col">{t('movements.what')}</th>
          <th scope="col">{t('movements.decision')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((m) => (
          <tr key={m.id} data-movement={m.id}>
            <th scope="row">
              <Link to={`/operations/mouvements/${m.id}`}>{m.groupName}</Link>
            </th>
            <td>
              {nameOf(vocabulary.kinds, m.kind)}
              {m.notes && <div className="hint">{m.notes}</div>}
            </td>
            <td className="nowrap">{at(m.startsAt)}</td>
            <td>
              {whereText(m.from)}
              {m.to && ` → ${whereText(m.to)}`}
            </td>
            <td>
              {[
                m.personnel > 0 ? t('movements.personnelShort', { count: m.personnel }) : '',
                m.vehicles > 0 ? t('movements.vehiclesShort', { count: m.vehicles }) : '',
                ...m.weapons.map((w) => `${nameOf(vocabulary.weapons, w.kind)} : ${w.count}`),
              ]
                .filter((s) => s !== '')
                .join(' · ')}
              {m.incident && (
                <div>
                  {t('movements.linked')} <Link to={`/incidents/${m.incident.ref}`}>{m.incident.ref}</Link>
                </div>
              )}
            </td>
            <td>
              <strong>{nameOf(vocabulary.statuses, m.status)}</strong>
              {m.decidedBy && m.decidedAt && (
                <div className="hint">{t('movements.decidedBy', { name: m.decidedBy.name, at: at(m.decidedAt) })}</div>
              )}
              {m.decisionComment && <div className="hint">{m.decisionComment}</div>}
              {m.may.decide && <Decide movement={m} />}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

interface WeaponDraft {
  kind: (typeof WEAPON_KINDS)[number];
  count: string;
}

function RecordForm({ vocabulary }: { vocabulary: MovementVocabulary }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    kind: 'movement' as MovementKind,
    group: vocabulary.groups[0]?.code ?? '',
    unit: vocabulary.units[0] ?? '',
    personnel: '',
    vehicles: '',
    startDay: '',
    startTime: '',
    notes: '',
    incident: '',
  });
  const [weapons, setWeapons] = useState<WeaponDraft[]>([]);
  const [from, setFrom] = useState<WhereDraft>(emptyWhere);
  const [to, setTo] = useState<WhereDraft>(emptyWhere);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const number = (text: string) => (text.trim() === '' ? 0 : Number(text));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input: MovementInput = {
      kind: draft.kind,
      group: draft.group,
      unit: draft.unit,
      personnel: number(draft.personnel),
      vehicles: number(draft.vehicles),
      weapons: weapons.map((w) => ({ kind: w.kind, count: number(w.count) })),
      from: whereOf(from),
      to: draft.kind === 'declaration' ? null : whereOf(to),
      startsAt: `${draft.startDay}T${draft.startTime || '00:00'}:00Z`,
      endsAt: null,
      notes: draft.notes,
      incident: draft.kind === 'observed' && draft.incident.trim() ? draft.incident.trim().toUpperCase() : null,
    };
    setBusy(true);
    setDone(false);
    try {
      await movementApi.record(input);
      setProblem(null);
      setDone(true);
      setDraft((d) => ({ ...d, personnel: '', vehicles: '', notes: '', incident: '' }));
      setWeapons([]);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const e = (path: string) => fieldError(problem, path);
  return (
    <form onSubmit={submit} noValidate className="movement-form">
      <ProblemAlert problem={problem} />
      {done && <Notice>{t('movements.recorded')}</Notice>}
      <SelectField label={t('movements.kind')} value={draft.kind} onChange={set('kind')}>
        {vocabulary.kinds.map((k) => (
          <option key={k.code} value={k.code}>
            {k.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('movements.group')} value={draft.group} onChange={set('group')} error={e('group')}>
        {vocabulary.groups.map((g) => (
          <option key={g.code} value={g.code}>
            {g.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('movements.unit')} value={draft.unit} onChange={set('unit')}>
        {vocabulary.units.map((u) => (
          <option key={u} value={u}>
            {u}
          </option>
        ))}
      </SelectField>
      <TextField type="date" label={t('movements.startDay')} value={draft.startDay} onChange={set('startDay')} error={e('startsAt')} />
      <TextField type="time" label={t('movements.startTime')} value={draft.startTime} onChange={set('startTime')} optional />
      <WherePicker
        legend={t('movements.origin')}
        places={vocabulary.places}
        value={from}
        onChange={setFrom}
        problem={problem}
        path="from"
      />
      {draft.kind !== 'declaration' && (
        <WherePicker
          legend={t('movements.destination')}
          places={vocabulary.places}
          value={to}
          onChange={setTo}
          problem={problem}
          path="to"
        />
      )}
      <TextField
        label={t('movements.personnel')}
        inputMode="numeric"
        value={draft.personnel}
        onChange={set('personnel')}
        error={e('personnel')}
        optional
      />
      <TextField label={t('movements.vehicles')} inputMode="numeric" value={draft.vehicles} onChange={set('vehicles')} optional />
      <fieldset className="movement-weapons">
        <legend>{t('movements.weapons')}</legend>
        {e('weapons') && <p className="field-error">{e('weapons')}</p>}
        {weapons.map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are only appended and removed by position
          <div className="button-row" key={i}>
            <SelectField
              label={t('movements.weaponKind')}
              value={w.kind}
              onChange={(kind) => setWeapons((all) => all.map((x, j) => (j === i ? { ...x, kind: kind as WeaponDraft['kind'] } : x)))}
            >
              {vocabulary.weapons.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('movements.weaponCount')}
              inputMode="numeric"
              value={w.count}
              onChange={(count) => setWeapons((all) => all.map((x, j) => (j === i ? { ...x, count } : x)))}
            />
            <button type="button" className="button-secondary" onClick={() => setWeapons((all) => all.filter((_, j) => j !== i))}>
              {t('movements.removeWeapon')}
            </button>
          </div>
        ))}
        <button type="button" className="button-secondary" onClick={() => setWeapons((all) => [...all, { kind: 'small_arms', count: '' }])}>
          {t('movements.addWeapon')}
        </button>
      </fieldset>
      {draft.kind === 'observed' && (
        <TextField label={t('movements.incident')} value={draft.incident} onChange={set('incident')} error={e('incident')} optional />
      )}
      <TextAreaField label={t('movements.notes')} value={draft.notes} onChange={set('notes')} rows={3} optional />
      <button type="submit" className="button-primary" disabled={busy}>
        {t('movements.submit')}
      </button>
    </form>
  );
}

/**
 * « Contrôle des mouvements »: the signatory groups' notifications and weapons declarations with
 * their decision, the movements observed without notification, counts by group over a period,
 * and the entry form. The server shows them to the Force and the JOC only.
 */
export function MovementsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const params: MovementQueryParams = Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k) || undefined]));
  const [filter, setFilter] = useState<Record<string, string>>(Object.fromEntries(FILTER_KEYS.map((k) => [k, params[k] ?? ''])));
  const vocabulary = useLoaded(movementQueries.vocabulary(locale));
  const list = useLoaded(movementQueries.list(params, locale));
  const counts = useLoaded(movementQueries.counts(params, locale));
  const set = (key: string) => (value: string) => setFilter((f) => ({ ...f, [key]: value }));

  return (
    <Page title={t('movements.title')}>
      <p className="lead">{t('movements.intro')}</p>
      <p className="button-row">
        <Link to="/operations/cessez-le-feu">{t('movements.back')}</Link>
        <Link to="/operations/appui">{t('movements.supportLink')}</Link>
      </p>
      <Show loaded={vocabulary}>
        {(vocab) => (
          <>
            <Card title={t('movements.filters')} wide>
              <form
                className="operation-filters"
                onSubmit={(event) => {
                  event.preventDefault();
                  const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();
                  navigate(q ? `${pathname}?${q}` : pathname);
                }}
              >
                <SelectField label={t('movements.group')} value={filter.group ?? ''} onChange={set('group')} optional>
                  <option value="">{t('movements.all')}</option>
                  {vocab.groups.map((g) => (
                    <option key={g.code} value={g.code}>
                      {g.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField label={t('movements.status')} value={filter.status ?? ''} onChange={set('status')} optional>
                  <option value="">{t('movements.all')}</option>
                  {vocab.statuses.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField label={t('movements.kind')} value={filter.kind ?? ''} onChange={set('kind')} optional>
                  <option value="">{t('movements.all')}</option>
                  {vocab.kinds.map((k) => (
                    <option key={k.code} value={k.code}>
                      {k.name}
                    </option>
                  ))}
                </SelectField>
                <TextField type="date" label={t('movements.from')} value={filter.from ?? ''} onChange={set('from')} optional />
                <TextField type="date" label={t('movements.to')} value={filter.to ?? ''} onChange={set('to')} optional />
                <div className="operation-filter-apply">
                  <button type="submit" className="button-secondary">
                    {t('movements.apply')}
                  </button>
                </div>
              </form>
            </Card>
            <Show loaded={both(counts, list)}>
              {([c, l]) => (
                <>
                  <Card title={t('movements.counts')} wide>
                    <Counts counts={c} />
                  </Card>
                  <Card title={t('movements.list')} wide>
                    <p>
                      <a href={movementExportUrl(params, locale)} download>
                        {t('movements.export')}
                      </a>
                    </p>
                    {l.truncated && <p className="hint">{t('movements.truncated')}</p>}
                    <Movements items={l.items} vocabulary={vocab} />
                  </Card>
                </>
              )}
            </Show>
            {vocab.units.length > 0 && (
              <Card title={t('movements.record')} wide>
                <RecordForm vocabulary={vocab} />
              </Card>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
