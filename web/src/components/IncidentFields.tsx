import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { fieldId } from '../incidents.js';
import { describedBy as describedByIds, FieldFrame, TextField } from './fields.js';

/**
 * Labelled inputs of the incident form. Unlike the shared fields, each takes its id from the API's
 * path of the value it edits (`location.latitude` → `incident-location-latitude`), so that an error
 * the server reports by path is shown beside its input and the summary at the top can link to it.
 */

interface FrameProps {
  path: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean | undefined;
  className?: string | undefined;
  children: ReactNode;
}

/** The ids an input is described by: its hint, then its error. */
export function describedBy(path: string, hint?: string, error?: string): string | undefined {
  return describedByIds(fieldId(path), hint, error);
}

function Frame({ path, ...frame }: FrameProps) {
  return <FieldFrame id={fieldId(path)} {...frame} />;
}

type Common = {
  path: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
  className?: string;
};

type TextProps = Common &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value' | 'className'> & {
    value: string;
    onChange: (value: string) => void;
  };

/** A text input of the incident form; a date or a time is the shared typed field (day/month/year, HH:MM). */
export function IncidentTextField({ path, label, hint, error, optional, className, value, onChange, ...input }: TextProps) {
  if (input.type === 'date' || input.type === 'time') {
    return (
      <TextField
        id={fieldId(path)}
        label={label}
        hint={hint}
        error={error}
        optional={optional}
        value={value}
        onChange={onChange}
        {...input}
      />
    );
  }
  return (
    <Frame path={path} label={label} hint={hint} error={error} optional={optional} className={className}>
      <input
        id={fieldId(path)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, hint, error)}
        {...input}
      />
    </Frame>
  );
}

type SelectProps = Common &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value' | 'className'> & {
    value: string;
    onChange: (value: string) => void;
    children: ReactNode;
  };

export function IncidentSelectField({ path, label, hint, error, optional, className, value, onChange, children, ...select }: SelectProps) {
  return (
    <Frame path={path} label={label} hint={hint} error={error} optional={optional} className={className}>
      <select
        id={fieldId(path)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, hint, error)}
        {...select}
      >
        {children}
      </select>
    </Frame>
  );
}

type TextAreaProps = Common &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value' | 'className'> & {
    value: string;
    onChange: (value: string) => void;
  };

export function IncidentTextAreaField({ path, label, hint, error, optional, className, value, onChange, ...textarea }: TextAreaProps) {
  return (
    <Frame path={path} label={label} hint={hint} error={error} optional={optional} className={className}>
      <textarea
        id={fieldId(path)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(path, hint, error)}
        {...textarea}
      />
    </Frame>
  );
}

/** A checkbox whose error, if any, is read with it. */
export function IncidentCheckboxField({
  path,
  label,
  checked,
  onChange,
  error,
}: {
  path: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
}) {
  const id = fieldId(path);
  return (
    <div className="checkbox-field">
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}
