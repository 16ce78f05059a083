import { useTranslation } from 'react-i18next';
import {
  ACTOR_ROLES,
  CASUALTY_GROUPS,
  DATE_PRECISIONS,
  type Estimate,
  INCIDENT_CLASSIFICATIONS,
  type IncidentVocabulary,
  LOCATION_PRECISIONS,
  SOURCE_TYPES,
} from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { incidentQueries } from '../api/incidents.js';
import { useLoaded } from '../api/queries.js';
import { formatDay } from '../figures.js';
import { useLocale } from '../i18n.js';
import { formatCoordinate, OUTCOMES, vocabularyLabels } from '../incidents.js';
import { unitLabel } from '../units.js';
import { Show } from './Show.js';
import { ChangeHistory, type HistoryWording } from './TextHistory.js';

const FIELDS = [
  'occurred_on',
  'occurred_time',
  'date_precision',
  'region',
  'cercle',
  'commune',
  'place',
  'latitude',
  'longitude',
  'location_precision',
  'event_type',
  'sub_event_type',
  'category',
  'threat_to_civilians',
  'casualties',
  'sources',
  'title',
  'description',
  'tags',
  'unit_code',
  'classification',
  'actors',
  'shared_with',
  'links',
] as const;
type Field = (typeof FIELDS)[number];

function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}

function includes<T extends string>(list: readonly T[], value: unknown): value is T {
  return (list as readonly unknown[]).includes(value);
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * Who changed which field of the incident, when, from what to what. Stored values (codes, JSON)
 * are worded as the detail page words them.
 */
export function IncidentHistory({
  incidentRef,
  version,
  vocabulary,
  units,
}: {
  incidentRef: string;
  version: number;
  vocabulary: IncidentVocabulary;
  units: readonly Unit[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const history = useLoaded(incidentQueries.history(incidentRef, version));
  const labels = vocabularyLabels(vocabulary);
  const subTypes = new Map(vocabulary.eventTypes.flatMap((type) => type.subTypes.map((sub) => [sub.code, sub.label] as const)));

  const casualties = (value: unknown): string | null => {
    const data = parsed(value);
    if (data === null || typeof data !== 'object') return null;
    const record = data as Record<string, Partial<Record<'killed' | 'injured', Estimate>>>;
    const parts = CASUALTY_GROUPS.flatMap((group) =>
      OUTCOMES.flatMap((outcome) => {
        const estimate = record[group]?.[outcome];
        if (!estimate) return [];
        return [
          t('incidents.labelled', {
            label: `${t(`incidents.outcomes.${outcome}`)}, ${t(`incidents.groupNames.${group}`)}`,
            value: `${estimate.low} – ${estimate.best} – ${estimate.high}`,
          }),
        ];
      }),
    );
    return parts.join(' ; ');
  };

  const sources = (value: unknown): string | null => {
    const data = parsed(value);
    if (!Array.isArray(data)) return null;
    return data
      .map((source: { type?: unknown; reference?: unknown; reliability?: unknown; credibility?: unknown }) => {
        const type = includes(SOURCE_TYPES, source.type) ? t(`incidents.sourceTypes.${source.type}`) : String(source.type);
        const reference =
          typeof source.reference === 'string' && source.reference ? ` ${t('incidents.quoted', { text: source.reference })}` : '';
        return `${type} ${String(source.reliability)}${String(source.credibility)}${reference}`;
      })
      .join(' ; ');
  };

  const wording: HistoryWording = {
    field: (field) => (isField(field) ? t(`incidents.history.fields.${field}`) : field),
    value: (field, value) => {
      switch (field) {
        case 'occurred_on':
          return typeof value === 'string' ? formatDay(value, locale) : null;
        case 'date_precision':
          return includes(DATE_PRECISIONS, value) ? t(`incidents.datePrecisions.${value}`) : null;
        case 'location_precision':
          return includes(LOCATION_PRECISIONS, value) ? t(`incidents.locationPrecisions.${value}`) : null;
        case 'latitude':
        case 'longitude':
          return typeof value === 'number' ? formatCoordinate(value, locale) : null;
        case 'region':
          return typeof value === 'string' ? labels.region(value) : null;
        case 'cercle':
          return typeof value === 'string' ? labels.cercle(value) : null;
        case 'event_type':
          return typeof value === 'string' ? labels.eventType(value) : null;
        case 'sub_event_type':
          return typeof value === 'string' ? (subTypes.get(value) ?? value) : null;
        case 'category':
          return typeof value === 'string' ? labels.category(value) : null;
        case 'threat_to_civilians':
          return value === 1 || value === true ? t('incidents.yes') : value === 0 || value === false ? t('incidents.no') : null;
        case 'classification':
          return includes(INCIDENT_CLASSIFICATIONS, value) ? t(`incidents.classifications.${value}`) : null;
        case 'unit_code':
          return typeof value === 'string' ? unitLabel(value, units, locale) : null;
        case 'shared_with':
          return typeof value === 'string'
            ? value
                .split(' ')
                .filter(Boolean)
                .map((code) => unitLabel(code, units, locale))
                .join(', ')
            : null;
        case 'actors':
          return typeof value === 'string'
            ? value
                .split(' ')
                .filter(Boolean)
                .map((pair) => {
                  const [role = '', code = ''] = pair.split(':');
                  return t('incidents.labelled', {
                    label: includes(ACTOR_ROLES, role) ? t(`incidents.roles.${role}`) : role,
                    value: labels.actor(code),
                  });
                })
                .join(' ; ')
            : null;
        case 'tags': {
          const tags = parsed(value);
          return Array.isArray(tags) ? tags.join(', ') : null;
        }
        case 'casualties':
          return casualties(value);
        case 'sources':
          return sources(value);
        default:
          return null;
      }
    },
  };

  return (
    <div id="incident-history">
      <Show loaded={history}>
        {(data) =>
          data.entries.length === 0 ? (
            <p className="hint">{t('incidents.history.empty')}</p>
          ) : (
            // Already loaded: the shared history list only words and lays it out.
            <ChangeHistory
              id="incident-history-entries"
              title={t('incidents.history.newestFirst')}
              query={incidentQueries.history(incidentRef, version)}
              wording={wording}
            />
          )
        }
      </Show>
    </div>
  );
}
