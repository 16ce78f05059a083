import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { Figure, UpdateFigureBody } from '../../../src/contracts/organisation.js';
import { toProblem } from '../api/client.js';
import { organisationApi, organisationQueries } from '../api/organisation.js';
import { both, useLoaded } from '../api/queries.js';
import { formatNumberInput, formatPeriod, parseFigureNumber } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Editable, EditFormFrame } from './Editable.js';
import { TextField } from './fields.js';
import { clientProblem, fieldError } from './ProblemAlert.js';
import { Show } from './Show.js';
import { ChangeHistory, type HistoryWording } from './TextHistory.js';

/** The body's field names, as the server names them in its errors. */
const FIELDS = ['value', 'period', 'labelFr', 'labelEn'] as const;
/** The stored columns, as the history names them. */
const HISTORY_FIELDS: Record<string, (typeof FIELDS)[number]> = {
  value: 'value',
  period: 'period',
  label_fr: 'labelFr',
  label_en: 'labelEn',
};

interface Labels {
  fr: string;
  en: string;
}

interface FigureFormProps {
  figure: Figure & { version: number };
  labels: Labels;
  onSaved: (figure: Figure) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Corrects a stored figure, sending the version it started from: the server refuses (409) if someone saved in between. */
function FigureForm({ figure, labels: current, onSaved, onCancel, onReload }: FigureFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [value, setValue] = useState(formatNumberInput(figure.value, locale));
  const [period, setPeriod] = useState(figure.period ?? '');
  const [labelFr, setLabelFr] = useState(current.fr);
  const [labelEn, setLabelEn] = useState(current.en);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const labels = Object.fromEntries(FIELDS.map((field) => [field, t(`figureEdit.fields.${field}`)]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const number = parseFigureNumber(value, locale);
    const errors = [
      ...(number === null ? [{ path: 'value', message: t('figureEdit.valueInvalid') }] : []),
      ...(labelFr.trim() === '' ? [{ path: 'labelFr', message: t('figureEdit.labelRequired') }] : []),
      ...(labelEn.trim() === '' ? [{ path: 'labelEn', message: t('figureEdit.labelRequired') }] : []),
    ];
    if (number === null || errors.length > 0) {
      setProblem(clientProblem(errors));
      return;
    }
    const newPeriod = period.trim() === '' ? null : period.trim();
    const changes: UpdateFigureBody = { version: figure.version };
    if (number !== figure.value) changes.value = number;
    if (newPeriod !== figure.period) changes.period = newPeriod;
    if (labelFr.trim() !== current.fr) changes.labelFr = labelFr.trim();
    if (labelEn.trim() !== current.en) changes.labelEn = labelEn.trim();
    if (Object.keys(changes).length === 1) {
      onCancel();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onSaved(await organisationApi.updateFigure(figure.key, changes));
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  return (
    <EditFormFrame problem={problem} labels={labels} busy={busy} onSubmit={submit} onCancel={onCancel} onReload={onReload}>
      <TextField
        ref={first}
        label={labels.value ?? ''}
        hint={t('figureEdit.valueHint')}
        value={value}
        onChange={setValue}
        error={fieldError(problem, 'value')}
        inputMode="decimal"
        autoComplete="off"
        required
      />
      <TextField
        label={labels.period ?? ''}
        hint={t('figureEdit.periodHint')}
        value={period}
        onChange={setPeriod}
        error={fieldError(problem, 'period')}
        maxLength={16}
        autoComplete="off"
        optional
      />
      <TextField
        label={labels.labelFr ?? ''}
        value={labelFr}
        onChange={setLabelFr}
        error={fieldError(problem, 'labelFr')}
        lang="fr"
        maxLength={300}
        required
      />
      <TextField
        label={labels.labelEn ?? ''}
        value={labelEn}
        onChange={setLabelEn}
        error={fieldError(problem, 'labelEn')}
        lang="en"
        maxLength={300}
        required
      />
    </EditFormFrame>
  );
}

/** Loads the figure's labels in both languages, then shows its form. */
function FigureFormLoader(props: Omit<FigureFormProps, 'labels'>) {
  // A figure's label in both languages: the section shows only the interface's.
  const { unit, key } = props.figure;
  const fr = useLoaded(organisationQueries.figures(unit, 'fr'));
  const en = useLoaded(organisationQueries.figures(unit, 'en'));
  const label = (list: { figures: Figure[] }) => list.figures.find((figure) => figure.key === key)?.label ?? '';
  return (
    <Show loaded={both(fr, en)}>{([frList, enList]) => <FigureForm {...props} labels={{ fr: label(frList), en: label(enList) }} />}</Show>
  );
}

interface EditableFigureProps {
  figure: Figure;
  canEdit: boolean;
  /** A saved figure changes the figures computed from it: the section is fetched again. */
  onSaved: () => void;
  onReload: () => void;
}

/** A stored figure's "Edit" form (for the unit's officers and managers) and its history; computed figures have neither. */
export function EditableFigure({ figure, canEdit, onSaved, onReload }: EditableFigureProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { version } = figure;
  if (version === null) return null;
  const wording: HistoryWording = {
    field: (field) => {
      const name = HISTORY_FIELDS[field];
      return name ? t(`figureEdit.fields.${name}`) : field;
    },
    value: (field, value) => {
      if (field === 'value' && typeof value === 'number') return formatNumberInput(value, locale);
      if (field === 'period' && typeof value === 'string') {
        return formatPeriod(value, locale, (start) => t('figures.since', { start }));
      }
      if (field === 'label_en' && typeof value === 'string') return <span lang="en">{value}</span>;
      return null;
    },
  };
  return (
    <Editable
      className="editable-figure"
      canEdit={canEdit}
      context={<span className="visually-hidden">{` : ${figure.label}`}</span>}
      savedMessage={t('figureEdit.saved')}
      view={null}
      renderForm={(saved, cancel) => (
        <FigureFormLoader
          key={version}
          figure={{ ...figure, version }}
          onSaved={() => {
            onSaved();
            saved();
          }}
          onCancel={cancel}
          onReload={onReload}
        />
      )}
      renderHistory={(id) => (
        <ChangeHistory
          id={id}
          title={t('figureEdit.historyTitle')}
          query={organisationQueries.figureHistory(figure.key, version)}
          wording={wording}
        />
      )}
    />
  );
}
