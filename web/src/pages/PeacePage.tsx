import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import type { Subcommittee } from '../../../src/contracts/peace.js';
import { toProblem } from '../api/client.js';
import { type PeaceImportReport, type PeaceReference, type Provision, peaceApi, peaceQueries } from '../api/peace.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { FileField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { PamLevel, provisionText } from '../components/PeaceValues.js';
import { Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { ProvisionForm } from '../components/ProvisionForm.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

function PillarProvisions({ provisions, reference }: { provisions: readonly Provision[]; reference: PeaceReference }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const subcommittee = (code: Subcommittee | null) => reference.subcommittees.find((s) => s.code === code)?.name ?? '—';
  if (provisions.length === 0) return <p>{t('peace.noProvisions')}</p>;
  return (
    <ScrollingTable caption={t('peace.provisionsCaption', { count: provisions.length })} className="peace-table">
      <thead>
        <tr>
          <th scope="col">{t('peace.code')}</th>
          <th scope="col">{t('peace.chapter')}</th>
          <th scope="col">{t('peace.text')}</th>
          <th scope="col">{t('peace.subcommittee')}</th>
          <th scope="col">{t('peace.deadline')}</th>
          <th scope="col">{t('peace.latestScore')}</th>
        </tr>
      </thead>
      <tbody>
        {provisions.map((p) => (
          <tr key={p.id}>
            <th scope="row">
              <Link to={`/accord/dispositions/${p.id}`}>{p.code}</Link>
            </th>
            <td>{p.chapter}</td>
            <td lang={locale === 'en' && p.textEn ? 'en' : 'fr'}>{provisionText(p, locale)}</td>
            <td>{subcommittee(p.subcommittee)}</td>
            <td className="nowrap">{p.deadline ? formatDay(p.deadline, locale) : '—'}</td>
            <td>
              {p.latest ? (
                <>
                  <PamLevel level={p.latest.score} /> <span className="hint">({p.latest.period})</span>
                </>
              ) : (
                <span className="all-value">{t('peace.notScored')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** Imports a CSV of provisions: all rows or none, the report naming each line, column and value. */
function ImportForm() {
  const { t } = useTranslation();
  const [report, setReport] = useState<PeaceImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const choose = async (file: File | null) => {
    if (!file) return;
    setProblem(null);
    setReport(null);
    try {
      setReport(await peaceApi.importProvisions(await file.text()));
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  return (
    <div className="form">
      <p className="hint">{t('peace.importHint')}</p>
      <FileField label={t('peace.importFile')} accept=".csv,text/csv" onChange={(file) => void choose(file)} />
      <ProblemAlert problem={problem} />
      {report && report.errors.length === 0 && <Notice>{t('peace.imported', { count: report.imported })}</Notice>}
      {report && report.errors.length > 0 && (
        <div role="alert">
          <p>{t('peace.importRefused', { count: report.errors.length })}</p>
          <ul>
            {report.errors.map((e) => (
              <li key={`${e.line}-${e.column}-${e.message}`}>
                {t('peace.importError', { line: e.line, column: e.column ?? '—', value: e.value ?? '—', message: e.message })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * « L'Accord » : the Agreement for Peace and Reconciliation in Mali, pillar by pillar, each
 * provision with its latest implementation score; Mediation and Political Affairs enter and import them.
 */
export function PeacePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reader = me.id;
  const loaded = both(useLoaded(peaceQueries.reference(locale)), useLoaded(peaceQueries.provisions(reader)));
  const units = me.may.createPeaceIn;
  return (
    <Page title={t('peace.title')}>
      <p className="lead">{t('peace.intro')}</p>
      <p>
        <Link to="/accord/tableau">{t('peace.dashboardLink')}</Link> · <Link to="/accord/csa">{t('peace.sessionsLink')}</Link>
      </p>
      <Show loaded={loaded}>
        {([reference, { provisions }]) => (
          <>
            <p className="hint">
              {t('peace.subcommitteesStated', {
                count: reference.subcommitteesStated.count,
                listed: reference.subcommitteesStated.listed,
                page: reference.subcommitteesStated.page,
              })}
            </p>
            {reference.pillars.map((pillar) => (
              <Card key={pillar.code} title={pillar.name} wide>
                <PillarProvisions provisions={provisions.filter((p) => p.pillar === pillar.code)} reference={reference} />
              </Card>
            ))}
            {units.length > 0 && (
              <>
                <Card title={t('peace.newProvision')} wide>
                  <ProvisionForm units={units} reference={reference} />
                </Card>
                <Card title={t('peace.importTitle')} wide>
                  <ImportForm />
                </Card>
              </>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
