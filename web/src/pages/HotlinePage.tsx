import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { type HotlineCallSummary, hotlineApi, hotlineQueries } from '../api/hotline.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { type ProtectionVocabulary, useProtectionVocabulary } from '../api/protection.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProtectionShow, RegionCercleFields, SectionNotice, TermOptions, useNotice } from '../components/ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from '../components/ProtectionForm.js';
import { type CallStatus, CallStatusBadge } from '../components/ProtectionStatusBadge.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { OfflineUnavailable } from '../offline/OfflineUnavailable.js';
import { routedUnit, termLabel } from '../protection.js';
import { Link, navigate, useLocation } from '../router.js';
import { unitLabel } from '../units.js';

const CALL_STATUSES: readonly CallStatus[] = ['queued', 'accepted', 'dismissed'];

/** Now in local time, to the minute: the ISO date and the time (HH:MM) the form starts from. */
function nowLocal(): { on: string; time: string } {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString();
  return { on: local.slice(0, 10), time: local.slice(11, 16) };
}

/**
 * The instant of a local date and time, as the API takes it; what is no date is passed on as typed,
 * so that the server refuses it in the interface language under the date field.
 */
function receivedInstant(on: string, time: string): string {
  const typed = `${on}T${time}`;
  const received = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(typed) ? new Date(typed) : null;
  return received && !Number.isNaN(received.getTime()) ? received.toISOString() : typed;
}

interface CallDraft {
  line: string;
  /** The day the call came in (ISO), typed day/month/year like every date of the app. */
  receivedOn: string;
  /** Its local time, HH:MM. */
  receivedTime: string;
  language: string;
  concern: string;
  region: string;
  cercle: string;
  summary: string;
  mayContact: boolean;
  callerContact: string;
}

function emptyCall(line: string): CallDraft {
  const now = nowLocal();
  return {
    line,
    receivedOn: now.on,
    receivedTime: now.time,
    language: 'fr',
    concern: '',
    region: '',
    cercle: '',
    summary: '',
    mayContact: false,
    callerContact: '',
  };
}

/**
 * The operator's form. Before saving it says which unit's intake queue the call will reach: what
 * the caller alleges decides it, not the line; the operator sees nothing of that unit's cases.
 */
