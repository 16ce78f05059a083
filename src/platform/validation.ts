import type { z } from 'zod';
import type { Locale } from '../contracts/common.js';
import { t } from '../i18n/index.js';

/**
 * Validation failures as the API reports them: schema issues and rules checked in code, each
 * a field with a localized message. Services throw them; the server renders them as problem+json.
 */

/** A field that failed a rule checked in code; `message` names its text in the `validation` catalog. */
export interface FieldRuleError {
  path: readonly (string | number)[];
  message: string;
}

/** A request whose body, query or parameters failed their zod schema, or a rule checked in code. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(readonly issues: readonly z.core.$ZodIssue[]) {
    super('validation');
  }

  /** The error for fields that failed rules checked in code, reported like schema failures. */
  static of(errors: readonly FieldRuleError[]): RequestValidationError {
    return new RequestValidationError(errors.map((e) => ({ code: 'custom', path: [...e.path], message: e.message, input: undefined })));
  }
}

/** Throws for the fields that failed rules checked in code; does nothing when none did. */
export function throwFieldErrors(errors: readonly FieldRuleError[]): void {
  if (errors.length > 0) throw RequestValidationError.of(errors);
}

export interface FieldError {
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue & { input?: unknown };

/** One localized message per zod issue; the input itself is never echoed back. */
export function localizeIssue(locale: Locale, issue: Issue): FieldError {
  const path = issue.path.map(String).join('.');
  const v = (key: string, params: Record<string, string | number> = {}) => ({ path, message: t(locale, `validation.${key}`, params) });
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? v('required') : v('invalid_type', { expected: issue.expected });
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return v(issue.input === '' || min === 1 ? 'required' : 'too_small_string', { min });
      return v(issue.origin === 'array' ? 'too_small_array' : 'too_small_number', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      const origin = issue.origin === 'string' ? 'string' : issue.origin === 'array' ? 'array' : 'number';
      return v(`too_big_${origin}`, { max });
    }
    case 'invalid_format':
      if (issue.format === 'email' || issue.format === 'uuid') return v(issue.format);
      return v(NAMED_FORMATS.includes(issue.message) ? issue.message : 'format');
    case 'unrecognized_keys':
      return { path, message: t(locale, 'validation.unrecognized_keys', { keys: issue.keys.join(', ') }) };
    case 'invalid_value':
      return v('invalid_value', { values: issue.values.map(String).join(', ') });
    case 'custom':
      // Rules checked in code name their message in the `validation` catalog.
      return v(t(locale, `validation.${issue.message}`) === `validation.${issue.message}` ? 'invalid' : issue.message);
    default:
      return v('invalid');
  }
}

/** Formats with a message of their own (the schema's `message` names it). */
const NAMED_FORMATS = ['unit_code', 'incident_ref', 'actor_code', 'case_ref', 'call_ref', 'pseudonym', 'rate', 'sector', 'peace_period'];
