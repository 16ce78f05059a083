import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { type DdrProgress, type DdrVocabulary, ddrApi, ddrQueries, useDdrVocabulary } from '../api/ddr.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from '../components/ProtectionForm.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { NoValue } from '../components/StrengthValues.js';
import { ddrLabel, PROGRESS_STATUSES } from '../ddr.js';
import { formatCount, formatPercent } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

/** A movement's integration target, set by the section's managers. */
function TargetForm({ vocabulary }: { vocabulary: DdrVocabulary }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [movement, setMovement] = useState(vocabulary.movements[0]?.code ?? '');
  const [target, setTarget] = useState('');
  const [saved, setSaved] = useState(false);
  const fields: FormFields = {
    movement: { label: t('ddr.progress.targetMovement'), id: id('movement') },
    target: { label: t('ddr.progress.targetValue'), id: id('target') },
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const value = Number(target.replace(/\s/g, ''));
    if (!Number.isInteger(value) || value < 0) {
      submission.reject([{ path: 'target', message: t('ddr.progress.targetInvalid') }]);
      return;
    }
    if (await submission.submit(() => ddrApi.setTarget(movement, value))) setSaved(true);
  };
  return (
    <form className="form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} title={t('ddr.progress.targetErrors')} />
      <SelectField id={fields.movement?.id} label={t('ddr.progress.targetMovement')} value={movement} onChange={setMovement}>
        {vocabulary.movements.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id={fields.target?.id}
        label={t('ddr.progress.targetValue')}
        inputMode="numeric"
        value={target}
        onChange={setTarget}
        error={errorOf(submission.problem, fields, 'target')}
      />
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {t('ddr.progress.targetSave')}
      </button>
      {saved && (
        <p role="status" className="alert alert-success">
          {t('ddr.progress.targetSaved')}
        </p>
      )}
    </form>
  );
}

function ProgressTables({ progress, vocabulary }: { progress: DdrProgress; vocabulary: DdrVocabulary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const n = (value: number) => formatCount(value, locale);
  const overall = progress.target.overall;
  return (
    <>
      <p className="lead">
        <strong>
          {overall
            ? t('ddr.progress.overall', {
                count: progress.integrated,
                integrated: n(progress.integrated),
                target: n(overall),
                share: formatPercent(Math.round((progress.integrated / overall) * 10_000) / 100, locale),
              })
            : t('ddr.progress.noTarget', { count: progress.integrated, integrated: n(progress.integrated) })}
        </strong>
      </p>
      {overall !== null && (
        <progress
          className="ddr-progress"
          max={overall}
          value={Math.min(progress.integrated, overall)}
          aria-label={t('ddr.progress.title')}
        />
      )}
      {/* The fact book is quoted as published, in French. */}
      {progress.target.source && (
        <p className="hint" lang="fr">
          « {progress.target.source} »
        </p>
      )}
      <h3>{t('ddr.progress.byMovement')}</h3>
      {progress.byMovement.length === 0 ? (
        <p>{t('ddr.progress.empty')}</p>
      ) : (
        <ScrollingTable caption={t('ddr.progress.caption')} className="ddr-progress-table">
          <thead>
            <tr>
              <th scope="col">{t('ddr.progress.movement')}</th>
              <th scope="col" className="numeric">
                {t('ddr.progress.target')}
              </th>
              {PROGRESS_STATUSES.map((status) => (
                <th scope="col" key={status} className="numeric">
                  {ddrLabel(vocabulary.statuses, status)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {progress.byMovement.map((row) => (
              <tr key={row.movement}>
                <th scope="row">{row.name}</th>
                <td className="numeric">{row.target === null ? <NoValue /> : n(row.target)}</td>
                {PROGRESS_STATUSES.map((status) => (
                  <td key={status} className="numeric">
                    {n(row.counts[status] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('ddr.progress.total')}</th>
              <td className="numeric">{overall === null ? <NoValue /> : n(overall)}</td>
              {PROGRESS_STATUSES.map((status) => (
                <td key={status} className="numeric">
                  {n(progress.totals[status] ?? 0)}
                </td>
              ))}
            </tr>
          </tbody>
        </ScrollingTable>
      )}
      <p>{t('ddr.progress.childReferrals', { n: n(progress.childReferrals) })}</p>
    </>
  );
}

/**
 * « Désarmement, démobilisation et réintégration »: counts by step and movement computed from the
 * registry against the integration targets (internal: every member reads them), beside the fact
 * sheet's sourced figures, with the way into the confidential registry for its team.
 */
export function DdrProgressPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const vocabulary = useDdrVocabulary();
  const progress = useLoaded(ddrQueries.progress(locale));
  return (
    <Page title={t('ddr.title')}>
      <p className="lead">{t('ddr.intro')}</p>
      {me.may.useDdr && (
        <div className="incident-summary-bar">
          <Link to="/ddr/registre/nouveau" className="button-primary">
            {t('ddr.newPerson')}
          </Link>
          <ul className="incident-page-links">
            <li>
              <Link to="/ddr/registre">{t('ddr.registryLink')}</Link>
            </li>
            <li>
              <Link to="/ddr/doublons">{t('ddr.duplicatesLink')}</Link>
            </li>
            <li>
              <Link to="/ddr/sites">{t('ddrSites.nav')}</Link>
            </li>
          </ul>
        </div>
      )}
      {!me.may.useDdr && (
        <p>
          <Link to="/ddr/sites">{t('ddrSites.nav')}</Link>
        </p>
      )}
      <Card title={t('ddr.progress.title')} wide>
        <Show loaded={both(progress, vocabulary)}>{([p, v]) => <ProgressTables progress={p} vocabulary={v} />}</Show>
      </Card>
      <Card title={t('ddr.progress.sourced')} wide>
        <Show loaded={progress}>
          {(p) => (
            <ScrollingTable caption={t('ddr.progress.sourcedCaption')}>
              <thead>
                <tr>
                  <th scope="col">{t('ddr.progress.figure')}</th>
                  <th scope="col" className="numeric">
                    {t('ddr.progress.value')}
                  </th>
                  <th scope="col">{t('ddr.progress.period')}</th>
                </tr>
              </thead>
              <tbody>
                {p.sourcedFigures.map((f) => (
                  <tr key={f.key}>
                    <td>{f.label}</td>
                    <td className="numeric">{f.value === null ? <NoValue /> : formatCount(f.value, locale)}</td>
                    <td>{f.period ?? <NoValue />}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollingTable>
          )}
        </Show>
      </Card>
      <Show loaded={both(progress, vocabulary)}>
        {([p, v]) =>
          p.may.setTargets ? (
            <Card title={t('ddr.progress.setTarget')}>
              <TargetForm vocabulary={v} />
            </Card>
          ) : null
        }
      </Show>
    </Page>
  );
}
