import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../src/contracts/auth.js';
import type { Problem } from '../../../src/contracts/common.js';
import { RADIO_LANGUAGES, type RadioLanguage } from '../../../src/contracts/news.js';
import { toProblem } from '../api/client.js';
import { newsApi, newsQueries, type Radio } from '../api/news.js';
import { useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { CheckboxField, SelectField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { clientProblem, fieldError, ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function ProgrammeForm({ radio }: { radio: Radio }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ language: 'french', titleFr: '', titleEn: '', startsAt: '', endsAt: '' });
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const labels = {
    language: t('news.language'),
    titleFr: t('news.programmeTitleFr'),
    titleEn: t('news.programmeTitleEn'),
    days: t('news.days'),
    startsAt: t('news.startsAt'),
    endsAt: t('news.endsAt'),
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (days.length === 0) {
      setProblem(clientProblem([{ path: 'days', message: labels.days }]));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await newsApi.addProgramme({
        language: draft.language as RadioLanguage,
        titleFr: draft.titleFr,
        titleEn: draft.titleEn.trim() === '' ? null : draft.titleEn,
        days,
        startsAt: draft.startsAt,
        endsAt: draft.endsAt,
      });
      setDraft((d) => ({ ...d, titleFr: '', titleEn: '' }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert problem={problem} labels={labels} />
      <div className="form-row">
        <SelectField label={labels.language} value={draft.language} onChange={set('language')}>
          {radio.languages.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
        </SelectField>
        <TextField label={labels.titleFr} required value={draft.titleFr} onChange={set('titleFr')} error={fieldError(problem, 'titleFr')} />
        <TextField label={labels.titleEn} optional value={draft.titleEn} onChange={set('titleEn')} />
      </div>
      <fieldset>
        <legend>{labels.days}</legend>
        <div className="form-row">
          {DAYS.map((day) => (
            <CheckboxField
              key={day}
              label={t(`news.dayLong_${day}`)}
              checked={days.includes(day)}
              onChange={(checked) => setDays((all) => (checked ? [...all, day].sort() : all.filter((d) => d !== day)))}
            />
          ))}
        </div>
      </fieldset>
      <div className="form-row">
        <TextField
          label={labels.startsAt}
          type="time"
          required
          value={draft.startsAt}
          onChange={set('startsAt')}
          error={fieldError(problem, 'startsAt')}
        />
        <TextField
          label={labels.endsAt}
          type="time"
          required
          value={draft.endsAt}
          onChange={set('endsAt')}
          error={fieldError(problem, 'endsAt')}
        />
      </div>
      <button type="submit" className="button-primary" disabled={busy}>
        {t('news.addProgramme')}
      </button>
    </form>
  );
}

function ProgrammeTable({ language, may }: { language: Radio['languages'][number]; may: boolean }) {
  const { t } = useTranslation();
  if (language.programmes.length === 0) return <p>{t('news.noProgrammes')}</p>;
  return (
    <ScrollingTable caption={t('news.programmesCaption', { language: language.name })}>
      <thead>
        <tr>
          <th scope="col">{t('news.programme')}</th>
          <th scope="col">{t('news.days')}</th>
          <th scope="col">{t('news.hours')}</th>
          {may && (
            <th scope="col">
              <span className="visually-hidden">{t('news.remove', { title: '' })}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {language.programmes.map((p) => (
          <tr key={p.id}>
            <th scope="row">{p.title}</th>
            <td>{p.days.map((d) => t(`news.day_${d}` as 'news.day_1')).join(', ')}</td>
            <td>
              {p.startsAt}–{p.endsAt}
            </td>
            {may && (
              <td>
                <button type="button" className="button-secondary" onClick={() => void newsApi.removeProgramme(p.id)}>
                  {t('news.remove', { title: p.title })}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** Radio Mikado FM: its stations and frequencies (the fact book's) and its schedule by language, public. */
export function RadioPage({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const radio = useLoaded(newsQueries.radio(locale));
  const desk = useLoaded({ ...newsQueries.desk(me?.id ?? ''), enabled: me !== null });
  const may = me !== null && desk.status === 'done' && desk.data.mayCreate;
  return (
    <Page title={t('news.radioTitle')}>
      <p className="lead">{t('news.radioIntro')}</p>
      <p>
        <Link to="/actualites">{t('news.ficheNews')}</Link>
      </p>
      <Show loaded={radio}>
        {(data) => (
          <>
            <Card title={t('news.stations')}>
              <ScrollingTable caption={t('news.stationsCaption')}>
                <thead>
                  <tr>
                    <th scope="col">{t('news.town')}</th>
                    <th scope="col">{t('news.frequency')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.stations.map((s) => (
                    <tr key={s.code}>
                      <th scope="row">{s.town}</th>
                      <td>{t('news.mhz', { frequency: locale === 'fr' ? s.frequency.replace('.', ',') : s.frequency })}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollingTable>
              <p className="hint">{t('news.source', { source: data.source })}</p>
            </Card>
            <Card title={t('news.schedule')} wide>
              {RADIO_LANGUAGES.map((code) => {
                const language = data.languages.find((l) => l.code === code);
                if (!language) return null;
                return (
                  <section key={code} aria-labelledby={`radio-${code}`}>
                    <h3 id={`radio-${code}`}>{language.name}</h3>
                    <ProgrammeTable language={language} may={may} />
                  </section>
                );
              })}
            </Card>
            {may && (
              <Card title={t('news.addProgramme')} wide>
                <ProgrammeForm radio={data} />
              </Card>
            )}
          </>
        )}
      </Show>
    </Page>
  );
}
