import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../src/contracts/common.js';
import { TEXT_KINDS } from '../../../src/contracts/organisation.js';
import { type TextHistory as History, type HistoryEntry, organisationQueries } from '../api/organisation.js';
import { useLoaded } from '../api/queries.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { Show } from './Show.js';
import { WordDiff } from './WordDiff.js';

const FIELDS = ['body', 'heading', 'kind'] as const;
type Field = (typeof FIELDS)[number];

function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}

function isKind(value: unknown): value is (typeof TEXT_KINDS)[number] {
  return (TEXT_KINDS as readonly unknown[]).includes(value);
}

/** How a history words a changed field and its values; a value it leaves (null) is quoted as written. */
export interface HistoryWording {
  field: (field: string) => string;
  value?: (field: string, value: unknown) => ReactNode | null;
}

function ChangedValue({ field, value, wording }: { field: string; value: unknown; wording: HistoryWording }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <span className="hint">{t('section.emptyValue')}</span>;
  const worded = wording.value?.(field, value);
  if (worded !== undefined && worded !== null) return <>{worded}</>;
  return <span lang="fr">{typeof value === 'string' ? value : JSON.stringify(value)}</span>;
}

/** A moment as the history shows it: long date and time in the interface's language. */
export function formatWhen(iso: string, locale: Locale): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? iso
    : new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' }).format(at);
}

function Entry({ entry, wording }: { entry: HistoryEntry; wording: HistoryWording }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const when = formatWhen(entry.at, locale);
  return (
    <li className="history-entry">
      <p className="history-meta">
        <time dateTime={entry.at}>{when}</time> — {t('section.by', { actor: entry.actorLabel })}{' '}
        <span className="history-version">{t('section.version', { version: entry.version })}</span>
      </p>
      {entry.proposedBy && (
        <p className="history-proposal">
          {t('section.proposedBy', {
            actor: entry.proposedBy,
            date: formatWhen(entry.proposedAt ?? '', locale),
            publisher: entry.actorLabel,
          })}
        </p>
      )}
      <dl className="history-changes">
        {Object.entries(entry.changes).map(([field, change]) => {
          // Text is shown word by word; a value the history words itself (a kind, a part) as before and after.
          const words = entry.words?.[field];
          const worded = wording.value?.(field, change.to);
          const byWord = words !== undefined && (worded === undefined || worded === null);
          return (
            <div key={field} className={byWord ? 'history-change history-change-words' : 'history-change'}>
              <dt>{wording.field(field)}</dt>
              {byWord ? (
                <dd className="history-words">
                  <WordDiff parts={words} />
                </dd>
              ) : (
                <>
                  <dd className="history-before">
                    <span className="history-tag">{t('section.before')}</span>{' '}
                    <ChangedValue field={field} value={change.from} wording={wording} />
                  </dd>
                  <dd className="history-after">
                    <span className="history-tag">{t('section.after')}</span>{' '}
                    <ChangedValue field={field} value={change.to} wording={wording} />
                  </dd>
                </>
              )}
            </div>
          );
        })}
      </dl>
    </li>
  );
}

interface ChangeHistoryProps<TKey extends QueryKey> {
  id: string;
  title: string;
  /** The item's history at its current version (the key holds it): read again after a save. */
  query: UseQueryOptions<History, Error, History, TKey>;
  wording: HistoryWording;
}

/** Who changed an item of a section (text, contact, figure), when, and each field from what to what; newest first. */
export function ChangeHistory<TKey extends QueryKey>({ id, title, query, wording }: ChangeHistoryProps<TKey>) {
  const { t } = useTranslation();
  const history = useLoaded(query);
  return (
    <div id={id} className="history">
      <p className="history-title">{title}</p>
      <Show loaded={history}>
        {({ entries }) =>
          entries.length === 0 ? (
            <p className="hint">{t('section.historyEmpty')}</p>
          ) : (
            <ol className="history-list">
              {entries.map((entry) => (
                <Entry key={entry.version} entry={entry} wording={wording} />
              ))}
            </ol>
          )
        }
      </Show>
    </div>
  );
}

/** Who changed a text, when, and each field from what to what; newest first. Reloaded after each save. */
export function TextHistory({ id, unit, textId, version }: { id: string; unit: string; textId: string; version: number }) {
  const { t } = useTranslation();
  const wording: HistoryWording = {
    field: (field) => (isField(field) ? t(`section.fields.${field}`) : field),
    value: (field, value) => (field === 'kind' && isKind(value) ? t(`factsheet.parts.${value}`) : null),
  };
  return (
    <ChangeHistory
      id={id}
      title={t('section.historyTitle')}
      query={organisationQueries.textHistory(unit, textId, version)}
      wording={wording}
    />
  );
}
