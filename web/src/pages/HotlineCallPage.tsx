import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { HotlineCall } from '../../../src/contracts/protection.js';
import type { Unit } from '../../../src/contracts/units.js';
import { hotlineApi, hotlineQueries } from '../api/hotline.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { type ProtectionVocabulary, useProtectionVocabulary } from '../api/protection.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProtectionShow, SectionNotice, TermOptions, useNotice } from '../components/ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useSubmission } from '../components/ProtectionForm.js';
import { CallStatusBadge } from '../components/ProtectionStatusBadge.js';
import { NoValue } from '../components/StrengthValues.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { isCallRef, routedUnit, termLabel } from '../protection.js';
import { Link, navigate } from '../router.js';
import { unitLabel } from '../units.js';
import { NotFoundPage } from './NotFoundPage.js';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children ?? <NoValue />}</dd>
    </div>
  );
}

/** Accept (a case of the receiving unit opens, and its page with it) or dismiss, after a confirmation. */
function IntakeActions({ call, onChanged }: { call: HotlineCall; onChanged: (call: HotlineCall) => void }) {
  const { t } = useTranslation();
  const submission = useSubmission();
  const { notice, show, noticeRef } = useNotice();
  const [confirming, setConfirming] = useState(false);
  // The call has no inputs here; an error about its region (needed to open a case) is named, not linked.
  const fields: FormFields = {};

  const accept = async () => {
    const accepted = await submission.submit(() => hotlineApi.accept(call.ref, call.version));
    if (accepted) navigate(`/protection/${encodeURIComponent(accepted.caseRef)}`);
  };

  const dismiss = async () => {
    const dismissed = await submission.submit(() => hotlineApi.dismiss(call.ref, call.version));
    if (dismissed) {
      setConfirming(false);
      show((tr) => tr('protection.calls.dismissed'));
      onChanged(dismissed);
    }
  };

  return (
    <>
      <SectionNotice notice={notice} noticeRef={noticeRef} />
      {(call.may.accept || call.may.dismiss) && (
        <div className="form">
          <FormErrors submission={submission} fields={fields} />
          <p className="hint">{t('protection.calls.acceptHint')}</p>
          {confirming ? (
            <div className="alert alert-info protection-confirm">
              <p>{t('protection.calls.dismissConfirm')}</p>
              <div className="button-row">
                <button type="button" className="button-danger" aria-disabled={submission.busy} onClick={() => void dismiss()}>
                  {t('protection.calls.dismissYes')}
                </button>
                <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div className="button-row">
              {call.may.accept && (
                <button type="button" className="button-primary" aria-disabled={submission.busy} onClick={() => void accept()}>
                  {submission.busy ? t('protection.calls.accepting') : t('protection.calls.accept')}
                </button>
              )}
              {call.may.dismiss && (
                <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
                  {t('protection.calls.dismiss')}
                </button>
              )}
            </div>
          )}
        </div>
      )}
    </>
  );
}

