import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import { CASE_STATUSES, PROGRAMMES, type Programme } from '../../../src/contracts/protection.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import {
  type ProtectionCaseFilter,
  type ProtectionCaseSummary,
  type ProtectionVocabulary,
  protectionQueries,
  useProtectionVocabulary,
} from '../api/protection.js';
import { both, usePages } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ProtectionShow } from '../components/ProtectionFields.js';
import { CaseStatusBadge } from '../components/ProtectionStatusBadge.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { Day } from '../components/StrengthValues.js';
import { formatCount, intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { programmeStatuses, termLabel } from '../protection.js';
import { Link, navigate, useLocation } from '../router.js';

interface CaseFilter {
  programme: string;
  status: string;
  /** The documenting office or mobile team (DDHP cases). */
  office: string;
  q: string;
}

function filterFromSearch(search: URLSearchParams): CaseFilter {
  const programme = search.get('programme') ?? '';
  const status = search.get('status') ?? '';
  return {
    programme: (PROGRAMMES as readonly string[]).includes(programme) ? programme : '',
    status: (CASE_STATUSES as readonly string[]).includes(status) ? status : '',
    office: /^[a-z_]{1,24}$/.test(search.get('office') ?? '') ? (search.get('office') ?? '') : '',
    q: search.get('q')?.trim() ?? '',
  };
}

/** The list's address for a filter: shareable, and the back button walks through filters. */
function casesHref(filter: CaseFilter): string {
  const search = new URLSearchParams(Object.entries(filter).filter(([, value]) => value !== ''));
  const text = search.toString();
  return text ? `/protection?${text}` : '/protection';
}

function CaseFilterForm({ filter, vocabulary }: { filter: CaseFilter; vocabulary: ProtectionVocabulary }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(filter);
  const statuses = draft.programme ? programmeStatuses(draft.programme as Programme) : CASE_STATUSES;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(casesHref({ ...draft, status: (statuses as readonly string[]).includes(draft.status) ? draft.status : '' }));
  };

  return (
    <form className="protection-filter" onSubmit={apply}>
      <div className="protection-filter-fields">
        <SelectField
          label={t('protection.list.programme')}
          value={draft.programme}
          onChange={(programme) => setDraft((previous) => ({ ...previous, programme }))}
        >
          <option value="">{t('protection.list.anyProgramme')}</option>
          {vocabulary.programmes.map((programme) => (
            <option key={programme.code} value={programme.code}>
              {programme.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('protection.list.status')}
          value={draft.status}
          onChange={(status) => setDraft((previous) => ({ ...previous, status }))}
        >
          <option value="">{t('protection.list.anyStatus')}</option>
          {statuses.map((status) => (
            <option key={status} value={status}>
              {t(`protection.status.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('protection.list.office')}
          value={draft.office}
          onChange={(office) => setDraft((previous) => ({ ...previous, office }))}
        >
          <option value="">{t('protection.list.anyOffice')}</option>
          {vocabulary.offices.map((office) => (
            <option key={office.code} value={office.code}>
              {office.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('protection.list.search')}
          hint={t('protection.list.searchHint')}
          autoComplete="off"
          spellCheck={false}
          value={draft.q}
          onChange={(q) => setDraft((previous) => ({ ...previous, q }))}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button-primary">
          {t('protection.list.apply')}
        </button>
        {casesHref(filter) !== '/protection' && (
          <Link to="/protection" className="button-secondary">
            {t('protection.list.reset')}
          </Link>
        )}
      </div>
    </form>
  );
}

function CaseTable({
  items,
  vocabulary,
  incidents,
}: {
  items: readonly ProtectionCaseSummary[];
  vocabulary: ProtectionVocabulary;
  incidents: IncidentVocabulary;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const stamp = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });
  if (items.length === 0) return <p>{t('protection.list.empty')}</p>;
  return (
    <ScrollingTable caption={t('protection.list.caption')} className="protection-table">
      <thead>
        <tr>
          <th scope="col">{t('protection.list.ref')}</th>
          <th scope="col">{t('protection.list.programme')}</th>
          <th scope="col">{t('protection.list.status')}</th>
          <th scope="col">{t('protection.list.occurredOn')}</th>
          <th scope="col">{t('protection.list.region')}</th>
          <th scope="col" className="numeric">
            {t('protection.list.persons')}
          </th>
          <th scope="col" className="numeric">
            {t('protection.list.acts')}
          </th>
          <th scope="col">{t('protection.list.updatedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.ref}>
            <td className="nowrap">
              <Link to={`/protection/${encodeURIComponent(item.ref)}`} className="incident-ref">
                {item.ref}
              </Link>
            </td>
            <td>{termLabel(vocabulary.programmes, item.programme)}</td>
            <td>
              <CaseStatusBadge status={item.status} />
            </td>
            <td className="nowrap">
              <Day value={item.occurredOn} />
            </td>
            <td>{termLabel(incidents.regions, item.region)}</td>
            <td className="numeric">{formatCount(item.persons, locale)}</td>
            <td className="numeric">{formatCount(item.acts, locale)}</td>
            <td>
              <time dateTime={item.updatedAt}>{stamp.format(new Date(item.updatedAt))}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/**
 * « Protection et redevabilité »: the confidential cases the user may read (their case teams',
 * and all of their unit's for a manager), filtered by programme, status, reference or pseudonym.
 */
export function ProtectionCasesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  const filter = filterFromSearch(search);
  const href = casesHref(filter);
  const vocabulary = useProtectionVocabulary();
  const incidents = useIncidentVocabulary();
  const pages = usePages(protectionQueries.cases(filter as ProtectionCaseFilter), (list) => ({
    items: list.flatMap((page) => page.items),
    total: list.at(-1)?.total ?? 0,
  }));
  const writer = me.may.openProgrammes.length > 0;

  return (
    <Page title={t('protection.title')}>
      <p className="lead">{t('protection.intro')}</p>
      <div className="incident-summary-bar">
        {writer ? (
          <Link to="/protection/nouveau" className="button-primary">
            {t('protection.newCase')}
          </Link>
        ) : (
          <span />
        )}
        <ul className="incident-page-links">
          {me.may.useHotline && (
            <li>
              <Link to="/protection/appels">{t('protection.callsLink')}</Link>
            </li>
          )}
          <li>
            <Link to="/protection/statistiques">{t('protection.statsLink')}</Link>
          </li>
        </ul>
      </div>
      <Card title={t('protection.list.filtersTitle')} wide>
        <Show loaded={vocabulary}>{(vocab) => <CaseFilterForm key={href} filter={filter} vocabulary={vocab} />}</Show>
      </Card>
      <Card title={t('protection.list.title')} wide>
        <ProtectionShow loaded={both(both(pages.loaded, vocabulary), incidents)}>
          {([[page, vocab], incidentVocab]) => (
            <>
              <p aria-live="polite">
                <strong>{t('protection.list.total', { count: page.total, n: formatCount(page.total, locale) })}</strong>
              </p>
              <CaseTable items={page.items} vocabulary={vocab} incidents={incidentVocab} />
              {page.items.length > 0 && page.items.length < page.total && (
                <p className="hint" aria-live="polite">
                  {t('protection.list.shown', { shown: formatCount(page.items.length, locale), total: formatCount(page.total, locale) })}
                </p>
              )}
              <ProblemAlert problem={pages.moreProblem} />
              {page.items.length < page.total && (
                <button type="button" className="button-secondary" aria-disabled={pages.loadingMore} onClick={pages.loadMore}>
                  {pages.loadingMore ? t('protection.list.loadingMore') : t('protection.list.loadMore')}
                </button>
              )}
            </>
          )}
        </ProtectionShow>
      </Card>
    </Page>
  );
}
