import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';

/** A problem found in the browser before anything is sent, shaped like the server's. */
export function clientProblem(errors: { path: string; message: string }[]): Problem {
  return { type: 'about:blank', title: '', status: 0, code: 'client_validation', errors };
}

/** The message of the first error about one field, for showing next to that field. */
export function fieldError(problem: Problem | null, path: string): string | undefined {
  return problem?.errors?.find((error) => error.path === path)?.message;
}

interface ProblemAlertProps {
  problem: Problem | null;
  /** Field labels by error path, so the summary names fields as the form shows them. */
  labels?: Record<string, string>;
}

/** Announces a failed request or an invalid form: the server's detail, then each field error. */
export function ProblemAlert({ problem, labels = {} }: ProblemAlertProps) {
  const { t } = useTranslation();
  if (!problem) return null;
  const errors = problem.errors ?? [];
  const summary = problem.detail ?? (problem.title || null);
  return (
    <div role="alert" className="alert alert-error">
      {summary && <p>{summary}</p>}
      {errors.length > 0 && (
        <>
          <p>{t('problems.fields')}</p>
          <ul>
            {errors.map((error) => {
              const label = labels[error.path];
              return <li key={`${error.path}:${error.message}`}>{label ? `${label} : ${error.message}` : error.message}</li>;
            })}
          </ul>
        </>
      )}
    </div>
  );
}

/** A short confirmation, read out by screen readers without moving focus. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="alert alert-success">
      {children}
    </p>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {t('common.loading')}
    </p>
  );
}
