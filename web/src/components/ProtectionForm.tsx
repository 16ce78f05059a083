import { type Ref, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { toProblem } from '../api/client.js';
import { fieldPathOf } from '../incidents.js';
import { IncidentErrorSummary } from './IncidentErrorSummary.js';
import { clientProblem } from './ProblemAlert.js';

/**
 * The mechanics every protection form shares with the incident form: inputs whose ids derive from
 * the API's paths (so a server error lands beside its field and the summary links to it), and a
 * summary at the top that takes the focus after a failed submit. A case page holds a dozen small
 * forms, hence ids unique on the page.
 */

/** A field the form shows: its label, and the id of the input that takes the focus from the summary. */
export interface FormField {
  label: string;
  id: string;
}

export type FormFields = Record<string, FormField>;

/** Ids for a form's inputs from the API's paths, unique on the page. */
export function useFieldIds(): (path: string) => string {
  const base = useId().replace(/[^A-Za-z0-9_-]/g, '');
  return useCallback((path: string) => `protection-${base}-${path.replaceAll('.', '-')}`, [base]);
}

/** The messages about one field: errors reported about a sub-path (`members.2`) go to the field that shows it. */
export function errorOf(problem: Problem | null, fields: FormFields, path: string): string | undefined {
  const known = new Set(Object.keys(fields));
  const messages = (problem?.errors ?? []).filter((error) => fieldPathOf(error.path, known) === path).map((error) => error.message);
  return messages.length > 0 ? [...new Set(messages)].join(' ') : undefined;
}

export interface Submission {
  problem: Problem | null;
  busy: boolean;
  /** Sends; on failure keeps the problem (shown by <FormErrors>) and returns null. */
  submit: <T>(send: () => Promise<T>) => Promise<T | null>;
  /** Refuses before sending, with errors shaped like the server's. */
  reject: (errors: { path: string; message: string }[]) => void;
  clear: () => void;
  summary: Ref<HTMLDivElement>;
}

export function useSubmission(): Submission {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const sending = useRef(false);

  // After a failed submit the summary takes the focus: it is read out, and its links lead to the fields.
  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const submit = useCallback(async <T,>(send: () => Promise<T>): Promise<T | null> => {
    if (sending.current) return null;
    sending.current = true;
    setBusy(true);
    setProblem(null);
    try {
      return await send();
    } catch (error) {
      setProblem(toProblem(error));
      setAttempt((n) => n + 1);
      return null;
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }, []);

  const reject = useCallback((errors: { path: string; message: string }[]) => {
    setProblem(clientProblem(errors));
    setAttempt((n) => n + 1);
  }, []);

  const clear = useCallback(() => setProblem(null), []);
  return { problem, busy, submit, reject, clear, summary };
}

interface FormErrorsProps {
  submission: Submission;
  fields: FormFields;
  /** Offered when the case changed meanwhile (409 `version_conflict`): nothing was overwritten. */
  onReload?: () => void;
  /** What introduces the list of field errors, when "nothing was saved" is not what happened. */
  title?: string;
}

/** The error summary of a form: the server's message when it is not about fields, and each field's error linked to it. */
export function FormErrors({ submission, fields, onReload, title }: FormErrorsProps) {
  const { t } = useTranslation();
  const { problem } = submission;
  if (!problem) return null;
  const known = new Set(Object.keys(fields));
  const errors = problem.errors ?? [];
  const items = errors.map((error) => {
    const path = fieldPathOf(error.path, known);
    const field = path === null ? undefined : fields[path];
    return { anchor: field?.id ?? null, label: field?.label ?? null, message: error.message };
  });
  const detail = errors.length === 0 ? (problem.detail ?? problem.title) : null;
  return (
    <IncidentErrorSummary ref={submission.summary} detail={detail} items={items} title={title ?? t('protection.errorsTitle')}>
      {problem.code === 'version_conflict' && onReload && (
        <button type="button" className="button-secondary button-small" onClick={onReload}>
          {t('protection.reloadCase')}
        </button>
      )}
    </IncidentErrorSummary>
  );
}
