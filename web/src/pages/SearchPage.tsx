import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import { PARTNER_KINDS, type Partner, SEARCH_HIT_TYPES } from '../../../src/contracts/organisation.js';
import { organisationQueries, type SearchHit, type SearchLookup, type SearchResult } from '../api/organisation.js';
import { type Loaded, useLoaded } from '../api/queries.js';
import { Page } from '../components/Page.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { Link, navigate, useLocation } from '../router.js';
import { partnerAnchor, sectionPath } from '../sections.js';

export const MIN_QUERY_LENGTH = 2;

type HitType = SearchHit['type'];

function isPartnerKind(value: string): value is Partner['kind'] {
  return (PARTNER_KINDS as readonly string[]).includes(value);
}

/** Where a hit is shown: its section, scrolled to the text, contact or partner. */
function hitPath(me: Me | null, unit: string, hit: SearchHit): string {
  const target = hit.type === 'partner' ? partnerAnchor(unit, hit.id) : `${hit.type}-${hit.id}`;
  return `${sectionPath(me, unit)}#${target}`;
}

type Lookup = SearchLookup;

function SectionLink({ me, unit, hit, lookup }: { me: Me | null; unit: string; hit: SearchHit; lookup: Lookup }) {
  const title = lookup.sections.get(unit)?.title ?? unit;
  return (
    <Link to={hitPath(me, unit, hit)} lang="fr">
      {title}
    </Link>
  );
}

function Hit({ me, hit, lookup }: { me: Me | null; hit: SearchHit; lookup: Lookup }) {
  const { t } = useTranslation();
  const partner = hit.type === 'partner' ? lookup.partners.get(hit.id) : undefined;
  const units = hit.unit ? [hit.unit] : (partner?.units ?? []);
  return (
    <li className="search-hit">
      <p className="search-hit-title">
        <span className="tag">{t(`search.types.${hit.type}`)}</span> <span lang="fr">{hit.title}</span>
      </p>
      {hit.type === 'partner' && isPartnerKind(hit.excerpt) ? (
        <p className="search-excerpt">{t(`partnerKinds.${hit.excerpt}`)}</p>
      ) : (
        <p className="search-excerpt" lang="fr">
          {hit.excerpt}
        </p>
      )}
      {units.length > 0 && (
        <p className="search-hit-sections">
          {hit.type === 'partner' ? t('search.namedBy') : t('search.inSection')}{' '}
          {units.map((unit, index) => (
            <span key={unit}>
              {index > 0 && ', '}
              <SectionLink me={me} unit={unit} hit={hit} lookup={lookup} />
            </span>
          ))}
        </p>
      )}
    </li>
  );
}

function Results({ me, q, result, lookup }: { me: Me | null; q: string; result: SearchResult; lookup: Loaded<Lookup> }) {
  const { t } = useTranslation();
  const groupId = useId();
  if (result.hits.length === 0) return <p role="status">{t('search.empty', { q })}</p>;
  const groups = SEARCH_HIT_TYPES.map((type) => ({ type, hits: result.hits.filter((hit) => hit.type === type) })).filter(
    (group) => group.hits.length > 0,
  );
  return (
    <>
      <p role="status" className="search-count">
        {t('search.count', { count: result.hits.length, q })}
      </p>
      <Show loaded={lookup}>
        {(data) =>
          groups.map((group) => (
            <section key={group.type} className="search-group" aria-labelledby={`${groupId}-${group.type}`}>
              <h2 id={`${groupId}-${group.type}`}>
                {t(`search.groups.${group.type satisfies HitType}`)} <span className="count">({group.hits.length})</span>
              </h2>
              <ul className="search-hits">
                {group.hits.map((hit) => (
                  <Hit key={`${hit.type}:${hit.id}`} me={me} hit={hit} lookup={data} />
                ))}
              </ul>
            </section>
          ))
        }
      </Show>
    </>
  );
}

function SearchResults({ me, q }: { me: Me | null; q: string }) {
  const locale = useLocale();
  const result = useLoaded(organisationQueries.search(q, locale));
  const lookup = useLoaded(organisationQueries.searchLookup(locale));
  return <Show loaded={result}>{(data) => <Results me={me} q={q} result={data} lookup={lookup} />}</Show>;
}

/** Accent- and case-insensitive search of the fact sheet; the query lives in the address (?q=). Public. */
export function SearchPage({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  const q = (location.search.get('q') ?? '').trim();
  const [draft, setDraft] = useState(q);
  const fieldId = useId();
  const tooShort = q.length > 0 && q.length < MIN_QUERY_LENGTH;

  // Back and forward change the address: the field follows it.
  useEffect(() => setDraft(q), [q]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = draft.trim();
    navigate(next ? `/recherche?q=${encodeURIComponent(next)}` : '/recherche');
  };

  return (
    <Page title={t('search.title')}>
      <search className="search-form">
        <form onSubmit={submit} noValidate>
          <div className={tooShort ? 'field field-invalid' : 'field'}>
            <label htmlFor={fieldId}>{t('search.label')}</label>
            <p id={`${fieldId}-hint`} className="hint">
              {t('search.hint')}
            </p>
            {tooShort && (
              <p id={`${fieldId}-error`} className="field-error">
                {t('search.tooShort')}
              </p>
            )}
            <div className="search-row">
              <input
                id={fieldId}
                type="search"
                name="q"
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                aria-invalid={tooShort ? true : undefined}
                aria-describedby={tooShort ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`}
                autoComplete="off"
                spellCheck={false}
              />
              <button type="submit" className="button-primary">
                {t('search.submit')}
              </button>
            </div>
          </div>
        </form>
      </search>
      {q.length >= MIN_QUERY_LENGTH ? <SearchResults key={q} me={me} q={q} /> : !tooShort && <p className="hint">{t('search.prompt')}</p>}
    </Page>
  );
}
