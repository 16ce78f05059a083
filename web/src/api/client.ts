import type { Locale, Problem } from '../../../src/contracts/common.js';
import { currentLocale, i18next } from '../i18n.js';
import { SAVED_AT_HEADER as OFFLINE_COPY_SAVED_AT } from '../sw/protocol.js';

/**
 * The HTTP client every area of the API goes through: the interface language, the session's CSRF
 * token, and problem documents (already in the user's language) turned into `ApiError`s.
 */

/** A failed request, carrying the server's problem document (already in the user's language). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.problem.code;
  }
  get status(): number {
    return this.problem.status;
  }
}

/** Turns anything thrown by a request into a problem that can be shown to the user. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return {
    type: 'about:blank',
    title: i18next.t('problems.network'),
    status: 0,
    detail: i18next.t('problems.network'),
    code: 'network',
  };
}

// The CSRF token of the current session, from the last Me the server sent.
let csrfToken: string | null = null;
const unauthenticatedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (expired or signed out elsewhere). */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => {
    unauthenticatedListeners.delete(listener);
  };
}

const answeredListeners = new Set<() => void>();

/** Called whenever the server itself answered (any status below 500, not a copy kept on the device). */
export function onServerAnswered(listener: () => void): () => void {
  answeredListeners.add(listener);
  return () => {
    answeredListeners.delete(listener);
  };
}

function isProblem(value: unknown): value is Problem {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.status === 'number';
}

function unexpected(status: number): Problem {
  return {
    type: 'about:blank',
    title: i18next.t('problems.unexpected', { status }),
    status,
    detail: i18next.t('problems.unexpected', { status }),
    code: 'unexpected',
  };
}

/** Reads a problem document from an answer's text; anything else becomes an "unexpected answer" problem. */
export function problemOf(status: number, text: string): Problem {
  let payload: unknown = null;
  try {
    payload = JSON.parse(text);
  } catch {
    // Not JSON: described below by its status.
  }
  return isProblem(payload) ? payload : unexpected(status);
}

/** The error for a problem; a session the server no longer knows signs the user out. */
export function failed(problem: Problem): ApiError {
  if (problem.status === 401 && problem.code === 'unauthenticated') {
    for (const listener of unauthenticatedListeners) listener();
  }
  return new ApiError(problem);
}

export interface RequestOptions {
  /** The body is text of this media type (e.g. a CSV file), sent as is instead of as JSON. */
  contentType?: string;
  /** Error statuses whose body is still the answer, not a problem (an import's report on 422). */
  answeredBy?: readonly number[];
  /** The answer is text of this media type (e.g. an SVG chart), not JSON; errors are still problems. */
  textOf?: string;
  /** The language the server words its answer in, when it is not the interface's (a figure's other label). */
  locale?: Locale;
  /** Sent as `Idempotency-Key`: a create repeated with the same key makes its record once (the outbox's device key). */
  idempotencyKey?: string;
  /** Sent as `Mandat-Entered-At` with the key: when the record was entered on this device (the outbox's). */
  enteredAt?: string;
}

/** One request to the API; `T` is the answer's type, taken from the contract's schema by the caller. */
export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: options.textOf ? `${options.textOf}, application/json` : 'application/json',
    'Accept-Language': options.locale ?? currentLocale(),
  };
  if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.idempotencyKey && options.enteredAt) headers['Mandat-Entered-At'] = options.enteredAt;

  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : options.contentType ? String(body) : JSON.stringify(body),
  });
  if (response.status < 500 && !response.headers.has(OFFLINE_COPY_SAVED_AT)) for (const listener of answeredListeners) listener();
  if (response.status === 204) return undefined as T;
  if (response.ok && options.textOf) return (await response.text()) as T;

  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  if (options.answeredBy?.includes(response.status) && payload !== null && !isProblem(payload)) return payload as T;
  throw failed(isProblem(payload) ? payload : unexpected(response.status));
}

/** Query parameters as the API reads them; empty values are left out. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Sends a file as the request body with XMLHttpRequest, whose upload events (unlike fetch's) say
 * how much has left: `onProgress(sent, total)` drives a progress bar. Same headers, CSRF token and
 * problem handling as every other request.
 */
export function sendFile<T>(
  path: string,
  body: Blob,
  contentType: string,
  onProgress: (sent: number, total: number) => void,
  options: Pick<RequestOptions, 'answeredBy'> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    xhr.setRequestHeader('Content-Type', contentType);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : body.size);
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(payload as T);
      else if (options.answeredBy?.includes(xhr.status) && payload !== null && !isProblem(payload)) resolve(payload as T);
      else reject(failed(problemOf(xhr.status, xhr.responseText)));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.send(body);
  });
}
