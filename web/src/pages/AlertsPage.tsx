import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_STATUSES, type Alert } from '../../../src/contracts/alerts.js';
import type { Me } from '../../../src/contracts/auth.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { type AlertStatus, alertQueries } from '../api/alerts.js';
import { useIncidentVocabulary } from '../api/incidents.js';
import { useUnits } from '../api/organisation.js';
import { both, useLoaded } from '../api/queries.js';
import { AlertCard } from '../components/AlertCard.js';
import { AlertRuleForm, AlertRuleTable } from '../components/AlertRules.js';
import { AlertSubscriptions } from '../components/AlertSubscriptions.js';
import { Card } from '../components/Card.js';
import { SelectField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { Show } from '../components/Show.js';
import { navigate, useLocation } from '../router.js';

function isStatus(value: string | null): value is AlertStatus {
  return (ALERT_STATUSES as readonly (string | null)[]).includes(value);
}

/** Open alerts first, then the newest. */
function inboxOrder(alerts: readonly Alert[]): Alert[] {
  const rank = (alert: Alert) => (alert.status === 'open' ? 0 : 1);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || b.raisedAt.localeCompare(a.raisedAt));
}

/**
 * The inbox: the alerts of the user's units. The list keeps its order while the user acts on it
 * (an alert acknowledged stays where it was, with its new state); a new answer orders it afresh.
 */
function Inbox({
  alerts,
  units,
  vocabulary,
  pending,
}: {
  alerts: readonly Alert[];
  units: readonly Unit[];
  vocabulary: IncidentVocabulary;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const ordered = useMemo(() => inboxOrder(alerts), [alerts]);
  // Alerts acted on since this answer arrived, by id; forgotten with the next answer.
  const [acted, setActed] = useState<{ of: readonly Alert[]; byId: ReadonlyMap<string, Alert> }>({ of: alerts, byId: new Map() });
  const byId = acted.of === alerts ? acted.byId : new Map<string, Alert>();
  const changed = (updated: Alert) => setActed({ of: alerts, byId: new Map(byId).set(updated.id, updated) });
  if (ordered.length === 0) return <p>{t('alerts.empty')}</p>;
  return (
    <ul className="alert-list" aria-busy={pending || undefined}>
      {ordered.map((alert) => (
        <li key={alert.id}>
          <AlertCard alert={byId.get(alert.id) ?? alert} units={units} vocabulary={vocabulary} onChanged={changed} />
        </li>
      ))}
    </ul>
  );
}

/**
 * « Alertes »: early warning. The inbox of the user's units (acknowledge, or escalate to another
 * unit), the mission's rules (managers add rules for their units) and the areas each unit follows.
 */
export function AlertsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const requested = search.get('status');
  const status = isStatus(requested) ? requested : undefined;
  const alerts = useLoaded(alertQueries.inbox(status));
  const units = useUnits();
  const vocabulary = useIncidentVocabulary();
  // Adding or changing a rule reads the rules again.
  const rules = useLoaded(alertQueries.rules());
  const subscriptions = useLoaded(alertQueries.subscriptions());
  const [first, ...others] = me.memberships.filter((m) => m.role === 'manager').map((m) => m.unit);

  const setStatus = (value: string) => navigate(value ? `${pathname}?status=${value}` : pathname, { replace: true });

  return (
    <Page title={t('alerts.title')}>
      <p className="lead">{t('alerts.intro')}</p>
      <Card title={t('alerts.inboxTitle')} wide>
        <div className="inbox-filter">
          <SelectField label={t('alerts.statusFilter')} value={status ?? ''} onChange={setStatus}>
            <option value="">{t('alerts.allStatuses')}</option>
            {ALERT_STATUSES.map((option) => (
              <option key={option} value={option}>
                {t(`alerts.statusesPlural.${option}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <Show loaded={both(both(alerts, units), vocabulary)}>
          {([[data, unitList], vocabularyData]) => (
            <Inbox alerts={data.alerts} units={unitList} vocabulary={vocabularyData} pending={alerts.pending} />
          )}
        </Show>
      </Card>
      <Card title={t('alerts.rules.title')} wide>
        <p className="hint">{t('alerts.rules.intro')}</p>
        <Show loaded={both(both(rules, vocabulary), units)}>
          {([[data, vocabularyData], unitList]) => (
            <>
              <AlertRuleTable rules={data.rules} vocabulary={vocabularyData} units={unitList} />
              {first && (
                <>
                  <h3>{t('alerts.form.title')}</h3>
                  <AlertRuleForm units={[first, ...others]} allUnits={unitList} vocabulary={vocabularyData} />
                </>
              )}
            </>
          )}
        </Show>
      </Card>
      <Card title={t('alerts.subscriptions.title')} wide>
        <Show loaded={both(both(subscriptions, vocabulary), units)}>
          {([[data, vocabularyData], unitList]) => (
            <AlertSubscriptions subscriptions={data.subscriptions} vocabulary={vocabularyData} units={unitList} />
          )}
        </Show>
      </Card>
    </Page>
  );
}
