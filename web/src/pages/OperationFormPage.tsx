import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import {
  OPERATION_CLASSIFICATIONS,
  OPERATION_SECTORS,
  OPERATION_TYPES,
  type Operation,
  type OperationGeometry,
  type OperationInput,
} from '../../../src/contracts/operations.js';
import { toProblem } from '../api/client.js';
import { operationApi, operationQueries } from '../api/operations.js';
import { type Unit, useUnits } from '../api/organisation.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { RouteDrawer } from '../components/RouteDrawer.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { geometryText, instant, parseGeometry, splitInstant } from '../operations.js';
import { navigate } from '../router.js';

type Shape = 'none' | 'LineString' | 'Polygon';

interface Draft {
  type: OperationInput['type'];
  unit: string;
  units: string[];
  classification: (typeof OPERATION_CLASSIFICATIONS)[number];
  titleFr: string;
  titleEn: string;
  orders: string;
  sector: OperationInput['sector'];
  places: string;
  shape: Shape;
  coordinates: string;
  startDay: string;
  startTime: string;
  endDay: string;
  endTime: string;
  women: string;
  men: string;
  engagementTeams: string;
  vehicles: string;
}

function draftOf(operation: Operation | null, unit: string): Draft {
  if (!operation)
    return {
      type: 'mobile_patrol',
      unit,
      units: unit ? [unit] : [],
      classification: 'restricted',
      titleFr: '',
      titleEn: '',
      orders: '',
      sector: 'east',
      places: '',
      shape: 'LineString',
      coordinates: '',
      startDay: '',
      startTime: '',
      endDay: '',
      endTime: '',
      women: '0',
      men: '0',
      engagementTeams: '0',
      vehicles: '0',
    };
  const start = splitInstant(operation.plannedStart);
  const end = splitInstant(operation.plannedEnd);
  return {
    type: operation.type,
    unit: operation.unit,
    units: operation.units,
    classification: operation.classification,
    titleFr: operation.titleFr,
    titleEn: operation.titleEn,
    orders: operation.orders,
    sector: operation.sector,
    places: operation.places.join(', '),
    shape: operation.geometry?.type ?? 'none',
    coordinates: geometryText(operation.geometry),
    startDay: start.day,
    startTime: start.time,
    endDay: end.day,
    endTime: end.time,
    women: String(operation.women),
    men: String(operation.men),
    engagementTeams: String(operation.engagementTeams),
    vehicles: String(operation.vehicles),
  };
}

/** The units an operation may involve: the Force's and UNPOL's, and any already chosen. */
function takingPartChoices(units: readonly Unit[], chosen: readonly string[]): string[] {
  const parent = new Map(units.map((u) => [u.code, u.parentCode]));
  const under = (code: string) => {
    for (let at: string | null | undefined = code; at; at = parent.get(at)) if (at === 'FORCE' || at === 'UNPOL') return true;
    return false;
  };
  return units.filter((u) => u.closedAt === null && (under(u.code) || chosen.includes(u.code))).map((u) => u.code);
}

