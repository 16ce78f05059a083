import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../src/contracts/units.js';
import type { User } from '../../../src/contracts/users.js';
import { useUnits } from '../api/organisation.js';
import { useLoaded } from '../api/queries.js';
import { userApi, userQueries } from '../api/users.js';
import { ApiTokenList } from '../components/ApiTokens.js';
import { CreateUserForm } from '../components/CreateUserForm.js';
import { EditUserForm } from '../components/EditUserForm.js';
import { GeneratedPassword } from '../components/GeneratedPassword.js';
import { MembershipRequests } from '../components/MembershipRequests.js';
import { Page } from '../components/Page.js';
import { Loading, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { useLocale } from '../i18n.js';
import { useSession } from '../session.js';
import { unitAbbreviation, unitName } from '../units.js';

interface UsersTableProps {
  users: User[];
  units: readonly Unit[];
  meId: string | null;
  onEdit: (user: User) => void;
  onTokens: (user: User) => void;
}

function UsersTable({ users, units, meId, onEdit, onTokens }: UsersTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shortUnit = (code: string) => {
    const unit = units.find((candidate) => candidate.code === code);
    return unit ? (unitAbbreviation(unit, locale) ?? unitName(unit, locale)) : code;
  };

  return (
    <ScrollingTable caption={t('users.tableCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('users.name')}</th>
          <th scope="col">{t('users.email')}</th>
          <th scope="col">{t('users.memberships')}</th>
          <th scope="col">{t('users.roles')}</th>
          <th scope="col">{t('users.status')}</th>
          <th scope="col">{t('users.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <th scope="row">{user.name}</th>
            <td>{user.email}</td>
            <td>
              {user.memberships.length === 0 && user.pendingMemberships.length === 0 ? (
                t('common.none')
              ) : (
                <ul className="plain">
                  {user.memberships.map((membership) => (
                    <li key={membership.unit}>
                      {shortUnit(membership.unit)} — {t(`roles.${membership.role}`)}
                    </li>
                  ))}
                  {user.pendingMemberships.map((membership) => (
                    <li key={`pending:${membership.unit}`} className="pending-membership">
                      {shortUnit(membership.unit)} — {t(`roles.${membership.role}`)} ({t('users.pending')})
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>{[user.admin && t('users.admin'), user.auditor && t('users.auditor')].filter(Boolean).join(', ') || t('common.none')}</td>
            <td>
              <span className={user.disabled ? 'status status-off' : 'status status-on'}>
                {user.disabled ? t('users.disabled') : t('users.active')}
              </span>
              {user.totpEnabled && <span className="status-note">{t('users.totp')}</span>}
              {user.mustChangePassword && <span className="status-note">{t('users.mustChangePassword')}</span>}
            </td>
            <td>
              <div className="button-row">
                {user.id === meId ? (
                  <span className="status-note">{t('users.ownAccount')}</span>
                ) : (
                  <button type="button" className="button-secondary button-small" onClick={() => onEdit(user)}>
                    {t('users.editShort')}
                    <span className="visually-hidden"> {user.name}</span>
                  </button>
                )}
                <button type="button" className="button-secondary button-small" onClick={() => onTokens(user)}>
                  {t('users.tokens')}
                  <span className="visually-hidden"> {user.name}</span>
                </button>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** Administration of staff accounts: the list, one account's editor, and the creation form. */
export function UsersPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const users = useLoaded(userQueries.list());
  const units = useUnits();
  const [editingId, setEditingId] = useState<string | null>(null);
  const [tokensOf, setTokensOf] = useState<User | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [reset, setReset] = useState<{ name: string; password: string } | null>(null);
  const listId = useId();
  const createId = useId();
  const tokensId = useId();

  if (users.status === 'loading' || units.status === 'loading') {
    return (
      <Page title={t('users.title')}>
        <Loading />
      </Page>
    );
  }
  if (users.status === 'failed' || units.status === 'failed') {
    return (
      <Page title={t('users.title')}>
        <ProblemAlert problem={users.status === 'failed' ? users.problem : units.status === 'failed' ? units.problem : null} />
      </Page>
    );
  }

  const list = users.data.users;
  const editing = list.find((user) => user.id === editingId) ?? null;

  return (
    <Page title={t('users.title')}>
      {saved && <Notice>{saved}</Notice>}
      {reset && (
        <GeneratedPassword title={t('users.resetDone', { name: reset.name })} password={reset.password} onDismiss={() => setReset(null)} />
      )}
      <section className="card card-wide" aria-labelledby={listId}>
        <h2 id={listId}>
          {t('users.listTitle')} <span className="count">({t('users.count', { count: list.length })})</span>
        </h2>
        <UsersTable
          users={list}
          units={units.data}
          meId={me?.id ?? null}
          onEdit={(user) => {
            setSaved(null);
            setReset(null);
            setTokensOf(null);
            setEditingId(user.id);
          }}
          onTokens={(user) => {
            setEditingId(null);
            setTokensOf(user);
          }}
        />
      </section>
      {me && <MembershipRequests meId={me.id} units={units.data} />}
      {tokensOf && (
        <section className="card card-wide" aria-labelledby={tokensId}>
          <h2 id={tokensId}>{t('users.tokensTitle', { name: tokensOf.name })}</h2>
          <ApiTokenList
            key={tokensOf.id}
            query={userQueries.tokens(tokensOf.id)}
            revoke={(tokenId) => userApi.revokeToken(tokensOf.id, tokenId)}
            caption={t('users.tokensTitle', { name: tokensOf.name })}
          />
          <button type="button" className="button-secondary" onClick={() => setTokensOf(null)}>
            {t('users.closeEdit')}
          </button>
        </section>
      )}
      {editing && (
        <EditUserForm
          // A new version of the account (after a reload) restarts the form from the saved values.
          key={`${editing.id}:${editing.version}`}
          user={editing}
          units={units.data}
          onSaved={(user) => {
            setEditingId(null);
            // Saving an account may file membership requests: the list and the requests are read again.
            setSaved(t('users.saved', { name: user.name }));
          }}
          onReload={users.reload}
          onClose={() => setEditingId(null)}
          onPasswordReset={(name, password) => {
            setEditingId(null);
            setSaved(null);
            setReset({ name, password });
          }}
        />
      )}
      <section className="card card-wide" aria-labelledby={createId}>
        <h2 id={createId}>{t('users.createTitle')}</h2>
        <CreateUserForm units={units.data} />
      </section>
    </Page>
  );
}
