import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { type ApiToken, authApi, authQueries, type ApiTokenList as Tokens } from '../api/auth.js';
import { toProblem } from '../api/client.js';
import { useLoaded } from '../api/queries.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { SelectField, TextField } from './fields.js';
import { clientProblem, fieldError, Loading, Notice, ProblemAlert } from './ProblemAlert.js';
import { ScrollingTable } from './ScrollingTable.js';

function useStamp(): (iso: string) => string {
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}

function TokenStatus({ token }: { token: ApiToken }) {
  const { t } = useTranslation();
  const stamp = useStamp();
  if (token.revokedAt) return <span className="status status-off">{t('tokens.revokedOn', { date: stamp(token.revokedAt) })}</span>;
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) {
    return <span className="status status-off">{t('tokens.expired')}</span>;
  }
  return <span className="status status-on">{t('tokens.active')}</span>;
}

interface ApiTokenListProps<TKey extends QueryKey> {
  /** The owner's tokens, or one account's for an administrator; read again after a token is added or revoked. */
  query: UseQueryOptions<Tokens, Error, Tokens, TKey>;
  revoke: (tokenId: string) => Promise<void>;
  caption: string;
}

/** A table of API tokens (never their secret) with a revoke button on those still usable. */
export function ApiTokenList<TKey extends QueryKey>({ query, revoke, caption }: ApiTokenListProps<TKey>) {
  const { t } = useTranslation();
  const stamp = useStamp();
  const tokens = useLoaded(query);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (tokens.status === 'loading') return <Loading />;
  if (tokens.status === 'failed') return <ProblemAlert problem={tokens.problem} />;

  const revokeOne = async (token: ApiToken) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      await revoke(token.id);
      setDone(t('tokens.revoked', { label: token.label }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const list = tokens.data.tokens;
  return (
    <>
      <ProblemAlert problem={problem} />
      {done && <Notice>{done}</Notice>}
      {list.length === 0 ? (
        <p>{t('tokens.empty')}</p>
      ) : (
        <ScrollingTable caption={caption} className="token-table">
          <thead>
            <tr>
              <th scope="col">{t('tokens.label')}</th>
              <th scope="col">{t('tokens.scope')}</th>
              <th scope="col">{t('tokens.created')}</th>
              <th scope="col">{t('tokens.expires')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.status')}</th>
              <th scope="col">{t('tokens.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((token) => {
              const usable = !token.revokedAt && !(token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now());
              return (
                <tr key={token.id}>
                  <th scope="row">{token.label}</th>
                  <td>{token.scope === 'write' ? t('tokens.scopeWrite') : t('tokens.scopeRead')}</td>
                  <td>
                    <time dateTime={token.createdAt}>{stamp(token.createdAt)}</time>
                  </td>
                  <td>{token.expiresAt ? <time dateTime={token.expiresAt}>{stamp(token.expiresAt)}</time> : t('tokens.noExpiry')}</td>
                  <td>{token.lastUsedAt ? <time dateTime={token.lastUsedAt}>{stamp(token.lastUsedAt)}</time> : t('tokens.never')}</td>
                  <td>
                    <TokenStatus token={token} />
                  </td>
                  <td>
                    {usable && (
                      <button
                        type="button"
                        className="button-danger button-small"
                        aria-disabled={busy}
                        onClick={() => void revokeOne(token)}
                      >
                        {t('tokens.revoke')}
                        <span className="visually-hidden"> {token.label}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </ScrollingTable>
      )}
    </>
  );
}

/** Shown once after creation: the server keeps only the token's hash. */
function CreatedToken({ label, token, onDismiss }: { label: string; token: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const inputId = useId();

  useEffect(() => box.current?.focus(), []);

  return (
    <div ref={box} tabIndex={-1} className="alert alert-success created-account">
      <p className="created-title">{t('tokens.createdTitle', { label })}</p>
      <label htmlFor={inputId}>{t('tokens.secret')}</label>
      <input
        id={inputId}
        className="secret generated-password api-token-secret"
        readOnly
        value={token}
        onFocus={(event) => event.target.select()}
      />
      <p className="warning">{t('tokens.secretNote')}</p>
      <button type="button" className="button-secondary" onClick={onDismiss}>
        {t('tokens.dismiss')}
      </button>
    </div>
  );
}

/** The signed-in user's own tokens: the list, and a form that creates one and shows it once. */
export function MyApiTokens() {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [scope, setScope] = useState<'read' | 'write'>('read');
  const [days, setDays] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ label: string; token: string } | null>(null);
  const createId = useId();
  const labels = { label: t('tokens.label'), scope: t('tokens.scope'), days: t('tokens.days') };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmedDays = days.trim();
    if (trimmedDays !== '' && !/^[1-9]\d*$/.test(trimmedDays)) {
      setProblem(clientProblem([{ path: 'days', message: t('tokens.daysFormat') }]));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const result = await authApi.createToken({ label, scope, ...(trimmedDays ? { days: Number(trimmedDays) } : {}) });
      setCreated({ label: result.apiToken.label, token: result.token });
      setLabel('');
      setScope('read');
      setDays('');
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>{t('tokens.intro')}</p>
      <ApiTokenList query={authQueries.tokens()} revoke={authApi.revokeToken} caption={t('tokens.caption')} />
      {created && <CreatedToken label={created.label} token={created.token} onDismiss={() => setCreated(null)} />}
      <h3 id={createId}>{t('tokens.createTitle')}</h3>
      <form className="form" onSubmit={submit} noValidate aria-labelledby={createId}>
        <ProblemAlert problem={problem} labels={labels} />
        <TextField label={labels.label} required maxLength={120} value={label} onChange={setLabel} error={fieldError(problem, 'label')} />
        <div className="form-row">
          <SelectField label={labels.scope} value={scope} onChange={(value) => setScope(value === 'write' ? 'write' : 'read')}>
            <option value="read">{t('tokens.scopeRead')}</option>
            <option value="write">{t('tokens.scopeWrite')}</option>
          </SelectField>
          <TextField
            label={labels.days}
            hint={t('tokens.daysHint')}
            optional
            inputMode="numeric"
            value={days}
            onChange={setDays}
            error={fieldError(problem, 'days')}
          />
        </div>
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('tokens.creating') : t('tokens.create')}
        </button>
      </form>
    </>
  );
}
