import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from './fields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';

/**
 * Asks why an identity is needed (at least ten characters, recorded in the audit log with the
 * reveal) in a modal dialog; the identity comes back to the caller and is kept nowhere else. Used
 * for the persons of a protection case and of the DDR registry.
 */
export function RevealDialog<T>({
  title,
  reveal,
  onRevealed,
  onClose,
}: {
  title: string;
  reveal: (reason: string) => Promise<T>;
  onRevealed: (identity: T) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useFieldIds();
  const titleId = useId();
  const submission = useSubmission();
  const [reason, setReason] = useState('');
  const fields: FormFields = { reason: { label: t('protection.reveal.reason'), id: id('reason') } };

  // Modal from the start; unmounting removes it from the page, which ends the modal state too.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 10) {
      submission.reject([{ path: 'reason', message: t('protection.reveal.tooShort') }]);
      return;
    }
    const identity = await submission.submit(() => reveal(reason.trim()));
    if (identity) onRevealed(identity);
  };

  return (
    <dialog ref={dialog} className="protection-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <h2 id={titleId}>{title}</h2>
        <p>{t('protection.reveal.intro')}</p>
        <FormErrors submission={submission} fields={fields} title={t('protection.reveal.errorsTitle')} />
        <TextAreaField
          id={fields.reason?.id}
          label={t('protection.reveal.reason')}
          hint={t('protection.reveal.reasonHint')}
          rows={3}
          required
          value={reason}
          onChange={setReason}
          error={errorOf(submission.problem, fields, 'reason')}
        />
        <div className="button-row">
          <button type="submit" className="button-primary" aria-disabled={submission.busy}>
            {submission.busy ? t('protection.reveal.busy') : t('protection.reveal.submit')}
          </button>
          <button type="button" className="button-secondary" onClick={() => dialog.current?.close()}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