function RecordCallForm({
  lines,
  vocabulary,
  incidents,
  units,
}: {
  lines: ProtectionVocabulary['hotlineLines'];
  vocabulary: ProtectionVocabulary;
  incidents: IncidentVocabulary;
  units: readonly Unit[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useFieldIds();
  const submission = useSubmission();
  const { notice, show, noticeRef } = useNotice();
  const [draft, setDraft] = useState<CallDraft>(() => emptyCall(lines.length === 1 ? (lines[0]?.code ?? '') : ''));
  const set = <K extends keyof CallDraft>(key: K, value: CallDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const destination = draft.concern ? routedUnit(vocabulary, draft.concern) : null;

  const fields: FormFields = {
    line: { label: t('protection.calls.line'), id: id('line') },
    receivedAt: { label: t('protection.calls.receivedAt'), id: id('receivedAt') },
    receivedTime: { label: t('protection.calls.receivedTime'), id: id('receivedTime') },
    language: { label: t('protection.calls.language'), id: id('language') },
    concern: { label: t('protection.calls.concern'), id: id('concern') },
    region: { label: t('protection.form.region'), id: id('region') },
    cercle: { label: t('protection.form.cercle'), id: id('cercle') },
    summary: { label: t('protection.calls.summary'), id: id('summary') },
    mayContact: { label: t('protection.calls.mayContact'), id: id('mayContact') },
    callerContact: { label: t('protection.calls.callerContact'), id: id('callerContact') },
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const missing = [
      ...(draft.line === '' ? [{ path: 'line', message: t('protection.calls.chooseLine') }] : []),
      ...(draft.receivedTime === '' ? [{ path: 'receivedTime', message: t('protection.calls.chooseTime') }] : []),
      ...(draft.concern === '' ? [{ path: 'concern', message: t('protection.calls.chooseConcern') }] : []),
    ];
    if (missing.length > 0) {
      submission.reject(missing);
      return;
    }
    const recorded = await submission.submit(() =>
      hotlineApi.record({
        line: draft.line,
        receivedAt: receivedInstant(draft.receivedOn, draft.receivedTime),
        language: draft.language,
        concern: draft.concern,
        region: draft.region || null,
        cercle: draft.cercle || null,
        summary: draft.summary,
        mayContact: draft.mayContact,
        callerContact: draft.mayContact ? draft.callerContact : '',
      }),
    );
    if (recorded) {
      setDraft(emptyCall(draft.line));
      show((tr, language) => tr('protection.calls.recorded', { ref: recorded.ref, unit: unitLabel(recorded.routedTo, units, language) }));
    }
  };

  return (
    <>
      <SectionNotice notice={notice} noticeRef={noticeRef} />
      <form className="form protection-form" onSubmit={save} noValidate>
        <OfflineUnavailable />
        <FormErrors submission={submission} fields={fields} />
        <SelectField
          id={fields.line?.id}
          label={t('protection.calls.line')}
          value={draft.line}
          onChange={(v) => set('line', v)}
          error={error('line')}
        >
          <option value="">{t('protection.chooseOne')}</option>
          {lines.map((line) => (
            <option key={line.code} value={line.code}>
              {t('protection.calls.lineOption', { label: line.label, number: line.number })}
            </option>
          ))}
        </SelectField>
        <div className="form-row">
          <TextField
            id={fields.receivedAt?.id}
            label={t('protection.calls.receivedAt')}
            type="date"
            value={draft.receivedOn}
            onChange={(v) => set('receivedOn', v)}
            error={error('receivedAt')}
          />
          <TextField
            id={fields.receivedTime?.id}
            label={t('protection.calls.receivedTime')}
            hint={t('protection.calls.receivedTimeHint')}
            type="time"
            value={draft.receivedTime}
            onChange={(v) => set('receivedTime', v)}
            error={error('receivedTime')}
          />
          <SelectField
            id={fields.language?.id}
            label={t('protection.calls.language')}
            value={draft.language}
            onChange={(v) => set('language', v)}
            error={error('language')}
          >
            <TermOptions terms={vocabulary.callLanguages} />
          </SelectField>
        </div>
        <SelectField
          id={fields.concern?.id}
          label={t('protection.calls.concern')}
          hint={t('protection.calls.concernHint')}
          value={draft.concern}
          onChange={(v) => set('concern', v)}
          error={error('concern')}
        >
          <option value="">{t('protection.chooseOne')}</option>
          <TermOptions terms={vocabulary.callConcerns} />
        </SelectField>
        <p className="alert alert-info protection-route" aria-live="polite">
          {destination
            ? t('protection.calls.routedTo', { unit: unitLabel(destination, units, locale) })
            : t('protection.calls.routeUnknown')}
        </p>
        <div className="form-row">
          <RegionCercleFields
            incidents={incidents}
            region={draft.region}
            cercle={draft.cercle}
            onChange={(region, cercle) => setDraft((previous) => ({ ...previous, region, cercle }))}
            ids={{ region: fields.region?.id ?? '', cercle: fields.cercle?.id ?? '' }}
            errors={{ region: error('region'), cercle: error('cercle') }}
            regionOptional
          />
        </div>
        <TextAreaField
          id={fields.summary?.id}
          label={t('protection.calls.summary')}
          hint={t('protection.calls.sealedHint')}
          rows={5}
          required
          value={draft.summary}
          onChange={(v) => set('summary', v)}
          error={error('summary')}
        />
        <CheckboxField label={t('protection.calls.mayContact')} checked={draft.mayContact} onChange={(v) => set('mayContact', v)} />
        {draft.mayContact && (
          <TextField
            id={fields.callerContact?.id}
            label={t('protection.calls.callerContact')}
            hint={t('protection.calls.sealedHint')}
            autoComplete="off"
            value={draft.callerContact}
            onChange={(v) => set('callerContact', v)}
            error={error('callerContact')}
          />
        )}
        <button type="submit" className="button-primary" aria-disabled={submission.busy}>
          {submission.busy ? t('common.saving') : t('protection.calls.submit')}
        </button>
      </form>
    </>
  );
}

function CallTable({
  caption,
  calls,
  vocabulary,
  incidents,
  units,
  queue,
}: {
  caption: string;
  calls: readonly HotlineCallSummary[];
  vocabulary: ProtectionVocabulary;
  incidents: IncidentVocabulary;
  units: readonly Unit[];
  /** The intake view: who took the call rather than where it went. */
  queue: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const stamp = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ScrollingTable caption={caption} className="protection-table">
      <thead>
        <tr>
          <th scope="col">{t('protection.calls.ref')}</th>
          <th scope="col">{t('protection.calls.receivedAt')}</th>
          <th scope="col">{t('protection.calls.line')}</th>
          <th scope="col">{t('protection.calls.concern')}</th>
          <th scope="col">{t('protection.form.region')}</th>
          <th scope="col">{queue ? t('protection.calls.operator') : t('protection.calls.queue')}</th>
          <th scope="col">{t('protection.calls.statusLabel')}</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call) => (
          <tr key={call.ref}>
            <td className="nowrap">
              <Link to={`/protection/appels/${encodeURIComponent(call.ref)}`} className="incident-ref">
                {call.ref}
              </Link>
            </td>
            <td className="nowrap">
              <time dateTime={call.receivedAt}>{stamp.format(new Date(call.receivedAt))}</time>
            </td>
            <td>
              {termLabel(vocabulary.hotlineLines, call.line)}
              <span className="incident-cell-note">{termLabel(vocabulary.callLanguages, call.language)}</span>
            </td>
            <td>{termLabel(vocabulary.callConcerns, call.concern)}</td>
            <td>{call.region ? termLabel(incidents.regions, call.region) : t('protection.calls.noRegion')}</td>
            <td>{queue ? call.operator.name : unitLabel(call.routedTo, units, locale)}</td>
            <td>
              <CallStatusBadge status={call.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** The calls I took; read again after each call recorded. */
function MyCalls(lists: { vocabulary: ProtectionVocabulary; incidents: IncidentVocabulary; units: readonly Unit[] }) {
  const { t } = useTranslation();
  const calls = useLoaded(hotlineQueries.calls({ scope: 'mine' }));
  return (
    <ProtectionShow loaded={calls}>
      {(data) =>
        data.items.length === 0 ? (
          <p>{t('protection.calls.noneMine')}</p>
        ) : (
          <CallTable caption={t('protection.calls.mineCaption')} calls={data.items} queue={false} {...lists} />
        )
      }
    </ProtectionShow>
  );
}

function IntakeQueue({
  unitCodes,
  ...lists
}: {
  unitCodes: readonly string[];
  vocabulary: ProtectionVocabulary;
  incidents: IncidentVocabulary;
  units: readonly Unit[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const askedUnit = search.get('unit') ?? '';
  const unit = unitCodes.includes(askedUnit) ? askedUnit : (unitCodes[0] ?? '');
  const askedStatus = search.get('status');
  const status = askedStatus === 'all' ? '' : CALL_STATUSES.includes(askedStatus as CallStatus) ? (askedStatus as CallStatus) : 'queued';
  const calls = useLoaded(hotlineQueries.calls({ scope: 'queue', unit, ...(status ? { status } : {}) }));

  const go = (next: { unit?: string; status?: string }) => {
    const params = new URLSearchParams({ unit: next.unit ?? unit, status: next.status ?? (status || 'all') });
    navigate(`${pathname}?${params.toString()}`, { replace: true });
  };

  return (
    <>
      <div className="protection-filter-fields">
        {unitCodes.length > 1 && (
          <SelectField label={t('protection.calls.queueUnit')} value={unit} onChange={(value) => go({ unit: value })}>
            {unitCodes.map((code) => (
              <option key={code} value={code}>
                {unitLabel(code, lists.units, locale)}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField label={t('protection.calls.statusFilter')} value={status || 'all'} onChange={(value) => go({ status: value })}>
          {CALL_STATUSES.map((option) => (
            <option key={option} value={option}>
              {t(`protection.calls.statusPlural.${option}`)}
            </option>
          ))}
          <option value="all">{t('protection.calls.allStatuses')}</option>
        </SelectField>
      </div>
      <ProtectionShow loaded={calls}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('protection.calls.queueEmpty')}</p>
          ) : (
            <CallTable
              caption={t('protection.calls.queueCaption', { unit: unitLabel(unit, lists.units, locale) })}
              calls={data.items}
              queue
              {...lists}
            />
          )
        }
      </ProtectionShow>
    </>
  );
}

/**
 * « Appels »: the hotline screen. Operators record calls and follow the calls they took; the
 * receiving units' officers and managers work their intake queue (open, accept, dismiss).
 */
export function HotlinePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const vocabulary = useProtectionVocabulary();
  const incidents = useIncidentVocabulary();
  const units = useUnits();
  const intakeUnits = me.may.openCasesIn;

  return (
    <Page title={t('protection.calls.title')}>
      <p className="lead">{t('protection.calls.intro')}</p>
      <Show loaded={both(both(vocabulary, incidents), units)}>
        {([[vocab, incidentVocab], unitList]) => {
          const lines = vocab.hotlineLines.filter((line) => me.may.answerLines.includes(line.code));
          const lists = { vocabulary: vocab, incidents: incidentVocab, units: unitList };
          if (lines.length === 0 && intakeUnits.length === 0) return <p>{t('protection.calls.noAccess')}</p>;
          return (
            <>
              {intakeUnits.length > 0 && (
                <Card title={t('protection.calls.queueTitle')} wide>
                  <p className="hint">{t('protection.calls.queueIntro')}</p>
                  <IntakeQueue unitCodes={intakeUnits} {...lists} />
                </Card>
              )}
              {lines.length > 0 && (
                <>
                  <Card title={t('protection.calls.recordTitle')} wide>
                    <RecordCallForm lines={lines} {...lists} />
                  </Card>
                  <Card title={t('protection.calls.mineTitle')} wide>
                    <MyCalls {...lists} />
                  </Card>
                </>
              )}
            </>
          );
        }}
      </Show>
    </Page>
  );
}
