import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean | undefined;
  className?: string | undefined;
  children: ReactNode;
}

/** The ids an input is described by: its hint, then its error. */
export function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** Label, optional mark, hint and error around an input whose id is `id`. */
export function FieldFrame({ id, label, hint, error, optional, className, children }: FieldFrameProps) {
  const { t } = useTranslation();
  return (
    <div className={[error ? 'field field-invalid' : 'field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t('common.optional')}</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
  /** The input's id, when an error summary must link to it; generated otherwise. */
  id?: string | undefined;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
  ref?: Ref<HTMLInputElement>;
};

/** An ISO date (yyyy-mm-dd) as written in the interface: day/month/year in French and in UN English. */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

/**
 * The ISO date of what was typed: day/month/year (with /, - or . between, a two-digit year in
 * 20xx), or ISO itself; null when it is no date of the calendar.
 */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(trimmed);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const [y = '', m = '', d = ''] = parts;
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const month = Number(m);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A time typed as hours and minutes on the 24-hour clock ("9:30", "09h30", "0930" → "09:30");
 * null when it is no time of the day.
 */
export function parseTime(text: string): string | null {
  const match = /^(\d{1,2})\s*[:hH.]?\s*(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/** How a typed field reads what is typed and writes its value back: a date or a time of day. */
interface Typed {
  parse: (text: string) => string | null;
  show: (value: string) => string;
  /** The catalog entries of its format ("jj/mm/aaaa") and of its refusal. */
  catalog: 'dateField' | 'timeField';
  /** Whether the field's own hint already says the format (a time's "Heure locale, HH:MM."). */
  hintHasFormat: boolean;
}

const DATE: Typed = { parse: parseDate, show: formatDate, catalog: 'dateField', hintHasFormat: false };
const TIME: Typed = { parse: parseTime, show: (value) => value, catalog: 'timeField', hintHasFormat: true };

/**
 * A date typed as day/month/year, or a time as HH:MM on the 24-hour clock, whatever the browser's
 * own locale (a native date or time input follows the browser, not the interface: mm/dd/yyyy and
 * 9:30 AM in a French interface on an American browser). The value is ISO. What is not a date or a
 * time is said at once, once the field is left, and passed on as typed so that the server refuses it too.
 */
function TypedInput({ id, value, onChange, error, hint, label, optional, typed, ...input }: TextFieldProps & { id: string; typed: Typed }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => typed.show(value));
  const [left, setLeft] = useState(false);
  // The value changed from outside (a reset, a reload): show it.
  const shown = typed.parse(text) === value || (text === value && value !== '') ? text : typed.show(value);
  const invalid = left && shown.trim() !== '' && typed.parse(shown) === null;
  const message = error ?? (invalid ? t(`${typed.catalog}.invalid`) : undefined);
  const format = t(`${typed.catalog}.format`);
  const shownHint = hint ? (typed.hintHasFormat ? hint : `${hint} (${format})`) : format;
  return (
    <FieldFrame id={id} label={label} hint={shownHint} error={message} optional={optional}>
      <input
        id={id}
        {...input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={format}
        value={shown}
        onChange={(event) => {
          const entered = event.target.value;
          setText(entered);
          setLeft(false);
          onChange(entered.trim() === '' ? '' : (typed.parse(entered) ?? entered));
        }}
        onBlur={(event) => {
          setLeft(true);
          const parsed = typed.parse(shown);
          if (parsed) setText(typed.show(parsed));
          input.onBlur?.(event);
        }}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, shownHint, message)}
      />
    </FieldFrame>
  );
}

/**
 * A labelled text input; hint and error are tied to it with aria-describedby. `type="date"` is a
 * day/month/year field, `type="time"` an HH:MM one, both typed whatever the browser's locale.
 */
export function TextField({ id: givenId, label, value, onChange, hint, error, optional, ...input }: TextFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  if (input.type === 'date' || input.type === 'time') {
    const typed = input.type === 'date' ? DATE : TIME;
    return (
      <TypedInput
        id={id}
        label={label}
        value={value}
        onChange={onChange}
        hint={hint}
        error={error}
        optional={optional}
        typed={typed}
        {...input}
      />
    );
  }
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
}

/** The six digits of an authenticator app: a numeric keypad, the browser's one-time-code fill, spaces dropped. */
export function OneTimeCodeField({ onChange, ...field }: Omit<TextFieldProps, 'type'>) {
  return (
    <TextField
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]{6}"
      maxLength={6}
      required
      onChange={(value) => onChange(value.replace(/\s/g, ''))}
      {...field}
    />
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value'> & {
  /** The textarea's id, when an error summary must link to it; generated otherwise. */
  id?: string | undefined;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
};

/** A labelled multi-line text, for prose. */
export function TextAreaField({ id: givenId, label, value, onChange, hint, error, optional, ...textarea }: TextAreaFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      <textarea
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...textarea}
      />
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> & {
  /** The select's id, when an error summary must link to it; generated otherwise. */
  id?: string | undefined;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
  children: ReactNode;
};

export function SelectField({ id: givenId, label, value, onChange, hint, error, optional, children, ...select }: SelectFieldProps) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} optional={optional}>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

type FileFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value' | 'type'> & {
  label: string;
  /** The chosen file, or null when the choice is cleared. */
  onChange: (file: File | null) => void;
  hint?: string | undefined;
  error?: string | undefined;
  ref?: Ref<HTMLInputElement>;
};

/** A labelled file picker for one file; the browser keeps the choice, the form gets the File. */
export function FileField({ label, onChange, hint, error, ...input }: FileFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type="file"
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}

export function CheckboxField({ label, checked, onChange, disabled }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="checkbox">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The interface's two languages, by their own names, for a language <select>. */
export function LocaleOptions() {
  const { t } = useTranslation();
  return (
    <>
      <option value="fr" lang="fr">
        {t('languages.fr')}
      </option>
      <option value="en" lang="en">
        {t('languages.en')}
      </option>
    </>
  );
}
