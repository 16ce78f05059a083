import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { PROJECT_TRANSITION_NAMES, type Project, type ProjectTransition } from '../../../src/contracts/projects.js';
import { toProblem } from '../api/client.js';
import { projectApi, projectKeys, projectQueries } from '../api/projects.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { formatDate, parseDate, SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount, intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { formatMoney, parseMoney } from '../projects.js';
import { Link } from '../router.js';

function Money({ value }: { value: Project['budget'] }) {
  const locale = useLocale();
  return (
    <>
      {formatMoney(value.minor, value.currency, locale)}
      {value.currency !== 'USD' && <span className="hint"> ({formatMoney(value.usdMinor, 'USD', locale)})</span>}
    </>
  );
}

/** The project's facts: fund, unit, sector, dates, places, partners, beneficiaries by sex. */
function Facts({ project }: { project: Project }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const b = project.beneficiaries;
  const description = locale === 'en' && project.descriptionEn ? project.descriptionEn : project.descriptionFr;
  return (
    <dl className="facts">
      <dt>{t('projects.fields.fund')}</dt>
      <dd>{t(`projects.funds.${project.fund}`)}</dd>
      <dt>{t('projects.fields.unit')}</dt>
      <dd>{project.unit}</dd>
      <dt>{t('projects.fields.status')}</dt>
      <dd>{t(`projects.statuses.${project.status}`)}</dd>
      <dt>{t('projects.fields.classification')}</dt>
      <dd>{t(`projects.classifications.${project.classification}`)}</dd>
      <dt>{t('projects.fields.sector')}</dt>
      <dd>
        {project.sector} — {project.sectorName}
      </dd>
      {description && (
        <>
          <dt>{t('projects.fields.description')}</dt>
          <dd>{description}</dd>
        </>
      )}
      <dt>{t('projects.fields.planned')}</dt>
      <dd>
        {formatDate(project.plannedStart)} – {formatDate(project.plannedEnd)}
      </dd>
      <dt>{t('projects.fields.actual')}</dt>
      <dd>
        {project.actualStart || project.actualEnd
          ? `${project.actualStart ? formatDate(project.actualStart) : '…'} – ${project.actualEnd ? formatDate(project.actualEnd) : '…'}`
          : '—'}
      </dd>
      <dt>{t('projects.fields.places')}</dt>
      <dd>{project.places.length > 0 ? project.places.map((p) => p.place ?? `${p.latitude}, ${p.longitude}`).join(' ; ') : '—'}</dd>
      <dt>{t('projects.fields.partners')}</dt>
      <dd>{project.partners.length > 0 ? project.partners.map((p) => `${p.name} (${t(`projects.roles.${p.role}`)})`).join(' ; ') : '—'}</dd>
      <dt>{t('projects.fields.beneficiariesPlanned')}</dt>
      <dd>{t('projects.detail.people', { people: formatCount(b.plannedPeople, locale), women: formatCount(b.plannedWomen, locale) })}</dd>
      <dt>{t('projects.fields.beneficiariesReached')}</dt>
      <dd>{t('projects.detail.people', { people: formatCount(b.reachedPeople, locale), women: formatCount(b.reachedWomen, locale) })}</dd>
    </dl>
  );
}

/** Budget, commitments and disbursements in the project's currency and in USD at its dated rate; the QIP rule's state. */
function Finances({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="facts">
        <dt>{t('projects.fields.budget')}</dt>
        <dd>
          <Money value={project.budget} />
        </dd>
        <dt>{t('projects.detail.committed')}</dt>
        <dd>
          <Money value={project.committed} />
        </dd>
        <dt>{t('projects.detail.disbursed')}</dt>
        <dd>
          <Money value={project.disbursed} />
        </dd>
        <dt>{t('projects.fields.rate')}</dt>
        <dd>{t('projects.detail.rate', { currency: project.currency, rate: project.rateToUsd, date: formatDate(project.rateDate) })}</dd>
      </dl>
      {project.qipRule && (
        <p className={project.qipRule.withinLimits ? 'hint' : 'alert alert-warning'}>
          {project.qipRule.withinLimits
            ? t('projects.detail.qipWithin')
            : project.qipRule.exceptionApproved
              ? t('projects.detail.qipExceptionApproved')
              : t('projects.detail.qipExceptionWaiting')}
        </p>
      )}
      {project.exception && (
        <p>
          {t('projects.detail.exception', { by: project.exception.recordedBy.name, text: project.exception.justification })}
          {project.exception.approvedBy && <> {t('projects.detail.exceptionApprovedBy', { by: project.exception.approvedBy.name })}</>}
        </p>
      )}
    </>
  );
}

