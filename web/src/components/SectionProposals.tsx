import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { organisationApi, organisationQueries, type Proposal, type Section } from '../api/organisation.js';
import { useLoaded } from '../api/queries.js';
import { useLocale } from '../i18n.js';
import { TextAreaField } from './fields.js';
import { clientProblem, fieldError, Notice, ProblemAlert } from './ProblemAlert.js';
import { Show } from './Show.js';
import { formatWhen } from './TextHistory.js';
import { WordDiff, WordDiffLegend } from './WordDiff.js';

const FIELD_LABELS = {
  body: 'section.fields.body',
  heading: 'section.fields.heading',
  kind: 'section.fields.kind',
  label: 'contactEdit.fields.label',
  value: 'contactEdit.fields.value',
  place: 'contactEdit.fields.place',
} as const;

function isLabelled(field: string): field is keyof typeof FIELD_LABELS {
  return field in FIELD_LABELS;
}

function shortened(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80).trimEnd()}…` : text;
}

/** What a proposal is about: the text or contact as it reads now. */
function Subject({ proposal, section }: { proposal: Proposal; section: Section }) {
  const { t } = useTranslation();
  if (proposal.target === 'contact') {
    const contact = section.contacts.find((c) => c.id === proposal.targetId);
    return t('proposals.onContact', { label: contact?.label ?? '' });
  }
  const text = section.texts.find((x) => x.id === proposal.targetId);
  return t('proposals.onText', { excerpt: shortened(text?.body ?? '') });
}

interface ItemProps {
  unit: string;
  section: Section;
  proposal: Proposal;
  onDone: (message: string) => void;
}

/** One pending proposal: what it changes word by word, who proposed it, and the actions the server says the reader may take. */
function ProposalItem({ unit, section, proposal, onDone }: ItemProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const titleId = useId();

  const act = async (write: () => Promise<unknown>, message: string) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await write();
      onDone(message);
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  const reject = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setProblem(clientProblem([{ path: 'reason', message: t('proposals.reasonRequired') }]));
      return;
    }
    void act(() => organisationApi.rejectProposal(unit, proposal.id, reason.trim()), t('proposals.rejected'));
  };

  return (
    <li className="proposal" aria-labelledby={titleId}>
      <p id={titleId} className="proposal-subject" lang="fr">
        <Subject proposal={proposal} section={section} />
      </p>
      <p className="history-meta">{t('proposals.meta', { actor: proposal.proposedBy, date: formatWhen(proposal.proposedAt, locale) })}</p>
      <dl className="history-changes">
        {Object.entries(proposal.changes).map(([field, change]) => {
          const words = proposal.words[field];
          return (
            <div key={field} className="history-change history-change-words">
              <dt>{isLabelled(field) ? t(FIELD_LABELS[field]) : field}</dt>
              <dd className="history-words">
                {words ? <WordDiff parts={words} /> : <span lang="fr">{`${String(change.from)} → ${String(change.to)}`}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
      <ProblemAlert problem={problem} labels={{ reason: t('proposals.reasonLabel') }} />
      {proposal.may.withdraw && <p className="hint">{t('proposals.own')}</p>}
      {rejecting ? (
        <form className="form" onSubmit={reject} noValidate>
          <TextAreaField
            label={t('proposals.reasonLabel')}
            hint={t('proposals.reasonHint')}
            value={reason}
            onChange={setReason}
            error={fieldError(problem, 'reason')}
            rows={3}
            maxLength={1000}
            required
            autoFocus
          />
          <div className="button-row">
            <button type="submit" className="button-primary" aria-disabled={busy}>
              {t('proposals.confirmReject')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setRejecting(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          {proposal.may.publish && (
            <button
              type="button"
              className="button-primary"
              aria-disabled={busy}
              aria-describedby={titleId}
              onClick={() => void act(() => organisationApi.publishProposal(unit, proposal.id), t('proposals.published'))}
            >
              {t('proposals.publish')}
            </button>
          )}
          {proposal.may.reject && (
            <button type="button" className="button-secondary" aria-describedby={titleId} onClick={() => setRejecting(true)}>
              {t('proposals.reject')}
            </button>
          )}
          {proposal.may.withdraw && (
            <button
              type="button"
              className="button-secondary"
              aria-disabled={busy}
              aria-describedby={titleId}
              onClick={() => void act(() => organisationApi.withdrawProposal(unit, proposal.id), t('proposals.withdrawn'))}
            >
              {t('proposals.withdraw')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * The section's pending proposals, for those who may propose or review them: how many, how many
 * await the reader's review, each with its word-level difference and the actions the server allows.
 */
export function SectionProposals({ section, onChanged }: { section: Section; onChanged: () => void }) {
  const { t } = useTranslation();
  const proposals = useLoaded(organisationQueries.sectionProposals(section.unit));
  const [notice, setNotice] = useState<string | null>(null);
  const headingId = useId();
  return (
    <Show loaded={proposals}>
      {(data) => {
        if (!data.may.propose && !data.may.review) return null;
        const awaiting = data.proposals.filter((p) => p.may.publish).length;
        return (
          <section className="proposals" aria-labelledby={headingId}>
            <h2 id={headingId}>
              {t('proposals.title')} <span className="count-badge">{data.proposals.length}</span>
            </h2>
            {notice && <Notice>{notice}</Notice>}
            {data.proposals.length === 0 ? (
              <p className="hint">{t('proposals.none')}</p>
            ) : (
              <>
                <p>
                  {t('proposals.count', { count: data.proposals.length })}
                  {awaiting > 0 && `, ${t('proposals.awaiting', { count: awaiting })}`}.
                </p>
                <WordDiffLegend />
                <ol className="proposal-list">
                  {data.proposals.map((proposal) => (
                    <ProposalItem
                      key={proposal.id}
                      unit={section.unit}
                      section={section}
                      proposal={proposal}
                      onDone={(message) => {
                        setNotice(message);
                        onChanged();
                      }}
                    />
                  ))}
                </ol>
              </>
            )}
          </section>
        );
      }}
    </Show>
  );
}
