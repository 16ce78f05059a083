import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { DDR_STATUSES } from '../../../src/contracts/ddr.js';
import { type DdrFilter, type DdrPersonSummary, type DdrVocabulary, ddrQueries, useDdrVocabulary } from '../api/ddr.js';
import { both, usePages } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ProtectionShow } from '../components/ProtectionFields.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { ddrLabel } from '../ddr.js';
import { formatCount, intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';

function PersonTable({ items, vocabulary }: { items: readonly DdrPersonSummary[]; vocabulary: DdrVocabulary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const stamp = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });
  if (items.length === 0) return <p>{t('ddr.list.empty')}</p>;
  return (
    <ScrollingTable caption={t('ddr.list.caption')} className="ddr-table">
      <thead>
        <tr>
          <th scope="col">{t('ddr.list.code')}</th>
          <th scope="col">{t('ddr.list.movement')}</th>
          <th scope="col">{t('ddr.list.category')}</th>
          <th scope="col">{t('ddr.list.status')}</th>
          <th scope="col">{t('ddr.list.duplicate')}</th>
          <th scope="col">{t('ddr.list.updatedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.code}>
            <td className="nowrap">
              <Link to={`/ddr/registre/${encodeURIComponent(item.code)}`} className="incident-ref">
                {item.code}
              </Link>
            </td>
            <td>{ddrLabel(vocabulary.movements, item.movement)}</td>
            <td>{ddrLabel(vocabulary.categories, item.category)}</td>
            <td>
              <span className={`badge ddr-status-${item.status}`}>{ddrLabel(vocabulary.statuses, item.status)}</span>
            </td>
            <td>
              {item.duplicateOf
                ? t('ddr.list.duplicateOf', { code: item.duplicateOf })
                : item.openDuplicates > 0
                  ? t('ddr.list.openDuplicates', { count: item.openDuplicates })
                  : ''}
            </td>
            <td>
              <time dateTime={item.updatedAt}>{stamp.format(new Date(item.updatedAt))}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** The DDR registry: the persons the user may read, by code only, filtered by step. */
export function DdrPersonsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { search } = useLocation();
  const given = search.get('status') ?? '';
  const status = (DDR_STATUSES as readonly string[]).includes(given) ? given : '';
  const [draft, setDraft] = useState(status);
  const vocabulary = useDdrVocabulary();
  const filter: DdrFilter = status ? { status: status as DdrFilter['status'] } : {};
  const pages = usePages(ddrQueries.persons(filter), (list) => ({
    items: list.flatMap((page) => page.items),
    total: list.at(-1)?.total ?? 0,
  }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(draft ? `/ddr/registre?status=${draft}` : '/ddr/registre');
  };
  return (
    <Page title={t('ddr.list.title')}>
      <p>
        <Link to="/ddr">{t('ddr.title')}</Link>
      </p>
      <p className="lead">{t('ddr.list.intro')}</p>
      <div className="incident-summary-bar">
        {me.may.useDdr ? (
          <Link to="/ddr/registre/nouveau" className="button-primary">
            {t('ddr.newPerson')}
          </Link>
        ) : (
          <span />
        )}
        <ul className="incident-page-links">
          <li>
            <Link to="/ddr/doublons">{t('ddr.duplicatesLink')}</Link>
          </li>
        </ul>
      </div>
      <Card title={t('ddr.list.title')} wide>
        <ProtectionShow loaded={both(pages.loaded, vocabulary)}>
          {([page, vocab]) => (
            <>
              <form className="protection-filter" onSubmit={apply}>
                <div className="protection-filter-fields">
                  <SelectField label={t('ddr.list.status')} value={draft} onChange={setDraft}>
                    <option value="">{t('ddr.list.anyStatus')}</option>
                    {vocab.statuses.map((s) => (
                      <option key={s.code} value={s.code}>
                        {s.name}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <div className="button-row">
                  <button type="submit" className="button-secondary">
                    {t('ddr.list.apply')}
                  </button>
                </div>
              </form>
              <p aria-live="polite">
                <strong>{t('ddr.list.total', { count: page.total, n: formatCount(page.total, locale) })}</strong>
              </p>
              <PersonTable items={page.items} vocabulary={vocab} />
              <ProblemAlert problem={pages.moreProblem} />
              {page.items.length < page.total && (
                <button type="button" className="button-secondary" aria-disabled={pages.loadingMore} onClick={pages.loadMore}>
                  {pages.loadingMore ? t('ddr.list.loadingMore') : t('ddr.list.loadMore')}
                </button>
              )}
            </>
          )}
        </ProtectionShow>
      </Card>
    </Page>
  );
}