/** Reclassifies a queued call whose concern the operator got wrong: it moves to the right unit's queue and leaves this one. */
function ForwardCall({
  call,
  vocabulary,
  units,
  onForwarded,
}: {
  call: HotlineCall;
  vocabulary: ProtectionVocabulary;
  units: readonly Unit[];
  onForwarded: (unit: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const submission = useSubmission();
  const concerns = vocabulary.callConcerns.filter((concern) => concern.code !== call.concern);
  const [concern, setConcern] = useState(concerns[0]?.code ?? '');
  const fields: FormFields = { concern: { id: 'forward-concern', label: t('protection.calls.forwardConcern') } };
  const target = routedUnit(vocabulary, concern);

  const forward = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.submit(() => hotlineApi.forward(call.ref, call.version, concern));
    if (done) onForwarded(done.routedTo);
  };

  return (
    <form className="form" onSubmit={(event) => void forward(event)} noValidate>
      <h3>{t('protection.calls.forwardTitle')}</h3>
      <FormErrors submission={submission} fields={fields} />
      <SelectField
        id="forward-concern"
        label={t('protection.calls.forwardConcern')}
        hint={target ? t('protection.calls.forwardHint', { unit: unitLabel(target, units, locale) }) : undefined}
        value={concern}
        onChange={setConcern}
        error={errorOf(submission.problem, fields, 'concern')}
      >
        <TermOptions terms={concerns} />
      </SelectField>
      <button type="submit" className="button-secondary" aria-disabled={submission.busy}>
        {t('protection.calls.forwardSubmit')}
      </button>
    </form>
  );
}

function CallDetail({
  call,
  vocabulary,
  incidents,
  units,
  onChanged,
}: {
  call: HotlineCall;
  vocabulary: ProtectionVocabulary;
  incidents: IncidentVocabulary;
  units: readonly Unit[];
  onChanged: (call: HotlineCall) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const stamp = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' });
  const line = vocabulary.hotlineLines.find((candidate) => candidate.code === call.line);
  const handled = call.status !== 'queued';
  const [forwardedTo, setForwardedTo] = useState<string | null>(null);

  return (
    <>
      <div className="incident-header">
        <p className="incident-meta">
          <span className="incident-ref-big">{call.ref}</span>
          <CallStatusBadge status={call.status} />
          <span className="tag">{t('protection.confidential')}</span>
        </p>
      </div>
      <p className="protection-programme">{t('protection.calls.routedToShort', { unit: unitLabel(call.routedTo, units, locale) })}</p>
      <div className="cards">
        <Card title={t('protection.calls.callFacts')}>
          <dl className="incident-facts">
            <Fact term={t('protection.calls.receivedAt')}>
              <time dateTime={call.receivedAt}>{stamp.format(new Date(call.receivedAt))}</time>
            </Fact>
            <Fact term={t('protection.calls.line')}>
              {line ? t('protection.calls.lineOption', { label: line.label, number: line.number }) : call.line}
            </Fact>
            <Fact term={t('protection.calls.language')}>{termLabel(vocabulary.callLanguages, call.language)}</Fact>
            <Fact term={t('protection.calls.concern')}>{termLabel(vocabulary.callConcerns, call.concern)}</Fact>
            <Fact term={t('protection.form.region')}>{termLabel(incidents.regions, call.region)}</Fact>
            <Fact term={t('protection.form.cercle')}>{termLabel(incidents.cercles, call.cercle)}</Fact>
            <Fact term={t('protection.calls.operator')}>{call.operator.name}</Fact>
          </dl>
        </Card>
        <Card title={t('protection.calls.caller')}>
          <dl className="incident-facts">
            <Fact term={t('protection.calls.mayContactShort')}>{call.mayContact ? t('protection.yes') : t('protection.no')}</Fact>
            <Fact term={t('protection.calls.callerContact')}>
              {call.contentWithCase ? <span className="hint">{t('protection.calls.withCase')}</span> : call.callerContact || null}
            </Fact>
          </dl>
        </Card>
      </div>
      <Card title={t('protection.calls.summary')} wide>
        {call.contentWithCase ? (
          <p className="hint">{t('protection.calls.withCase')}</p>
        ) : (
          <p className="incident-description">{call.summary}</p>
        )}
      </Card>
      <Card title={t('protection.calls.intakeTitle')} wide>
        {handled && (
          <p>
            {call.status === 'accepted'
              ? call.caseRef
                ? t('protection.calls.becameCase')
                : t('protection.calls.becameHiddenCase')
              : t('protection.calls.wasDismissed')}{' '}
            {call.caseRef && <Link to={`/protection/${encodeURIComponent(call.caseRef)}`}>{call.caseRef}</Link>}
          </p>
        )}
        {!handled && !call.may.accept && !call.may.dismiss && <p>{t('protection.calls.waiting')}</p>}
        {forwardedTo ? (
          <div className="alert alert-success" role="status">
            <p>{t('protection.calls.forwarded', { unit: unitLabel(forwardedTo, units, locale) })}</p>
            <p>
              <Link to="/protection/appels">{t('protection.calls.back')}</Link>
            </p>
          </div>
        ) : (
          <>
            <IntakeActions call={call} onChanged={onChanged} />
            {call.may.forward && <ForwardCall call={call} vocabulary={vocabulary} units={units} onForwarded={setForwardedTo} />}
          </>
        )}
      </Card>
    </>
  );
}

/** One hotline call (`/protection/appels/:ref`), for the operator who took it or the receiving unit's intake; anyone else gets the not-found page. */
export function HotlineCallPage({ callRef }: { callRef: string }) {
  return isCallRef(callRef) ? <LoadedCallPage callRef={callRef} /> : <NotFoundPage />;
}

function LoadedCallPage({ callRef }: { callRef: string }) {
  const { t } = useTranslation();
  const loaded = useLoaded(hotlineQueries.call(callRef));
  const vocabulary = useProtectionVocabulary();
  const incidents = useIncidentVocabulary();
  const units = useUnits();
  const [changed, setChanged] = useState<HotlineCall | null>(null);

  if (loaded.status === 'failed' && loaded.problem.status === 404) return <NotFoundPage />;

  return (
    <Page title={t('protection.calls.callTitle', { ref: callRef })}>
      <p className="back-link">
        <Link to="/protection/appels">{t('protection.calls.back')}</Link>
      </p>
      <ProtectionShow loaded={both(both(both(loaded, vocabulary), incidents), units)}>
        {([[[data, vocab], incidentVocab], unitList]) => (
          <CallDetail
            call={changed && changed.version >= data.version ? changed : data}
            vocabulary={vocab}
            incidents={incidentVocab}
            units={unitList}
            onChanged={setChanged}
          />
        )}
      </ProtectionShow>
    </Page>
  );
}
