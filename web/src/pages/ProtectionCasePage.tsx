import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { ProtectionCase } from '../../../src/contracts/protection.js';
import type { Unit } from '../../../src/contracts/units.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { attachToCase, type ProtectionVocabulary, protectionQueries, useProtectionVocabulary } from '../api/protection.js';
import { both, useLoaded } from '../api/queries.js';
import { Attachments } from '../components/Attachments.js';
import { Card } from '../components/Card.js';
import { Page } from '../components/Page.js';
import { ProtectionActs } from '../components/ProtectionActs.js';
import { ProtectionConsents } from '../components/ProtectionConsents.js';
import { ProtectionShow } from '../components/ProtectionFields.js';
import { ProtectionPersons } from '../components/ProtectionPersons.js';
import { ProtectionServices } from '../components/ProtectionServices.js';
import { ProtectionShares } from '../components/ProtectionShares.js';
import { CaseStatusBadge } from '../components/ProtectionStatusBadge.js';
import { ProtectionTeam } from '../components/ProtectionTeam.js';
import { ProtectionActions, ProtectionTimeline } from '../components/ProtectionWorkflow.js';
import { Day, NoValue } from '../components/StrengthValues.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { type CaseSectionProps, isCaseRef, termLabel } from '../protection.js';
import { Link } from '../router.js';
import { unitLabel } from '../units.js';
import { NotFoundPage } from './NotFoundPage.js';

type DatePrecision = 'day' | 'week' | 'month';

/** A term and its value; nothing stated reads as a dash (and "not stated" to a screen reader). */
function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children ?? <NoValue />}</dd>
    </div>
  );
}

function CaseDetail({ me, units, ...props }: CaseSectionProps & { me: Me; units: readonly Unit[] }) {
  const { caseData, vocabulary, incidents } = props;
  const { t } = useTranslation();
  const locale = useLocale();
  const stamp = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' });
  const misconduct = caseData.programme === 'misconduct';

  return (
    <>
      <div className="incident-header">
        <p className="incident-meta">
          <span className="incident-ref-big">{caseData.ref}</span>
          <CaseStatusBadge status={caseData.status} />
          <span className="tag">{t('protection.confidential')}</span>
        </p>
        {caseData.may.edit && (
          <Link to={`/protection/${encodeURIComponent(caseData.ref)}/modifier`} className="button-secondary">
            {t('protection.case.edit')}
          </Link>
        )}
      </div>
      <p className="protection-programme">
        {termLabel(vocabulary.programmes, caseData.programme)}
        <span className="incident-cell-note">{t('protection.case.unit', { unit: unitLabel(caseData.unit, units, locale) })}</span>
      </p>

      <div className="cards">
        <Card title={t('protection.case.facts')}>
          <dl className="incident-facts">
            <Fact term={t('protection.form.occurredOn')}>
              <Day value={caseData.occurredOn} />
              {caseData.datePrecision !== 'day' && (
                <span className="incident-cell-note">{t(`protection.datePrecisions.${caseData.datePrecision as DatePrecision}`)}</span>
              )}
            </Fact>
            <Fact term={t('protection.form.region')}>{termLabel(incidents.regions, caseData.region)}</Fact>
            <Fact term={t('protection.form.cercle')}>{termLabel(incidents.cercles, caseData.cercle)}</Fact>
            <Fact term={t('protection.form.place')}>{caseData.place || null}</Fact>
            {misconduct && <Fact term={t('protection.form.channel')}>{termLabel(vocabulary.intakeChannels, caseData.channel)}</Fact>}
            {(caseData.programme === 'human_rights' || caseData.office !== null) && (
              <Fact term={t('protection.case.office')}>{termLabel(vocabulary.offices, caseData.office)}</Fact>
            )}
          </dl>
        </Card>
        <Card title={t('protection.case.progress')}>
          <dl className="incident-facts">
            {misconduct ? (
              <>
                <Fact term={t('protection.workflow.referredTo')}>
                  {caseData.referredTo ? (
                    <>
                      {termLabel(vocabulary.misconductReferrals, caseData.referredTo)}
                      {caseData.referredOn && (
                        <span className="incident-cell-note">
                          <Day value={caseData.referredOn} />
                        </span>
                      )}
                    </>
                  ) : null}
                </Fact>
                <Fact term={t('protection.workflow.outcome')}>{termLabel(vocabulary.investigationOutcomes, caseData.outcome)}</Fact>
                <Fact term={t('protection.workflow.actionTaken')}>{termLabel(vocabulary.actionsTaken, caseData.actionTaken)}</Fact>
              </>
            ) : (
              caseData.programme !== 'explosive_ordnance' && (
                <Fact term={t('protection.acts.standardOfProof')}>{termLabel(vocabulary.standardsOfProof, caseData.standardOfProof)}</Fact>
              )
            )}
            <Fact term={t('protection.case.incidents')}>
              {caseData.incidentRefs.length > 0 ? (
                <ul className="plain">
                  {caseData.incidentRefs.map((ref) => (
                    <li key={ref}>
                      <Link to={`/incidents/${encodeURIComponent(ref)}`}>{ref}</Link>
                    </li>
                  ))}
                </ul>
              ) : null}
            </Fact>
            <Fact term={t('protection.case.call')}>
              {caseData.callRef ? <Link to={`/protection/appels/${encodeURIComponent(caseData.callRef)}`}>{caseData.callRef}</Link> : null}
            </Fact>
            <Fact term={t('protection.case.createdAt')}>
              <time dateTime={caseData.createdAt}>{stamp.format(new Date(caseData.createdAt))}</time>
            </Fact>
            <Fact term={t('protection.case.updatedAt')}>
              <time dateTime={caseData.updatedAt}>{stamp.format(new Date(caseData.updatedAt))}</time>
            </Fact>
          </dl>
        </Card>
      </div>

      <Card title={t('protection.form.summary')} wide>
        <p className="incident-description">{caseData.summary}</p>
      </Card>
      <Card title={t('protection.files.title')} wide>
        <p className="hint">{t('protection.files.sealed')}</p>
        <Attachments
          attachments={caseData.attachments}
          caption={t('protection.files.caption')}
          hint={t('protection.files.hint')}
          upload={caseData.may.attach ? attachToCase(caseData.ref) : undefined}
          onAdded={(attachment) =>
            // The server dates the case's last change by the file; its version is unchanged.
            props.onChanged({ ...caseData, attachments: [...caseData.attachments, attachment], updatedAt: attachment.createdAt })
          }
        />
      </Card>
      <Card title={t('protection.persons.title')} wide>
        <ProtectionPersons {...props} />
      </Card>
      <Card title={t(`protection.acts.title.${caseData.programme}`)} wide>
        <ProtectionActs {...props} />
      </Card>
      <Card title={t('protection.consents.title')} wide>
        <ProtectionConsents {...props} />
      </Card>
      <Card title={misconduct ? t('protection.services.assistanceTitle') : t('protection.services.title')} wide>
        <ProtectionServices {...props} />
      </Card>
      <Card title={t('protection.shares.title')} wide>
        <ProtectionShares {...props} />
      </Card>
      <Card title={t('protection.team.title')} wide>
        <ProtectionTeam me={me} {...props} />
      </Card>
      <Card title={t('protection.workflow.title')} wide>
        <ProtectionTimeline steps={caseData.steps} />
        <ProtectionActions {...props} />
      </Card>
    </>
  );
}