function OperationForm({ me, operation, units }: { me: Me; operation: Operation | null; units: readonly Unit[] }) {
  const { t } = useTranslation();
  const leading = me.may.orderOperations ? units.filter((u) => u.closedAt === null).map((u) => u.code) : me.may.planOperationIn;
  const [draft, setDraft] = useState<Draft>(() => draftOf(operation, leading.includes('FORCE') ? 'FORCE' : (leading[0] ?? '')));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const choices = takingPartChoices(units, [...draft.units, draft.unit]);
  const preview = draft.shape === 'none' ? null : parseGeometry(draft.shape, draft.coordinates);
  const shown: OperationGeometry | null =
    preview && 'geometry' in preview && (preview.geometry.type === 'LineString' ? preview.geometry.coordinates.length >= 2 : true)
      ? preview.geometry
      : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const errors: { path: string; message: string }[] = [];
    const count = (path: string, text: string) => {
      const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
      if (n === null) errors.push({ path, message: t('operations.form.countInvalid') });
      return n ?? 0;
    };
    const day = (path: string, value: string) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push({ path, message: t('operations.form.dateInvalid') });
      return value;
    };
    const time = (path: string, value: string) => {
      if (!/^\d{2}:\d{2}$/.test(value)) errors.push({ path, message: t('operations.form.timeInvalid') });
      return value;
    };
    let geometry: OperationGeometry | null = null;
    if (draft.shape !== 'none') {
      const parsed = parseGeometry(draft.shape, draft.coordinates);
      if ('badLines' in parsed)
        for (const line of parsed.badLines) errors.push({ path: 'geometry', message: t('operations.form.coordinatesInvalid', { line }) });
      else geometry = parsed.geometry;
    }
    const input: OperationInput = {
      type: draft.type,
      unit: draft.unit,
      units: draft.units.includes(draft.unit) ? draft.units : [draft.unit, ...draft.units],
      classification: draft.classification,
      titleFr: draft.titleFr,
      titleEn: draft.titleEn,
      orders: draft.orders,
      sector: draft.sector,
      places: draft.places
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
      geometry,
      plannedStart: instant(day('plannedStart', draft.startDay), time('plannedStart', draft.startTime)),
      plannedEnd: instant(day('plannedEnd', draft.endDay), time('plannedEnd', draft.endTime)),
      women: count('women', draft.women),
      men: count('men', draft.men),
      engagementTeams: count('engagementTeams', draft.engagementTeams),
      vehicles: count('vehicles', draft.vehicles),
    };
    if (errors.length > 0) return setProblem(clientProblem(errors));
    setBusy(true);
    try {
      const saved = operation ? await operationApi.update(operation.id, operation.version, input) : await operationApi.create(input);
      navigate(`/operations/${saved.id}`);
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  const e = (path: string) => fieldError(problem, path);
  // A vertex refused by the server is named by its line in the text box.
  const vertexError = problem?.errors?.find((error) => error.path.startsWith('geometry'));
  const labels: Record<string, string> = {
    titleFr: t('operations.fields.titleFr'),
    unit: t('operations.fields.unit'),
    units: t('operations.fields.units'),
    plannedStart: t('operations.fields.plannedStartDay'),
    plannedEnd: t('operations.fields.plannedEndDay'),
    geometry: t('operations.form.coordinates'),
    ...Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [
        [`geometry.coordinates.${i}`, `${t('operations.form.coordinates')} (${i + 1})`],
        [`geometry.coordinates.0.${i}`, `${t('operations.form.coordinates')} (${i + 1})`],
      ]).flat(),
    ),
  };

  return (
    <form onSubmit={submit} noValidate className="operation-form">
      <ProblemAlert problem={problem} labels={labels} />
      <Card title={t('operations.form.what')} wide>
        <SelectField label={t('operations.fields.type')} value={draft.type} onChange={(v) => set('type')(v as Draft['type'])}>
          {OPERATION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`operations.types.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('operations.fields.titleFr')} value={draft.titleFr} onChange={set('titleFr')} error={e('titleFr')} lang="fr" />
        <TextField label={t('operations.fields.titleEn')} value={draft.titleEn} onChange={set('titleEn')} optional lang="en" />
        <TextAreaField label={t('operations.fields.orders')} value={draft.orders} onChange={set('orders')} optional rows={3} />
        <SelectField
          label={t('operations.fields.classification')}
          value={draft.classification}
          onChange={(v) => set('classification')(v as Draft['classification'])}
        >
          {OPERATION_CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {t(`operations.classifications.${c}`)}
            </option>
          ))}
        </SelectField>
      </Card>
      <Card title={t('operations.form.who')} wide>
        <SelectField label={t('operations.fields.unit')} value={draft.unit} onChange={set('unit')} error={e('unit')}>
          {leading.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </SelectField>
        <fieldset className="operation-units">
          <legend>{t('operations.fields.units')}</legend>
          <p className="hint">{t('operations.form.unitsHint')}</p>
          {choices.map((unit) => (
            <CheckboxField
              key={unit}
              label={unit}
              checked={draft.units.includes(unit) || unit === draft.unit}
              disabled={unit === draft.unit}
              onChange={(checked) =>
                set('units')(checked ? [...draft.units.filter((u) => u !== unit), unit] : draft.units.filter((u) => u !== unit))
              }
            />
          ))}
        </fieldset>
      </Card>
      <Card title={t('operations.form.when')} wide>
        <TextField
          type="date"
          label={t('operations.fields.plannedStartDay')}
          value={draft.startDay}
          onChange={set('startDay')}
          error={e('plannedStart')}
        />
        <TextField type="time" label={t('operations.fields.plannedStartTime')} value={draft.startTime} onChange={set('startTime')} />
        <TextField
          type="date"
          label={t('operations.fields.plannedEndDay')}
          value={draft.endDay}
          onChange={set('endDay')}
          error={e('plannedEnd')}
        />
        <TextField type="time" label={t('operations.fields.plannedEndTime')} value={draft.endTime} onChange={set('endTime')} />
      </Card>
      <Card title={t('operations.form.where')} wide>
        <SelectField label={t('operations.fields.sector')} value={draft.sector} onChange={(v) => set('sector')(v as Draft['sector'])}>
          {OPERATION_SECTORS.map((sector) => (
            <option key={sector} value={sector}>
              {t(`operations.sectors.${sector}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('operations.fields.places')}
          hint={t('operations.form.placesHint')}
          value={draft.places}
          onChange={set('places')}
          error={problem?.errors?.find((error) => error.path.startsWith('places'))?.message}
          optional
        />
        <SelectField label={t('operations.form.shape')} value={draft.shape} onChange={(v) => set('shape')(v as Shape)}>
          {(['LineString', 'Polygon', 'none'] as const).map((shape) => (
            <option key={shape} value={shape}>
              {t(`operations.form.shapes.${shape}`)}
            </option>
          ))}
        </SelectField>
        {draft.shape !== 'none' && (
          <>
            <TextAreaField
              label={t('operations.form.coordinates')}
              hint={t('operations.form.coordinatesHint')}
              value={draft.coordinates}
              onChange={set('coordinates')}
              error={vertexError?.message}
              rows={6}
            />
            <RouteDrawer
              geometry={shown}
              text={draft.coordinates}
              onChange={set('coordinates')}
              label={t('operations.form.preview')}
              help={t('operations.detail.mapHelp')}
            />
          </>
        )}
      </Card>
      <Card title={t('operations.form.means')} wide>
        <TextField
          label={t('operations.fields.women')}
          value={draft.women}
          onChange={set('women')}
          inputMode="numeric"
          error={e('women')}
        />
        <TextField label={t('operations.fields.men')} value={draft.men} onChange={set('men')} inputMode="numeric" error={e('men')} />
        <TextField
          label={t('operations.fields.engagementTeams')}
          value={draft.engagementTeams}
          onChange={set('engagementTeams')}
          inputMode="numeric"
          error={e('engagementTeams')}
        />
        <TextField
          label={t('operations.fields.vehicles')}
          value={draft.vehicles}
          onChange={set('vehicles')}
          inputMode="numeric"
          error={e('vehicles')}
        />
      </Card>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={busy}>
          {operation ? t('operations.form.save') : t('operations.form.submit')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => navigate(operation ? `/operations/${operation.id}` : '/operations')}
        >
          {t('operations.form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** « Planifier une opération » / « Modifier le plan »: the plan, with its route or area shown on the map as it is typed. */
export function OperationFormPage({ me, operationId }: { me: Me; operationId?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const units = useUnits();
  const existing = useLoaded({ ...operationQueries.detail(operationId ?? '', locale), enabled: operationId !== undefined });
  const title = operationId ? t('operations.form.editTitle') : t('operations.form.title');
  return (
    <Page title={title}>
      <Show loaded={units}>
        {(list) =>
          operationId ? (
            <Show loaded={existing}>{(operation) => <OperationForm me={me} operation={operation} units={list} />}</Show>
          ) : (
            <OperationForm me={me} operation={null} units={list} />
          )
        }
      </Show>
    </Page>
  );
}
