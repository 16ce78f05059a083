import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import { OPERATION_SECTORS } from '../../../src/contracts/operations.js';
import { toProblem } from '../api/client.js';
import { useLoaded } from '../api/queries.js';
import { situationApi, situationQueries } from '../api/situation.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { Link, navigate } from '../router.js';

const utc = (instant: string) => instant.slice(0, 16).replace('T', ' ');

/** The JOC's form: a sector (or the mission), a period (the last 24 hours when left empty), a language. */
function AssembleForm() {
  const { t } = useTranslation();
  const [sector, setSector] = useState('mission');
  const [fromDay, setFromDay] = useState('');
  const [fromTime, setFromTime] = useState('');
  const [toDay, setToDay] = useState('');
  const [toTime, setToTime] = useState('');
  const [language, setLanguage] = useState<'fr' | 'en'>(useLocale());
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const at = (day: string, time: string) => (day ? `${day}T${time || '00:00'}:00Z` : undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const created = await situationApi.assemble({
        sector: sector as 'mission',
        from: at(fromDay, fromTime),
        to: at(toDay, toTime),
        language,
      });
      navigate(`/situation/sitreps/${created.id}`);
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={{ from: t('situation.from'), to: t('situation.to') }} />
      <SelectField label={t('situation.sector')} value={sector} onChange={setSector}>
        <option value="mission">{t('situation.mission')}</option>
        {OPERATION_SECTORS.map((s) => (
          <option key={s} value={s}>
            {t(`operations.sectors.${s}`)}
          </option>
        ))}
      </SelectField>
      <div className="situation-filters">
        <TextField
          type="date"
          label={t('situation.from')}
          hint={t('situation.periodHint')}
          value={fromDay}
          onChange={setFromDay}
          optional
        />
        <TextField type="time" label={t('situation.from')} value={fromTime} onChange={setFromTime} optional />
        <TextField type="date" label={t('situation.to')} value={toDay} onChange={setToDay} optional />
        <TextField type="time" label={t('situation.to')} value={toTime} onChange={setToTime} optional />
      </div>
      <SelectField label={t('situation.language')} value={language} onChange={(v) => setLanguage(v as 'fr' | 'en')}>
        <option value="fr">{t('situation.languages.fr')}</option>
        <option value="en">{t('situation.languages.en')}</option>
      </SelectField>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('situation.assembleSubmit')}
      </button>
    </form>
  );
}

/** « Rapports de situation »: the reports the reader may read, and the JOC's assembly form. */
export function SitrepsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useLoaded(situationQueries.sitreps(locale));
  return (
    <Page title={t('situation.sitreps')}>
      <p className="lead">{t('situation.sitrepsIntro')}</p>
      <p className="button-row">
        <Link to="/operations">{t('situation.back')}</Link>
        <Link to="/situation/map" className="button-secondary">
          {t('situation.toMap')}
        </Link>
      </p>
      {me.may.orderOperations && (
        <Card title={t('situation.assemble')} wide>
          <AssembleForm />
        </Card>
      )}
      <Card title={t('situation.sitreps')} wide>
        <Show loaded={list}>
          {({ items }) =>
            items.length === 0 ? (
              <p>{t('situation.noSitreps')}</p>
            ) : (
              <ScrollingTable caption={t('situation.sitreps')}>
                <thead>
                  <tr>
                    <th scope="col">{t('situation.title')}</th>
                    <th scope="col">{t('situation.sector')}</th>
                    <th scope="col">{t('situation.status')}</th>
                    <th scope="col">{t('situation.classification')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">
                        <Link to={`/situation/sitreps/${s.id}`}>{`${utc(s.periodStart)} – ${utc(s.periodEnd)}`}</Link>
                      </th>
                      <td>{s.sectorName}</td>
                      <td>{t(`situation.statuses.${s.status}`)}</td>
                      <td>{t(`situation.classes.${s.classification}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollingTable>
            )
          }
        </Show>
      </Card>
    </Page>
  );
}
