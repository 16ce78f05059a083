import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, MOVE_NAMES } from '../../../src/contracts/protection.js';
import { protectionApi } from '../api/protection.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { type CaseSectionProps, moveRequirements, todayIso } from '../protection.js';
import { SelectField, TextAreaField, TextField } from './fields.js';
import { SectionNotice, TermOptions, useNotice } from './ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';

type MoveName = (typeof MOVE_NAMES)[number];

/** Who moved the case from which status to which, when, and why: oldest first. */
export function ProtectionTimeline({ steps }: { steps: CaseSectionProps['caseData']['steps'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' });
  return (
    <ol className="incident-timeline" aria-label={t('protection.workflow.stepsCaption')}>
      {steps.map((step) => (
        <li key={`${step.at}:${step.action}:${step.to}`} className="incident-step">
          <p className="incident-step-head">
            <span className="incident-step-move">
              {step.from
                ? t('protection.workflow.step', {
                    from: t(`protection.status.${step.from as CaseStatus}`),
                    to: t(`protection.status.${step.to as CaseStatus}`),
                  })
                : t('protection.workflow.created', { to: t(`protection.status.${step.to as CaseStatus}`) })}
            </span>{' '}
            <span className="incident-step-by">{t('protection.workflow.by', { name: step.actor })}</span>
            {' — '}
            <time dateTime={step.at}>{format.format(new Date(step.at))}</time>
          </p>
          {step.comment ? <p className="incident-step-comment">{step.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * The moves the server allows this reader now, with what each needs: a standard of proof to
 * verify, the investigating body and date to refer, an outcome, the action taken, a comment to
 * close or reopen. A stale version is a conflict to reload.
 */
export function ProtectionActions({ caseData, vocabulary, onChanged, onReload }: Omit<CaseSectionProps, 'incidents'>) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const groupId = useId();
  const submission = useSubmission();
  const { notice, show, noticeRef } = useNotice();
  const moves = Object.entries(caseData.may.moves).flatMap(([name, may]) => (may ? [name as MoveName] : []));
  const [chosen, setChosen] = useState<MoveName | null>(null);
  const move = chosen && moves.includes(chosen) ? chosen : (moves[0] ?? null);
  const [draft, setDraft] = useState({
    standardOfProof: '',
    referredTo: '',
    referredOn: todayIso(),
    outcome: '',
    actionTaken: '',
    comment: '',
  });
  const set = (key: keyof typeof draft, value: string) => setDraft((previous) => ({ ...previous, [key]: value }));
  const requires = move ? moveRequirements(caseData.programme, move) : [];
  const commentRequired = requires.includes('comment');

  const fields: FormFields = {
    action: { label: t('protection.workflow.move'), id: id('action') },
    standardOfProof: { label: t('protection.acts.standardOfProof'), id: id('standardOfProof') },
    referredTo: { label: t('protection.workflow.referredTo'), id: id('referredTo') },
    referredOn: { label: t('protection.workflow.referredOn'), id: id('referredOn') },
    outcome: { label: t('protection.workflow.outcome'), id: id('outcome') },
    actionTaken: { label: t('protection.workflow.actionTaken'), id: id('actionTaken') },
    comment: { label: t('protection.workflow.comment'), id: id('comment') },
  };
  const error = (path: string) => errorOf(submission.problem, fields, path);

  const act = async (event: FormEvent) => {
    event.preventDefault();
    if (!move) return;
    const changed = await submission.submit(() =>
      protectionApi.transition(caseData.ref, {
        action: move,
        version: caseData.version,
        comment: draft.comment.trim(),
        standardOfProof: requires.includes('standardOfProof') ? draft.standardOfProof || null : null,
        referredTo: requires.includes('referral') ? draft.referredTo || null : null,
        referredOn: requires.includes('referral') ? draft.referredOn || null : null,
        outcome: requires.includes('outcome') ? draft.outcome || null : null,
        actionTaken: requires.includes('actionTaken') ? draft.actionTaken || null : null,
      }),
    );
    if (changed) {
      setChosen(null);
      setDraft((previous) => ({ ...previous, comment: '' }));
      show((tr) => tr('protection.workflow.done', { status: tr(`protection.status.${changed.status as CaseStatus}`) }));
      onChanged(changed);
    }
  };

  return (
    <div className="incident-actions">
      <h3>{t('protection.workflow.actions')}</h3>
      <SectionNotice notice={notice} noticeRef={noticeRef} />
      {!move ? (
        <p className="hint">{t('protection.workflow.noActions')}</p>
      ) : (
        <form className="form protection-form" onSubmit={act} noValidate>
          <FormErrors submission={submission} fields={fields} onReload={onReload} />
          <fieldset id={fields.action?.id} tabIndex={-1}>
            <legend id={groupId}>{t('protection.workflow.move')}</legend>
            <ul className="plain protection-moves">
              {moves.map((name) => (
                <li key={name} className="radio">
                  <input
                    id={`${fields.action?.id}-${name}`}
                    type="radio"
                    name={groupId}
                    value={name}
                    checked={move === name}
                    onChange={() => {
                      setChosen(name);
                      submission.clear();
                    }}
                  />
                  <label htmlFor={`${fields.action?.id}-${name}`}>{t(`protection.moves.${name}`)}</label>
                </li>
              ))}
            </ul>
          </fieldset>
          {requires.some((need) => need !== 'comment') && (
            <div className="form-row">
              {requires.includes('standardOfProof') && (
                <SelectField
                  id={fields.standardOfProof?.id}
                  label={t('protection.acts.standardOfProof')}
                  value={draft.standardOfProof}
                  onChange={(v) => set('standardOfProof', v)}
                  error={error('standardOfProof')}
                >
                  <option value="">{t('protection.chooseOne')}</option>
                  <TermOptions terms={vocabulary.standardsOfProof.filter((term) => term.code !== 'not_verified')} />
                </SelectField>
              )}
              {requires.includes('referral') && (
                <>
                  <SelectField
                    id={fields.referredTo?.id}
                    label={t('protection.workflow.referredTo')}
                    value={draft.referredTo}
                    onChange={(v) => set('referredTo', v)}
                    error={error('referredTo')}
                  >
                    <option value="">{t('protection.chooseOne')}</option>
                    <TermOptions terms={vocabulary.misconductReferrals} />
                  </SelectField>
                  <TextField
                    id={fields.referredOn?.id}
                    label={t('protection.workflow.referredOn')}
                    type="date"
                    value={draft.referredOn}
                    onChange={(v) => set('referredOn', v)}
                    error={error('referredOn')}
                  />
                </>
              )}
              {requires.includes('outcome') && (
                <SelectField
                  id={fields.outcome?.id}
                  label={t('protection.workflow.outcome')}
                  value={draft.outcome}
                  onChange={(v) => set('outcome', v)}
                  error={error('outcome')}
                >
                  <option value="">{t('protection.chooseOne')}</option>
                  <TermOptions terms={vocabulary.investigationOutcomes} />
                </SelectField>
              )}
              {requires.includes('actionTaken') && (
                <SelectField
                  id={fields.actionTaken?.id}
                  label={t('protection.workflow.actionTaken')}
                  value={draft.actionTaken}
                  onChange={(v) => set('actionTaken', v)}
                  error={error('actionTaken')}
                >
                  <option value="">{t('protection.chooseOne')}</option>
                  <TermOptions terms={vocabulary.actionsTaken} />
                </SelectField>
              )}
            </div>
          )}
          <TextAreaField
            id={fields.comment?.id}
            label={t('protection.workflow.comment')}
            hint={commentRequired ? t('protection.workflow.commentRequired') : t('protection.workflow.commentHint')}
            optional={!commentRequired}
            rows={3}
            value={draft.comment}
            onChange={(v) => set('comment', v)}
            error={error('comment')}
          />
          <button type="submit" className="button-primary" aria-disabled={submission.busy}>
            {submission.busy ? t('common.saving') : t(`protection.moves.${move}`)}
          </button>
        </form>
      )}
    </div>
  );
}
