import type { ReactNode } from 'react';
import { fieldId } from '../incidents.js';

/** A group of fields with its legend; the group itself can take the focus when an error is about it as a whole. */
export function IncidentFieldset({
  path,
  legend,
  hint,
  error,
  children,
}: {
  path: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  const id = fieldId(path);
  return (
    <fieldset id={id} tabIndex={-1} className="incident-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {hint && <p className="hint incident-group-hint">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}