function Transactions({ project, onChanged }: { project: Project; onChanged: (p: Project) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [kind, setKind] = useState<'commitment' | 'disbursement'>('commitment');
  const [on, setOn] = useState('');
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const date = parseDate(on);
    const minor = parseMoney(amount, project.currency);
    const errors = [
      ...(date ? [] : [{ path: 'on', message: t('projects.form.dateInvalid') }]),
      ...(minor ? [] : [{ path: 'amountMinor', message: t('projects.form.amountInvalid') }]),
    ];
    if (!date || !minor) return setProblem(clientProblem(errors));
    setBusy(true);
    setDone(false);
    try {
      onChanged(await projectApi.transaction(project.id, { version: project.version, kind, on: date, amountMinor: minor }));
      setProblem(null);
      setAmount('');
      setDone(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {project.transactions.length === 0 ? (
        <p>{t('projects.transactions.empty')}</p>
      ) : (
        <ScrollingTable caption={t('projects.transactions.caption')} className="project-transactions">
          <thead>
            <tr>
              <th scope="col">{t('projects.transactions.on')}</th>
              <th scope="col">{t('projects.transactions.kind')}</th>
              <th scope="col" className="numeric">
                {t('projects.transactions.amount')}
              </th>
              <th scope="col">{t('projects.transactions.by')}</th>
            </tr>
          </thead>
          <tbody>
            {project.transactions.map((tx) => (
              <tr key={tx.id}>
                <td className="nowrap">{formatDate(tx.on)}</td>
                <td>{t(`projects.transactions.kinds.${tx.kind}`)}</td>
                <td className="numeric nowrap">{formatMoney(tx.amount.minor, tx.amount.currency, locale)}</td>
                <td>{tx.by.name}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      )}
      {project.may.transact && (
        <form onSubmit={submit} noValidate className="project-transaction-form">
          <h3>{t('projects.transactions.add')}</h3>
          <ProblemAlert problem={problem} />
          {done && <Notice>{t('projects.transactions.recorded')}</Notice>}
          <SelectField label={t('projects.transactions.kind')} value={kind} onChange={(v) => setKind(v as typeof kind)}>
            <option value="commitment">{t('projects.transactions.kinds.commitment')}</option>
            <option value="disbursement">{t('projects.transactions.kinds.disbursement')}</option>
          </SelectField>
          <TextField
            label={t('projects.transactions.on')}
            hint={t('projects.form.dateHint')}
            value={on}
            onChange={setOn}
            error={fieldError(problem, 'on')}
          />
          <TextField
            label={t('projects.transactions.amountIn', { currency: project.currency })}
            value={amount}
            onChange={setAmount}
            inputMode="decimal"
            error={fieldError(problem, 'amountMinor')}
          />
          <button type="submit" className="button-primary" disabled={busy}>
            {t('projects.transactions.submit')}
          </button>
        </form>
      )}
    </>
  );
}

/** The lifecycle: who moved the project when, and the moves the server allows this reader now. */
function Lifecycle({ project, onChanged }: { project: Project; onChanged: (p: Project) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' });
  const moves = PROJECT_TRANSITION_NAMES.filter((name) => project.may[name]);

  const run = async (label: string, write: () => Promise<Project>) => {
    setBusy(true);
    setDone(null);
    try {
      onChanged(await write());
      setProblem(null);
      setComment('');
      setDone(label);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const move = (action: ProjectTransition) =>
    run(t(`projects.moves.${action}`), () => projectApi.transition(project.id, { action, version: project.version, comment }));

  return (
    <>
      <ol className="incident-timeline" aria-label={t('projects.lifecycle.steps')}>
        {project.steps.map((step) => (
          <li key={`${step.at}:${step.to}`}>
            <p>
              {t('projects.lifecycle.step', {
                to: t(`projects.statuses.${step.to}`),
                by: step.by.name,
              })}{' '}
              — <time dateTime={step.at}>{format.format(new Date(step.at))}</time>
            </p>
            {step.comment && <p className="hint">{step.comment}</p>}
          </li>
        ))}
      </ol>
      <ProblemAlert problem={problem} />
      {done && <Notice>{t('projects.lifecycle.done', { move: done })}</Notice>}
      {(moves.length > 0 || project.may.approveException) && (
        <div className="project-actions">
          {moves.length > 0 && (
            <TextAreaField
              label={t('projects.lifecycle.comment')}
              hint={t('projects.lifecycle.commentHint')}
              value={comment}
              onChange={setComment}
              error={fieldError(problem, 'comment')}
              optional
              rows={2}
            />
          )}
          <div className="button-row">
            {project.may.approveException && (
              <button
                type="button"
                className="button-primary"
                disabled={busy}
                onClick={() => run(t('projects.moves.approveException'), () => projectApi.approveException(project.id, project.version))}
              >
                {t('projects.moves.approveException')}
              </button>
            )}
            {moves.map((action) => (
              <button
                key={action}
                type="button"
                className={action === 'cancel' ? 'button-danger' : 'button-primary'}
                disabled={busy}
                onClick={() => move(action)}
              >
                {t(`projects.moves.${action}`)}
              </button>
            ))}
          </div>
        </div>
      )}
    </>
  );
}

/** « Projet »: one project with its money, its transactions and its lifecycle; the actions come from `may`. */
export function ProjectPage({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const project = useLoaded(projectQueries.detail(projectId, locale));
  const changed = (updated: Project) => client.setQueryData(projectKeys.detail(projectId, locale), updated);
  const title =
    project.status === 'done'
      ? locale === 'en' && project.data.titleEn
        ? project.data.titleEn
        : project.data.titleFr
      : t('projects.detail.title');

  return (
    <Page title={title}>
      <p>
        <Link to="/projets">{t('projects.detail.back')}</Link>
      </p>
      <Show loaded={project}>
        {(data) => (
          <>
            {data.may.edit && (
              <p>
                <Link to={`/projets/${data.id}/modifier`} className="button-secondary">
                  {t('projects.detail.edit')}
                </Link>
              </p>
            )}
            <Card title={t('projects.detail.facts')} wide>
              <Facts project={data} />
            </Card>
            <Card title={t('projects.detail.finances')} wide>
              <Finances project={data} />
              <h3>{t('projects.transactions.title')}</h3>
              <Transactions project={data} onChanged={changed} />
            </Card>
            <Card title={t('projects.lifecycle.title')} wide>
              <Lifecycle project={data} onChanged={changed} />
            </Card>
          </>
        )}
      </Show>
    </Page>
  );
}
