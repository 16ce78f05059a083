import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WHOLE_COUNTRY } from '../../../src/contracts/alerts.js';
import type { Problem } from '../../../src/contracts/common.js';
import type { IncidentVocabulary } from '../../../src/contracts/incidents.js';
import type { Unit } from '../../../src/contracts/units.js';
import { type AlertSubscription, alertApi } from '../api/alerts.js';
import { toProblem } from '../api/client.js';
import { useLocale } from '../i18n.js';
import { unitLabel } from '../units.js';
import { CheckboxField } from './fields.js';
import { Notice, ProblemAlert } from './ProblemAlert.js';

/**
 * The areas one unit is alerted about. Its managers tick the whole of Mali or regions; cercles
 * chosen before (through the API) stay listed so that saving does not drop them unseen.
 */
function UnitSubscriptions({
  subscription,
  vocabulary,
  units,
  onSaved,
}: {
  subscription: AlertSubscription;
  vocabulary: IncidentVocabulary;
  units: readonly Unit[];
  onSaved: (subscription: AlertSubscription) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(subscription.areas.map((area) => area.code)));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const unit = unitLabel(subscription.unit, units, locale);

  if (!subscription.mayEdit) {
    return (
      <div className="subscription">
        <h3>{unit}</h3>
        <p>
          {subscription.areas.length === 0
            ? t('alerts.subscriptions.none')
            : t('alerts.subscriptions.follows', { areas: subscription.areas.map((area) => area.name).join(', ') })}
        </p>
      </div>
    );
  }

  const cercles = subscription.areas.filter((area) => area.code !== WHOLE_COUNTRY && !vocabulary.regions.some((r) => r.code === area.code));
  const options = [
    { code: WHOLE_COUNTRY, label: t('alerts.wholeCountry') },
    ...vocabulary.regions.map((region) => ({ code: region.code, label: region.label })),
    ...cercles.map((area) => ({ code: area.code, label: t('alerts.cercleOption', { name: area.name }) })),
  ];
  const toggle = (code: string) => (checked: boolean) => {
    setSaved(false);
    setChosen((previous) => {
      const next = new Set(previous);
      if (checked) next.add(code);
      else next.delete(code);
      return next;
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setSaved(false);
    try {
      const answer = await alertApi.setSubscriptions(
        subscription.unit,
        options.map((option) => option.code).filter((code) => chosen.has(code)),
      );
      const mine = answer.subscriptions.find((s) => s.unit === subscription.unit);
      if (mine) onSaved(mine);
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form subscription" onSubmit={submit}>
      {saved && <Notice>{t('alerts.subscriptions.saved', { unit })}</Notice>}
      <ProblemAlert problem={problem} />
      <fieldset>
        <legend>{t('alerts.subscriptions.legend', { unit })}</legend>
        <div className="subscription-areas">
          {options.map((option) => (
            <CheckboxField key={option.code} label={option.label} checked={chosen.has(option.code)} onChange={toggle(option.code)} />
          ))}
        </div>
      </fieldset>
      <button type="submit" className="button-primary" aria-disabled={busy || undefined}>
        {busy ? t('common.saving') : t('alerts.subscriptions.save', { unit })}
      </button>
    </form>
  );
}

export function AlertSubscriptions({
  subscriptions,
  vocabulary,
  units,
}: {
  subscriptions: readonly AlertSubscription[];
  vocabulary: IncidentVocabulary;
  units: readonly Unit[];
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(subscriptions);
  if (current.length === 0) return <p>{t('alerts.noUnit')}</p>;
  return (
    <>
      <p className="hint">{t('alerts.subscriptions.intro')}</p>
      {current.map((subscription) => (
        <UnitSubscriptions
          key={subscription.unit}
          subscription={subscription}
          vocabulary={vocabulary}
          units={units}
          onSaved={(saved) => setCurrent((all) => all.map((s) => (s.unit === saved.unit ? saved : s)))}
        />
      ))}
    </>
  );
}
