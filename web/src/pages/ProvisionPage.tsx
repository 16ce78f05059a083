import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { EvidenceLink } from '../../../src/contracts/peace.js';
import { toProblem } from '../api/client.js';
import { type PeaceReference, type ProvisionDetail, peaceApi, peaceQueries } from '../api/peace.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextAreaField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { PamLevel, provisionText } from '../components/PeaceValues.js';
import { fieldError, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { ProvisionForm } from '../components/ProvisionForm.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

const LINK_KINDS: EvidenceLink['kind'][] = ['decision', 'incident', 'document'];

/** Scores the provision for a period, with its evidence and, optionally, one link to a decision, an incident or a document. */
function ScoreForm({ provision, reference }: { provision: ProvisionDetail; reference: PeaceReference }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    period: String(new Date().getUTCFullYear()),
    score: '0',
    evidence: '',
    linkKind: 'document',
    linkRef: '',
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = { period: t('peace.period'), score: t('peace.score'), evidence: t('peace.evidence'), links: t('peace.linkRef') };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const links = draft.linkRef.trim() ? [{ kind: draft.linkKind as EvidenceLink['kind'], ref: draft.linkRef.trim(), label: null }] : [];
      await peaceApi.score(provision.id, { period: draft.period.trim(), score: Number(draft.score), evidence: draft.evidence, links });
      setSaved(t('peace.scoreSaved', { period: draft.period.trim() }));
      setDraft((d) => ({ ...d, evidence: '', linkRef: '' }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      {saved && <Notice>{saved}</Notice>}
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <TextField
          label={labels.period}
          hint={t('peace.periodHint')}
          required
          value={draft.period}
          onChange={set('period')}
          error={fieldError(problem, 'period')}
        />
        <SelectField label={labels.score} value={draft.score} onChange={set('score')} error={fieldError(problem, 'score')}>
          {reference.scale.map((level) => (
            <option key={level.level} value={String(level.level)}>
              {level.level} — {level.name}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label={labels.evidence}
        required
        value={draft.evidence}
        onChange={set('evidence')}
        error={fieldError(problem, 'evidence')}
      />
      <div className="form-row">
        <SelectField label={t('peace.linkKind')} value={draft.linkKind} onChange={set('linkKind')}>
          {LINK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`peace.linkKinds.${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={labels.links}
          optional
          hint={t('peace.linkHint')}
          value={draft.linkRef}
          onChange={set('linkRef')}
          error={fieldError(problem, 'links')}
        />
      </div>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('peace.saveScore')}
      </button>
      <p className="hint">{reference.scaleSource}</p>
    </form>
  );
}

function EvidenceLinks({ links }: { links: readonly EvidenceLink[] }) {
  const { t } = useTranslation();
  if (links.length === 0) return null;
  return (
    <ul className="plain-list">
      {links.map((link) => (
        <li key={`${link.kind}-${link.ref}`}>
          {t(`peace.linkKinds.${link.kind}`)} :{' '}
          {link.kind === 'incident' ? (
            <Link to={`/incidents/${link.ref}`}>{link.label ?? link.ref}</Link>
          ) : /^https?:\/\//.test(link.ref) ? (
            <a href={link.ref} rel="noreferrer">
              {link.label ?? link.ref}
            </a>
          ) : (
            (link.label ?? link.ref)
          )}
        </li>
      ))}
    </ul>
  );
}

function Scores({ provision }: { provision: ProvisionDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [problem, setProblem] = useState<Problem | null>(null);
  if (provision.scores.length === 0) return <p>{t('peace.notScored')}</p>;
  const validate = async (id: string) => {
    setProblem(null);
    try {
      await peaceApi.validateScore(id);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };
  return (
    <>
      <ProblemAlert problem={problem} />
      <ScrollingTable caption={t('peace.scoresCaption')} className="peace-table">
        <thead>
          <tr>
            <th scope="col">{t('peace.period')}</th>
            <th scope="col">{t('peace.score')}</th>
            <th scope="col">{t('peace.evidence')}</th>
            <th scope="col">{t('peace.author')}</th>
            <th scope="col">{t('peace.validation')}</th>
          </tr>
        </thead>
        <tbody>
          {provision.scores.map((score) => (
            <tr key={score.id} className={score.current ? undefined : 'superseded'}>
              <th scope="row">
                {score.period}
                {!score.current && <span className="hint"> ({t('peace.superseded')})</span>}
              </th>
              <td>
                <PamLevel level={score.score} />
              </td>
              <td>
                {score.evidence}
                <EvidenceLinks links={score.links} />
              </td>
              <td>
                {score.authorLabel}
                <br />
                <span className="hint">{formatDay(score.recordedAt.slice(0, 10), locale)}</span>
              </td>
              <td>
                {score.validatedBy ? (
                  t('peace.validatedBy', { name: score.validatedBy })
                ) : score.may.validate ? (
                  <button type="button" className="button-secondary" onClick={() => void validate(score.id)}>
                    {t('peace.validate')}
                  </button>
                ) : (
                  <span className="all-value">{t('peace.notValidated')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </>
  );
}

/** One provision of the Agreement: its text, who carries it out, and its implementation scored over time. */
export function ProvisionPage({ reader, provisionId, units }: { reader: string; provisionId: string; units: readonly string[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const loaded = both(useLoaded(peaceQueries.reference(locale)), useLoaded(peaceQueries.provision(reader, provisionId)));
  return (
    <Show loaded={loaded}>
      {([reference, provision]) => (
        <Page title={t('peace.provisionTitle', { code: provision.code })}>
          <p>
            <Link to="/accord">{t('peace.backToAgreement')}</Link>
          </p>
          {saved && <Notice>{t('peace.provisionSaved')}</Notice>}
          {editing ? (
            <Card title={t('peace.editProvision')} wide>
              <ProvisionForm
                units={units.includes(provision.unit) ? units : [provision.unit, ...units]}
                reference={reference}
                editing={provision}
                onDone={() => {
                  setEditing(false);
                  setSaved(true);
                }}
              />
            </Card>
          ) : (
            <Card title={t('peace.provisionCard')} wide>
              <p lang={locale === 'en' && provision.textEn ? 'en' : 'fr'}>{provisionText(provision, locale)}</p>
              <dl className="incident-facts">
                <dt>{t('peace.pillar')}</dt>
                <dd>{reference.pillars.find((p) => p.code === provision.pillar)?.name}</dd>
                <dt>{t('peace.chapter')}</dt>
                <dd>{provision.chapter}</dd>
                <dt>{t('peace.responsible')}</dt>
                <dd>{provision.responsible ?? '—'}</dd>
                <dt>{t('peace.deadline')}</dt>
                <dd>{provision.deadline ? formatDay(provision.deadline, locale) : '—'}</dd>
                <dt>{t('peace.subcommittee')}</dt>
                <dd>{reference.subcommittees.find((s) => s.code === provision.subcommittee)?.name ?? '—'}</dd>
                <dt>{t('peace.classification')}</dt>
                <dd>{t(`strength.classifications.${provision.classification}`)}</dd>
              </dl>
              {provision.may.edit && (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setSaved(false);
                    setEditing(true);
                  }}
                >
                  {t('peace.editProvision')}
                </button>
              )}
            </Card>
          )}
          <Card title={t('peace.scoresTitle')} wide>
            <Scores provision={provision} />
          </Card>
          {provision.may.score && (
            <Card title={t('peace.scoreTitle')} wide>
              <ScoreForm provision={provision} reference={reference} />
            </Card>
          )}
        </Page>
      )}
    </Show>
  );
}
