import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { incidentQueries, useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { both, useLoaded } from '../api/queries.js';
import { ConflictResolver } from '../components/ConflictResolver.js';
import { IncidentActorsFieldset } from '../components/IncidentActorsFieldset.js';
import { IncidentCasualtiesFieldset } from '../components/IncidentCasualtiesFieldset.js';
import { IncidentConflict } from '../components/IncidentConflict.js';
import { IncidentErrorSummary } from '../components/IncidentErrorSummary.js';
import { IncidentOwnerFieldset } from '../components/IncidentOwnerFieldset.js';
import { IncidentSourcesFieldset } from '../components/IncidentSourcesFieldset.js';
import { IncidentTextFieldset } from '../components/IncidentTextFieldset.js';
import { IncidentWhatFieldset } from '../components/IncidentWhatFieldset.js';
import { IncidentWhenFieldset } from '../components/IncidentWhenFieldset.js';
import { IncidentWhereFieldset } from '../components/IncidentWhereFieldset.js';
import { Page } from '../components/Page.js';
import { Show } from '../components/Show.js';
import { type ReopenedDraft, useIncidentSubmission } from '../components/useIncidentSubmission.js';
import { useLocale } from '../i18n.js';
import { draftOf, emptyDraft, type IncidentDraft, isIncidentRef } from '../incidents.js';
import type { IncidentEditPayload, IncidentPayload } from '../offline/kinds.js';
import { useOutboxRecord } from '../offline/useOutboxRecords.js';
import { Link, useLocation } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

interface IncidentFormProps {
  initial: IncidentDraft;
  /** The version being edited; none when recording a new incident. */
  editing: { ref: string; version: number } | null;
  vocabulary: IncidentVocabulary;
  units: readonly Unit[];
  unitChoices: readonly string[];
  onReload: () => void;
  /** A record of the outbox opened again to be fixed. */
  reopened?: ReopenedDraft | undefined;
}

/** The entry form: one fieldset after another, all on one submission (`useIncidentSubmission`). */
function IncidentForm({ initial, editing, vocabulary, units, unitChoices, onReload, reopened }: IncidentFormProps) {
  const { t } = useTranslation();
  const form = useIncidentSubmission(initial, editing, { vocabulary, units }, reopened);
  const { problem } = form;
  const fieldset = { draft: form.draft, set: form.set, setDraft: form.setDraft, errorFor: form.errorFor, vocabulary };

  return (
    <form className="form incident-form" onSubmit={form.submit} noValidate>
      {reopened && <p className="hint">{t('offline.reopened')}</p>}
      {form.kept && (
        <p role="status" className="outbox-kept">
          {t('offline.kept', { summary: form.kept })} <Link to="/outbox">{t('offline.keptLink')}</Link>
        </p>
      )}
      {form.conflict && <IncidentConflict ref={form.summaryRef} onReload={onReload} />}
      {form.resolution &&
        (form.resolution.loading ? (
          <p role="status">{t('common.conflict.loading')}</p>
        ) : (
          <ConflictResolver
            ref={form.summaryRef}
            title={t('incidents.conflict.title')}
            fields={form.resolution.fields}
            choice={form.resolution.choice}
            onChoose={form.choose}
          />
        ))}
      {form.showSummary && (
        <IncidentErrorSummary
          ref={form.summaryRef}
          detail={problem && (problem.errors?.length ?? 0) === 0 ? (problem.detail ?? problem.title) : null}
          items={form.summaryItems}
        />
      )}
      <IncidentWhenFieldset {...fieldset} />
      <IncidentWhereFieldset {...fieldset} />
      <IncidentWhatFieldset {...fieldset} />
      <IncidentActorsFieldset {...fieldset} />
      <IncidentCasualtiesFieldset {...fieldset} />
      <IncidentSourcesFieldset {...fieldset} />
      <IncidentTextFieldset {...fieldset} />
      <IncidentOwnerFieldset {...fieldset} units={units} unitChoices={unitChoices} />
      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={form.busy}>
          {form.busy ? t('incidents.form.saving') : editing ? t('incidents.form.save') : t('incidents.form.create')}
        </button>
        <Link to={editing ? `/incidents/${encodeURIComponent(editing.ref)}` : '/incidents'} className="button-secondary">
          {t('incidents.form.cancel')}
        </Link>
      </div>
    </form>
  );
}

/**
 * Records an incident (`/incidents/nouveau`) or edits one (`/incidents/:ref/modifier`, sending the
 * version it loaded). The server checks everything again and reports by field.
 */
export function IncidentFormPage({ me, incidentRef }: { me: Me; incidentRef?: string }) {
  if (incidentRef !== undefined && !isIncidentRef(incidentRef)) return <NotFoundPage />;
  return <IncidentFormContent me={me} incidentRef={incidentRef} />;
}

function IncidentFormContent({ me, incidentRef }: { me: Me; incidentRef?: string | undefined }) {
  const { t } = useTranslation();
  // `?outbox=<key>`: a record kept on this device, opened again to be fixed (or its conflict resolved).
  const outboxKey = useLocation().search.get('outbox');
  const record = useOutboxRecord(outboxKey);
  const locale = useLocale();
  const vocabulary = useIncidentVocabulary();
  const units = useUnits();
  // The form starts from the incident as it is now, not as some page showed it earlier.
  const incident = useLoaded({
    ...incidentQueries.detail(incidentRef ?? '', locale),
    enabled: incidentRef !== undefined,
    refetchOnMount: 'always',
  });
  const writable = me.may.createIncidentIn;
  const title = incidentRef ? t('incidents.form.editTitle', { ref: incidentRef }) : t('incidents.form.createTitle');
  const [first] = writable;
  const loadedIncident = incidentRef === undefined ? ({ status: 'done', data: null } as const) : incident;

  return (
    <Page title={title}>
      <p className="back-link">
        <Link to={incidentRef ? `/incidents/${encodeURIComponent(incidentRef)}` : '/incidents'}>
          {incidentRef ?? t('incidents.detail.back')}
        </Link>
      </p>
      <Show loaded={both(both(vocabulary, units), loadedIncident)}>
        {([[vocab, unitList], loaded]) => {
          if (record === undefined) return null;
          if (record && (record.kind === 'incident' || record.kind === 'incident.edit')) {
            const payload = record.payload as IncidentPayload & Partial<IncidentEditPayload>;
            const editing = record.kind === 'incident.edit' && payload.ref ? { ref: payload.ref, version: payload.version ?? 0 } : null;
            return (
              <IncidentForm
                key={record.key}
                initial={(editing ? payload.base : payload.draft) as IncidentDraft}
                editing={editing}
                vocabulary={vocab}
                units={unitList}
                unitChoices={loaded && !writable.includes(loaded.unit) ? [loaded.unit, ...writable] : writable}
                onReload={incident.reload}
                reopened={{ key: record.key, draft: payload.draft as IncidentDraft, enteredAt: record.enteredAt }}
              />
            );
          }
          if (loaded && !loaded.may.edit) return <p>{t('forbidden.body')}</p>;
          if (!loaded && first === undefined) return <p>{t('incidents.form.noUnit')}</p>;
          const choices = loaded && !writable.includes(loaded.unit) ? [loaded.unit, ...writable] : writable;
          return (
            <>
              <p className="hint">{loaded ? t('incidents.form.editIntro', { version: loaded.version }) : t('incidents.form.intro')}</p>
              <IncidentForm
                key={loaded ? `${loaded.ref}:${loaded.version}` : 'new'}
                initial={loaded ? draftOf(loaded, locale) : emptyDraft(first ?? '')}
                editing={loaded ? { ref: loaded.ref, version: loaded.version } : null}
                vocabulary={vocab}
                units={unitList}
                unitChoices={choices}
                onReload={incident.reload}
              />
            </>
          );
        }}
      </Show>
    </Page>
  );
}
