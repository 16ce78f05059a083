import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import {
  type ImportMapping,
  INCIDENT_CLASSIFICATIONS,
  type IncidentImportPreview,
  type IncidentImportReport,
  type IncidentVocabulary,
} from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { toProblem } from '../api/client.js';
import { importIncidentsMapped, previewIncidentImport } from '../api/files.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { formatCount, intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import type { IncidentClassification } from '../incidents.js';
import { unitLabel } from '../units.js';
import { FileField, SelectField, TextField } from './fields.js';
import { ImportReportTables } from './ImportReportTables.js';
import { IncidentProgress } from './IncidentProgress.js';
import { clientProblem, fieldError, ProblemAlert } from './ProblemAlert.js';
import { ScrollingTable } from './ScrollingTable.js';
import { Show } from './Show.js';

/** The headings of a file's error table. */
function errorLabels(t: TFunction) {
  return {
    caption: t('incidents.import.errorsCaption'),
    line: t('incidents.import.line'),
    column: t('incidents.import.column'),
    message: t('incidents.import.message'),
    wholeLine: t('incidents.import.wholeLine'),
  };
}

/** The file's columns that the import does not read, said before and after it. */
function IgnoredColumns({ columns }: { columns: readonly string[] }) {
  const { t } = useTranslation();
  if (columns.length === 0) return null;
  return (
    <p className="alert alert-info" role="note">
      {t('incidents.import.ignoredColumns', { columns: columns.join(', ') })}
    </p>
  );
}

/** The server's report: how many incidents were imported, or each error with its line and column. */
function ImportReport({ report }: { report: IncidentImportReport }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const titleId = useId();
  const counts: [string, number][] = [
    [t('incidents.import.rows'), report.rows],
    [t('incidents.import.imported'), report.imported],
    [t('incidents.import.errors'), report.errors.length + report.moreErrors],
  ];
  return (
    <section className="import-report" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('incidents.import.reportTitle')}</h3>
      {report.imported === 0 && report.errors.length > 0 ? (
        <div role="alert" className="alert alert-error">
          <p>{t('incidents.import.nothing')}</p>
        </div>
      ) : (
        <p role="status" className="alert alert-success">
          {t('incidents.import.done', { count: report.imported, n: formatCount(report.imported, locale) })}
        </p>
      )}
      <IgnoredColumns columns={report.ignoredColumns} />
      <ImportReportTables counts={counts} errors={report.errors} labels={errorLabels(t)} />
      {report.moreErrors > 0 && (
        <p>{t('incidents.import.moreErrors', { count: report.moreErrors, n: formatCount(report.moreErrors, locale) })}</p>
      )}
    </section>
  );
}

interface IncidentImportFormProps {
  /** The units whose incidents the user may record. */
  unitCodes: readonly string[];
  units: readonly Unit[];
  /** The user keeps the actor registry, so may create an actor at the mapping step (`me.may.keepActorRegistry`). */
  mayCreateActors?: boolean;
  onImported?: () => void;
}

const CREATE = '__create__';

/** The user's choice for one of the file's actors: a registry code, a new actor, or nothing yet. */
interface ActorChoice {
  value: string;
  nameFr: string;
  nameEn: string;
  type: string;
}