/**
 * One confidential case (`/protection/:ref`). A case the reader may not open answers 404 like one
 * that does not exist, and shows the same page as any unknown address.
 */
export function ProtectionCasePage({ me, caseRef }: { me: Me; caseRef: string }) {
  return isCaseRef(caseRef) ? <LoadedCasePage me={me} caseRef={caseRef} /> : <NotFoundPage />;
}

function LoadedCasePage({ me, caseRef }: { me: Me; caseRef: string }) {
  const { t } = useTranslation();
  const loaded = useLoaded(protectionQueries.case(caseRef));
  const vocabulary = useProtectionVocabulary();
  const incidents = useIncidentVocabulary();
  const units = useUnits();
  // The case as the last write returned it, newer than the one loaded.
  const [changed, setChanged] = useState<ProtectionCase | null>(null);

  if (loaded.status === 'failed' && loaded.problem.status === 404) return <NotFoundPage />;
  const current = loaded.status === 'done' && changed && changed.updatedAt >= loaded.data.updatedAt ? changed : null;

  const reload = () => {
    setChanged(null);
    loaded.reload();
  };

  return (
    <Page title={t('protection.case.title', { ref: caseRef })}>
      <p className="back-link">
        <Link to="/protection">{t('protection.back')}</Link>
      </p>
      <ProtectionShow loaded={both(both(both(loaded, vocabulary), incidents), units)}>
        {([[[data, vocab], incidentVocab], unitList]: [[[ProtectionCase, ProtectionVocabulary], IncidentVocabulary], Unit[]]) => (
          <CaseDetail
            me={me}
            units={unitList}
            caseData={current ?? data}
            vocabulary={vocab}
            incidents={incidentVocab}
            onChanged={setChanged}
            onReload={reload}
          />
        )}
      </ProtectionShow>
    </Page>
  );
}
