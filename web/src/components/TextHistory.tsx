import { useTranslation } from 'react-i18next';
import { TEXT_KINDS } from '../../../src/contracts/organisation.js';
import { api, type HistoryEntry } from '../api.js';
import { intlLocale } from '../figures.js';
import { useLocale } from '../i18n.js';
import { useLoad } from '../load.js';
import { Show } from './Show.js';

const FIELDS = ['body', 'heading', 'kind'] as const;
type Field = (typeof FIELDS)[number];

function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}

function isKind(value: unknown): value is (typeof TEXT_KINDS)[number] {
  return (TEXT_KINDS as readonly unknown[]).includes(value);
}

function ChangedValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined || value === '') return <span className="hint">{t('section.emptyValue')}</span>;
  if (field === 'kind' && isKind(value)) return <>{t(`factsheet.parts.${value}`)}</>;
  return <span lang="fr">{typeof value === 'string' ? value : JSON.stringify(value)}</span>;
}

function Entry({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const at = new Date(entry.at);
  const when = Number.isNaN(at.getTime())
    ? entry.at
    : new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' }).format(at);
  return (
    <li className="history-entry">
      <p className="history-meta">
        <time dateTime={entry.at}>{when}</time> — {t('section.by', { actor: entry.actorLabel })}{' '}
        <span className="history-version">{t('section.version', { version: entry.version })}</span>
      </p>
      <dl className="history-changes">
        {Object.entries(entry.changes).map(([field, change]) => (
          <div key={field} className="history-change">
            <dt>{isField(field) ? t(`section.fields.${field}`) : field}</dt>
            <dd className="history-before">
              <span className="history-tag">{t('section.before')}</span> <ChangedValue field={field} value={change.from} />
            </dd>
            <dd className="history-after">
              <span className="history-tag">{t('section.after')}</span> <ChangedValue field={field} value={change.to} />
            </dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

/** Who changed a text, when, and each field from what to what; newest first. Reloaded after each save. */
export function TextHistory({ id, unit, textId, version }: { id: string; unit: string; textId: string; version: number }) {
  const { t } = useTranslation();
  const history = useLoad(() => api.textHistory(unit, textId), version);
  return (
    <div id={id} className="history">
      <p className="history-title">{t('section.historyTitle')}</p>
      <Show loaded={history}>
        {({ entries }) =>
          entries.length === 0 ? (
            <p className="hint">{t('section.historyEmpty')}</p>
          ) : (
            <ol className="history-list">
              {entries.map((entry) => (
                <Entry key={entry.version} entry={entry} />
              ))}
            </ol>
          )
        }
      </Show>
    </div>
  );
}