/** One table of the mapping step: each name in the file, its count, and what it maps to, or the choice to make. */
function MappingTable({
  caption,
  rows,
}: {
  caption: string;
  rows: { name: string; count: number; known: { label: string; by: 'registry' | 'alias' | 'vocabulary' } | null; choice: ReactNode }[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ScrollingTable caption={caption} className="import-mapping-table">
      <thead>
        <tr>
          <th scope="col">{t('incidents.import.inFile')}</th>
          <th scope="col" className="numeric">
            {t('incidents.import.count')}
          </th>
          <th scope="col">{t('incidents.import.mapsTo')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.name}</th>
            <td className="numeric" data-label={t('incidents.import.count')}>
              {formatCount(row.count, locale)}
            </td>
            <td data-label={t('incidents.import.mapsTo')}>
              {row.known ? (
                <span className="import-known">
                  {row.known.label} <span className="badge">{t(`incidents.import.by.${row.known.by}`)}</span>
                </span>
              ) : (
                row.choice
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** The mapping step: the file's actors and event types with their counts; what is not recognised is mapped here. */
function MappingStep({
  preview,
  vocabulary,
  mayCreateActors,
  actorChoices,
  setActorChoices,
  eventChoices,
  setEventChoices,
}: {
  preview: IncidentImportPreview;
  vocabulary: IncidentVocabulary;
  mayCreateActors: boolean;
  actorChoices: Record<string, ActorChoice>;
  setActorChoices: (choices: Record<string, ActorChoice>) => void;
  eventChoices: Record<string, string>;
  setEventChoices: (choices: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const actorName = new Map(vocabulary.actors.map((a) => [a.code, a.name]));
  const active = vocabulary.actors.filter((a) => a.status === 'active').sort((a, b) => a.name.localeCompare(b.name, locale));
  const subLabel = new Map(vocabulary.eventTypes.flatMap((e) => e.subTypes.map((s) => [`${e.code}|${s.code}`, `${e.label} — ${s.label}`])));
  const unknownActors = preview.actors.filter((a) => a.match === null).length;
  const unknownEvents = preview.eventTypes.filter((e) => e.match === null).length;
  return (
    <section className="import-mapping" aria-labelledby="import-mapping-title">
      <h3 id="import-mapping-title">{t('incidents.import.mappingTitle')}</h3>
      <p className="hint">
        {t('incidents.import.mappingIntro', { rows: formatCount(preview.rows, locale), count: preview.rows })}{' '}
        {unknownActors + unknownEvents > 0
          ? t('incidents.import.mappingTodo', { n: formatCount(unknownActors + unknownEvents, locale) })
          : t('incidents.import.mappingAllKnown')}
      </p>
      <IgnoredColumns columns={preview.ignoredColumns} />
      <MappingTable
        caption={t('incidents.import.actorsCaption')}
        rows={preview.actors.map((actor) => {
          const choice = actorChoices[actor.name] ?? { value: '', nameFr: actor.name, nameEn: actor.name, type: '3' };
          const set = (change: Partial<ActorChoice>) => setActorChoices({ ...actorChoices, [actor.name]: { ...choice, ...change } });
          return {
            name: actor.name,
            count: actor.count,
            known: actor.match ? { label: actorName.get(actor.match) ?? actor.match, by: actor.by ?? 'registry' } : null,
            choice: (
              <div className="import-choice">
                <SelectField
                  label={t('incidents.import.actorFor', { name: actor.name })}
                  value={choice.value}
                  onChange={(value) => set({ value })}
                >
                  <option value="">{t('incidents.import.choose')}</option>
                  {mayCreateActors && <option value={CREATE}>{t('incidents.import.createActor')}</option>}
                  {active.map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.name}
                    </option>
                  ))}
                </SelectField>
                {choice.value === CREATE && (
                  <div className="import-new-actor">
                    <TextField label={t('actors.add.nameFr')} value={choice.nameFr} onChange={(nameFr) => set({ nameFr })} />
                    <TextField label={t('actors.add.nameEn')} value={choice.nameEn} onChange={(nameEn) => set({ nameEn })} />
                    <SelectField label={t('actors.type')} value={choice.type} onChange={(type) => set({ type })}>
                      {vocabulary.actorTypes.map((type) => (
                        <option key={type.code} value={String(type.code)}>
                          {type.code} · {type.label}
                        </option>
                      ))}
                    </SelectField>
                  </div>
                )}
              </div>
            ),
          };
        })}
      />
      <MappingTable
        caption={t('incidents.import.eventsCaption')}
        rows={preview.eventTypes.map((event) => {
          const key = `${event.eventType} / ${event.subEventType}`;
          return {
            name: key,
            count: event.count,
            known: event.match
              ? {
                  label: subLabel.get(`${event.match.eventType}|${event.match.subEventType}`) ?? event.match.subEventType,
                  by: event.by ?? 'vocabulary',
                }
              : null,
            choice: (
              <SelectField
                label={t('incidents.import.eventFor', { name: key })}
                value={eventChoices[key] ?? ''}
                onChange={(value) => setEventChoices({ ...eventChoices, [key]: value })}
              >
                <option value="">{t('incidents.import.choose')}</option>
                {vocabulary.eventTypes.map((type) => (
                  <optgroup key={type.code} label={type.label}>
                    {type.subTypes.map((sub) => (
                      <option key={sub.code} value={`${type.code}|${sub.code}`}>
                        {sub.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </SelectField>
            ),
          };
        })}
      />
    </section>
  );
}

/** The mapping the user chose, as the import takes it: only what the file did not already map. */
function mappingOf(preview: IncidentImportPreview, actors: Record<string, ActorChoice>, events: Record<string, string>): ImportMapping {
  return {
    actors: preview.actors.flatMap((actor): NonNullable<ImportMapping['actors']> => {
      const choice = actors[actor.name];
      if (actor.match || !choice?.value) return [];
      if (choice.value === CREATE)
        return [{ name: actor.name, create: { nameFr: choice.nameFr, nameEn: choice.nameEn, type: Number(choice.type) } }];
      return [{ name: actor.name, actor: choice.value }];
    }),
    eventTypes: preview.eventTypes.flatMap((event) => {
      const chosen = events[`${event.eventType} / ${event.subEventType}`];
      if (event.match || !chosen) return [];
      const [eventType = '', subEventType = ''] = chosen.split('|');
      return [{ eventType: event.eventType, subEventType: event.subEventType, to: { eventType, subEventType } }];
    }),
  };
}

/**
 * Imports a CSV file of incidents (ACLED or Mandat columns) as candidates, in two steps. First the
 * file is read without writing anything (XMLHttpRequest, whose upload events drive the progress
 * bar): its actors and event types, with what each maps to. The user maps what is unknown, then
 * confirms: the mapping and the rows go in together, all or nothing, and the mapping is kept for
 * the next file.
 */
export function IncidentImportForm({ unitCodes, units, mayCreateActors = false, onImported }: IncidentImportFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const vocabulary = useIncidentVocabulary();
  const [unit, setUnit] = useState(unitCodes[0] ?? '');
  const [classification, setClassification] = useState<IncidentClassification>('internal');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [preview, setPreview] = useState<IncidentImportPreview | null>(null);
  const [actorChoices, setActorChoices] = useState<Record<string, ActorChoice>>({});
  const [eventChoices, setEventChoices] = useState<Record<string, string>>({});
  const [importing, setImporting] = useState(false);
  const [report, setReport] = useState<IncidentImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const labels = { file: t('incidents.import.file') };

  const reset = () => {
    setPreview(null);
    setReport(null);
    setProblem(null);
    setActorChoices({});
    setEventChoices({});
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (progress) return;
    reset();
    if (!file) {
      setProblem(clientProblem([{ path: 'file', message: t('incidents.import.fileMissing') }]));
      return;
    }
    setProgress({ sent: 0, total: file.size });
    try {
      setPreview(await previewIncidentImport(file, { unit, classification }, (sent, total) => setProgress({ sent, total })));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setProgress(null);
    }
  };

  const confirm = async () => {
    if (!file || !preview || importing) return;
    setImporting(true);
    setProblem(null);
    try {
      const result = await importIncidentsMapped(await file.text(), mappingOf(preview, actorChoices, eventChoices), {
        unit,
        classification,
      });
      setReport(result);
      if (result.imported > 0) {
        setPreview(null);
        onImported?.();
      }
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setImporting(false);
    }
  };

  const kib = (bytes: number) => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(bytes / 1024);
  const fileProblems = preview && preview.errors.length > 0;

  return (
    <>
      <p className="hint">{t('incidents.import.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={labels} />
        <div className="form-row">
          <SelectField label={t('incidents.import.unit')} value={unit} onChange={setUnit}>
            {unitCodes.map((code) => (
              <option key={code} value={code}>
                {unitLabel(code, units, locale)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('incidents.import.classification')}
            value={classification}
            onChange={(value) => setClassification(value as IncidentClassification)}
          >
            {INCIDENT_CLASSIFICATIONS.map((option) => (
              <option key={option} value={option}>
                {t(`incidents.classifications.${option}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <FileField
          label={labels.file}
          hint={t('incidents.import.fileHint')}
          accept=".csv,text/csv"
          onChange={(chosen) => {
            setFile(chosen);
            reset();
          }}
          error={fieldError(problem, 'file')}
        />
        {progress && (
          <IncidentProgress
            label={t('incidents.import.progress')}
            value={progress.sent}
            max={progress.total}
            text={`${kib(progress.sent)} / ${t('attachments.kib', { n: kib(progress.total) })}`}
          />
        )}
        <button type="submit" className={preview ? 'button-secondary' : 'button-primary'} aria-disabled={progress !== null}>
          {progress ? t('incidents.import.reading') : t('incidents.import.previewSubmit')}
        </button>
      </form>
      {preview && fileProblems && (
        <section className="import-report">
          <div role="alert" className="alert alert-error">
            <p>{t('incidents.import.nothing')}</p>
          </div>
          <ImportReportTables counts={[[t('incidents.import.rows'), preview.rows]]} errors={preview.errors} labels={errorLabels(t)} />
        </section>
      )}
      {preview && !fileProblems && (
        <Show loaded={vocabulary}>
          {(vocabularyData) => (
            <>
              <MappingStep
                preview={preview}
                vocabulary={vocabularyData}
                mayCreateActors={mayCreateActors}
                actorChoices={actorChoices}
                setActorChoices={setActorChoices}
                eventChoices={eventChoices}
                setEventChoices={setEventChoices}
              />
              <div className="form-actions">
                <button type="button" className="button-primary" aria-disabled={importing} onClick={confirm}>
                  {importing
                    ? t('incidents.import.submitting')
                    : t('incidents.import.confirm', { count: preview.rows, n: formatCount(preview.rows, locale) })}
                </button>
                <button type="button" className="button-secondary" onClick={reset}>
                  {t('incidents.import.cancel')}
                </button>
              </div>
            </>
          )}
        </Show>
      )}
      {report && <ImportReport report={report} />}
    </>
  );
}
