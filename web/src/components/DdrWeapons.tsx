import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DdrPerson } from '../api/ddr.js';
import { type SiteVocabulary, siteApi, siteQueries, useSiteVocabulary } from '../api/ddrSites.js';
import { both, useLoaded } from '../api/queries.js';
import { ddrLabel } from '../ddr.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';
import { Card } from './Card.js';
import { SelectField, TextField } from './fields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from './ProtectionForm.js';
import { ScrollingTable } from './ScrollingTable.js';
import { Show } from './Show.js';
import { Day } from './StrengthValues.js';

/** The open cantonment sites, for the cantonment step and hand-ins. */
export function SiteOptions() {
  const locale = useLocale();
  const sites = useLoaded(siteQueries.sites(locale));
  if (sites.status !== 'done') return null;
  return (
    <>
      {sites.data.items
        .filter((s) => s.status !== 'closed')
        .map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
    </>
  );
}

function HandInForm({ person, vocabulary }: { person: DdrPerson; vocabulary: SiteVocabulary }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [kind, setKind] = useState('small_arm');
  const [calibre, setCalibre] = useState('');
  const [serial, setSerial] = useState('');
  const [markings, setMarkings] = useState('');
  const [condition, setCondition] = useState('serviceable');
  const [quantity, setQuantity] = useState('1');
  const [site, setSite] = useState(person.siteId ?? '');
  const [on, setOn] = useState('');
  const [receivedBy, setReceivedBy] = useState('');
  const [location, setLocation] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const names = ['kind', 'calibre', 'serial', 'markings', 'condition', 'quantity', 'site', 'on', 'receivedBy', 'location'] as const;
  const fields: FormFields = Object.fromEntries(names.map((f) => [f, { label: t(`ddrSites.weapons.${f}`), id: id(f) }]));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const weapon = await submission.submit(() =>
      siteApi.handIn(person.code, {
        kind: kind as 'small_arm',
        calibre,
        serial,
        markings,
        condition: condition as 'serviceable',
        quantity: Number(quantity) || 1,
        site,
        on,
        receivedBy,
        location,
      }),
    );
    if (weapon) {
      setSaved(weapon.code);
      setSerial('');
      setMarkings('');
    }
  };
  const text = (name: 'calibre' | 'serial' | 'markings' | 'receivedBy' | 'location', value: string, set: (v: string) => void) => (
    <TextField
      id={fields[name]?.id}
      label={t(`ddrSites.weapons.${name}`)}
      hint={name === 'location' ? t('ddrSites.weapons.locationHint') : undefined}
      optional={name !== 'receivedBy'}
      autoComplete="off"
      value={value}
      onChange={set}
      error={errorOf(submission.problem, fields, name)}
    />
  );
  return (
    <form className="form" onSubmit={save} noValidate>
      {saved && (
        <p role="status" className="alert alert-success">
          {t('ddrSites.weapons.saved')} <Link to={`/ddr/armes/${saved}`}>{saved}</Link>
        </p>
      )}
      <FormErrors submission={submission} fields={fields} title={t('ddrSites.weapons.errorsTitle')} />
      <SelectField id={fields.kind?.id} label={t('ddrSites.weapons.kind')} value={kind} onChange={setKind}>
        {vocabulary.weaponKinds.map((k) => (
          <option key={k.code} value={k.code}>
            {k.name}
          </option>
        ))}
      </SelectField>
      {text('calibre', calibre, setCalibre)}
      {text('serial', serial, setSerial)}
      {text('markings', markings, setMarkings)}
      <SelectField id={fields.condition?.id} label={t('ddrSites.weapons.condition')} value={condition} onChange={setCondition}>
        {vocabulary.conditions.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id={fields.quantity?.id}
        label={t('ddrSites.weapons.quantity')}
        inputMode="numeric"
        value={quantity}
        onChange={setQuantity}
        error={errorOf(submission.problem, fields, 'quantity')}
      />
      <SelectField
        id={fields.site?.id}
        label={t('ddrSites.weapons.site')}
        value={site}
        onChange={setSite}
        error={errorOf(submission.problem, fields, 'site')}
      >
        <option value="">{t('ddrSites.form.choose')}</option>
        <SiteOptions />
      </SelectField>
      <TextField
        id={fields.on?.id}
        label={t('ddrSites.weapons.on')}
        type="date"
        value={on}
        onChange={setOn}
        required
        error={errorOf(submission.problem, fields, 'on')}
      />
      {text('receivedBy', receivedBy, setReceivedBy)}
      {text('location', location, setLocation)}
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('ddrSites.weapons.busy') : t('ddrSites.weapons.submit')}
      </button>
    </form>
  );
}

/** A person's weapons and ammunition handed in, each leading to its chain of custody, and the hand-in form. */
export function DdrPersonWeapons({ person }: { person: DdrPerson }) {
  const { t } = useTranslation();
  const vocabulary = useSiteVocabulary();
  const weapons = useLoaded(siteQueries.weaponsOf(person.code));
  return (
    <>
      <Card title={t('ddrSites.weapons.title')} wide>
        <Show loaded={both(weapons, vocabulary)}>
          {([list, terms]) =>
            list.items.length === 0 ? (
              <p>{t('ddrSites.weapons.none')}</p>
            ) : (
              <ScrollingTable caption={t('ddrSites.weapons.caption')}>
                <thead>
                  <tr>
                    <th scope="col">{t('ddrSites.weapons.code')}</th>
                    <th scope="col">{t('ddrSites.weapons.kind')}</th>
                    <th scope="col">{t('ddrSites.weapons.serial')}</th>
                    <th scope="col">{t('ddrSites.weapons.on')}</th>
                    <th scope="col">{t('ddrSites.weapons.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((w) => (
                    <tr key={w.code}>
                      <td>
                        <Link to={`/ddr/armes/${w.code}`} className="incident-ref">
                          {w.code}
                        </Link>
                      </td>
                      <td>
                        {ddrLabel(terms.weaponKinds, w.kind)}
                        {w.quantity > 1 && ` × ${w.quantity}`}
                      </td>
                      <td>
                        {w.serial}
                        {w.serialSeenTwice && <strong className="badge"> {t('ddrSites.weapons.seenTwice')}</strong>}
                      </td>
                      <td className="nowrap">
                        <Day value={w.handedInOn} />
                      </td>
                      <td>{t(`ddrSites.weapons.statuses.${w.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </ScrollingTable>
            )
          }
        </Show>
      </Card>
      {person.may.handIn && (
        <Card title={t('ddrSites.weapons.handIn')}>
          {/* Mounted again once the person is cantoned, so the site starts as theirs. */}
          <Show loaded={vocabulary}>{(terms) => <HandInForm key={person.siteId ?? ''} person={person} vocabulary={terms} />}</Show>
        </Card>
      )}
    </>
  );
}
