import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { OPERATION_STATUSES, OPERATION_TYPES, type OperationSummary } from '../../../src/contracts/operations.js';
import { queryString } from '../api/client.js';
import { type OperationQueryParams, operationQueries } from '../api/operations.js';
import { useUnits } from '../api/organisation.js';
import { both, useLoaded, usePages } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/fields.js';
import { OperationTime } from '../components/OperationTime.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';

const FILTERS = ['type', 'status', 'unit', 'from', 'to'] as const;

function filterFrom(search: URLSearchParams): OperationQueryParams {
  return Object.fromEntries(FILTERS.map((key) => [key, search.get(key) || undefined]));
}

function OperationTable({ items }: { items: readonly OperationSummary[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p>{t('operations.list.empty')}</p>;
  return (
    <ScrollingTable caption={t('operations.list.caption')} className="operation-table">
      <thead>
        <tr>
          <th scope="col">{t('operations.fields.title')}</th>
          <th scope="col">{t('operations.fields.type')}</th>
          <th scope="col">{t('operations.fields.units')}</th>
          <th scope="col">{t('operations.fields.status')}</th>
          <th scope="col">{t('operations.fields.planned')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((operation) => (
          <tr key={operation.id}>
            <th scope="row">
              <Link to={`/operations/${operation.id}`}>{operation.title}</Link>
            </th>
            <td>{t(`operations.types.${operation.type}`)}</td>
            <td>{operation.units.join(', ')}</td>
            <td>{t(`operations.statuses.${operation.status}`)}</td>
            <td>
              <OperationTime value={operation.plannedStart} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/**
 * « Journal des opérations »: the operations the reader may see — future and ongoing ones only for
 * the units taking part and the JOC — filtered by type, status, unit and period from the address,
 * with their count, keyset pages and the CSV export; the JOC and the units' officers plan new ones.
 */
export function OperationsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const filter = filterFrom(search);
  const units = useUnits();
  const counts = useLoaded(operationQueries.counts(filter));
  const pages = usePages(operationQueries.pages(filter, locale), (list) => ({
    items: list.flatMap((page) => page.items),
    next: list.at(-1)?.next ?? null,
  }));
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const go = (next: OperationQueryParams) => navigate(`${pathname}${queryString(next)}`);
  const set = (key: (typeof FILTERS)[number], value: string) => go({ ...filter, [key]: value || undefined });
  const iso = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

  return (
    <Page title={t('operations.title')}>
      <p className="lead">{t('operations.intro')}</p>
      <p className="button-row">
        {(me.may.orderOperations || me.may.planOperationIn.length > 0) && (
          <Link to="/operations/nouvelle" className="button-primary">
            {t('operations.new')}
          </Link>
        )}
        <Link to="/operations/cessez-le-feu" className="button-secondary">
          {t('operations.ceasefire.title')}
        </Link>
        <Link to="/situation/map" className="button-secondary">
          {t('situation.link')}
        </Link>
        <Link to="/operations/appui" className="button-secondary">
          {t('movements.support.title')}
        </Link>
      </p>
      <Card title={t('operations.filters.title')} wide>
        <div className="operation-filters">
          <SelectField label={t('operations.fields.type')} value={filter.type ?? ''} onChange={(v) => set('type', v)}>
            <option value="">{t('operations.filters.all')}</option>
            {OPERATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`operations.types.${type}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('operations.fields.status')} value={filter.status ?? ''} onChange={(v) => set('status', v)}>
            <option value="">{t('operations.filters.all')}</option>
            {OPERATION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`operations.statuses.${status}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('operations.fields.units')} value={filter.unit ?? ''} onChange={(v) => set('unit', v)}>
            <option value="">{t('operations.filters.all')}</option>
            {units.status === 'done' &&
              units.data.map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {unit.code}
                </option>
              ))}
          </SelectField>
        </div>
        <form
          className="operation-filters"
          onSubmit={(event) => {
            event.preventDefault();
            go({ ...filter, from: iso(from), to: iso(to) });
          }}
        >
          <TextField type="date" label={t('operations.filters.from')} value={from} onChange={setFrom} optional />
          <TextField type="date" label={t('operations.filters.to')} value={to} onChange={setTo} optional />
          <div className="operation-filter-apply">
            <button type="submit" className="button-secondary">
              {t('operations.filters.apply')}
            </button>
          </div>
        </form>
        <p>
          <a href={`/api/operations/export.csv${queryString({ ...filter, lang: locale })}`} download>
            {t('operations.export')}
          </a>
        </p>
      </Card>
      <Card title={t('operations.list.title')} wide>
        <Show loaded={both(pages.loaded, counts)}>
          {([page, total]) => (
            <>
              <p>{t('operations.list.count', { count: total.total })}</p>
              <OperationTable items={page.items} />
              <ProblemAlert problem={pages.moreProblem} />
              {page.next && (
                <button type="button" className="button-secondary" onClick={pages.loadMore} disabled={pages.loadingMore}>
                  {t('operations.list.more')}
                </button>
              )}
            </>
          )}
        </Show>
      </Card>
    </Page>
  );
}
