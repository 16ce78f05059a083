import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WEAPON_CODE } from '../../../src/contracts/ddr-sites.js';
import { type SiteVocabulary, siteApi, siteQueries, useSiteVocabulary, type Weapon } from '../api/ddrSites.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { ProtectionShow } from '../components/ProtectionFields.js';
import { errorOf, FormErrors, type FormFields, useFieldIds, useSubmission } from '../components/ProtectionForm.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Day, NoValue } from '../components/StrengthValues.js';
import { ddrLabel } from '../ddr.js';
import { Link } from '../router.js';
import { NotFoundPage } from './NotFoundPage.js';

/** The next link of the chain: from where the weapon is (filled in), to a custodian and a place. */
function MoveForm({ weapon, vocabulary, onSaved }: { weapon: Weapon; vocabulary: SiteVocabulary; onSaved: () => void }) {
  const { t } = useTranslation();
  const id = useFieldIds();
  const submission = useSubmission();
  const [move, setMove] = useState<'store' | 'transfer' | 'destroy'>('store');
  const [on, setOn] = useState('');
  const [fromCustodian, setFromCustodian] = useState(weapon.custodian);
  const [fromLocation, setFromLocation] = useState(weapon.location);
  const [toCustodian, setToCustodian] = useState('');
  const [toLocation, setToLocation] = useState('');
  const [note, setNote] = useState('');
  const fields: FormFields = Object.fromEntries(
    ['move', 'on', 'fromCustodian', 'fromLocation', 'toCustodian', 'toLocation', 'note'].map((f) => [
      f,
      { label: t(`ddrSites.weapon.${f as 'move'}`), id: id(f) },
    ]),
  );
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submission.submit(() =>
      siteApi.move(weapon.code, { version: weapon.version, move, on, fromCustodian, fromLocation, toCustodian, toLocation, note }),
    );
    if (done) onSaved();
  };
  const field = (
    name: 'fromCustodian' | 'fromLocation' | 'toCustodian' | 'toLocation' | 'note',
    value: string,
    set: (v: string) => void,
  ) => (
    <TextField
      id={fields[name]?.id}
      label={t(`ddrSites.weapon.${name}`)}
      value={value}
      onChange={set}
      optional={name === 'note'}
      autoComplete="off"
      error={errorOf(submission.problem, fields, name)}
    />
  );
  return (
    <form className="form" onSubmit={save} noValidate>
      <FormErrors submission={submission} fields={fields} title={t('ddrSites.weapon.moveErrors')} />
      <SelectField id={fields.move?.id} label={t('ddrSites.weapon.move')} value={move} onChange={(v) => setMove(v as typeof move)}>
        {vocabulary.moves
          .filter((m) => m.code !== 'hand_in')
          .map((m) => (
            <option key={m.code} value={m.code}>
              {m.name}
            </option>
          ))}
      </SelectField>
      <TextField
        id={fields.on?.id}
        label={t('ddrSites.weapon.on')}
        type="date"
        value={on}
        onChange={setOn}
        required
        error={errorOf(submission.problem, fields, 'on')}
      />
      {field('fromCustodian', fromCustodian, setFromCustodian)}
      {field('fromLocation', fromLocation, setFromLocation)}
      {field('toCustodian', toCustodian, setToCustodian)}
      {field('toLocation', toLocation, setToLocation)}
      {field('note', note, setNote)}
      <button type="submit" className="button-primary" aria-disabled={submission.busy}>
        {submission.busy ? t('ddrSites.weapon.busy') : t('ddrSites.weapon.submit')}
      </button>
    </form>
  );
}

function WeaponView({ weapon, vocabulary, reload }: { weapon: Weapon; vocabulary: SiteVocabulary; reload: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const facts: [string, ReactNode][] = [
    [t('ddrSites.weapons.kind'), ddrLabel(vocabulary.weaponKinds, weapon.kind)],
    [t('ddrSites.weapons.calibre'), weapon.calibre || null],
    [t('ddrSites.weapons.serial'), weapon.serial || null],
    [t('ddrSites.weapons.markings'), weapon.markings || null],
    [t('ddrSites.weapons.condition'), ddrLabel(vocabulary.conditions, weapon.condition)],
    [t('ddrSites.weapons.quantity'), String(weapon.quantity)],
    [
      t('ddrSites.weapon.person'),
      <Link key="person" to={`/ddr/registre/${weapon.personCode}`}>
        {weapon.personCode}
      </Link>,
    ],
    [
      t('ddrSites.weapon.site'),
      <Link key="site" to={`/ddr/sites/${weapon.siteId}`}>
        {weapon.siteName}
      </Link>,
    ],
    [t('ddrSites.weapon.handedInOn'), <Day key="day" value={weapon.handedInOn} />],
    [t('ddrSites.weapons.status'), t(`ddrSites.weapons.statuses.${weapon.status}`)],
    [t('ddrSites.weapon.custodian'), weapon.custodian],
    [t('ddrSites.weapon.location'), weapon.location],
  ];
  return (
    <>
      {weapon.serialSeenTwice && (
        <div role="alert" className="alert alert-error">
          {t('ddrSites.weapon.seenTwice')}{' '}
          {weapon.sameSerial.length > 0 && (
            <>
              {t('ddrSites.weapon.sameSerial')}{' '}
              {weapon.sameSerial.map((code) => (
                <Link key={code} to={`/ddr/armes/${code}`}>
                  {code}{' '}
                </Link>
              ))}
            </>
          )}
        </div>
      )}
      <Card title={t('ddrSites.weapon.facts')} wide>
        <dl className="incident-facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value ?? <NoValue />}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t('ddrSites.weapon.chain')} wide>
        <ScrollingTable caption={t('ddrSites.weapon.chainCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('ddrSites.weapon.seq')}</th>
              <th scope="col">{t('ddrSites.weapon.move')}</th>
              <th scope="col">{t('ddrSites.weapon.on')}</th>
              <th scope="col">{t('ddrSites.weapon.from')}</th>
              <th scope="col">{t('ddrSites.weapon.to')}</th>
              <th scope="col">{t('ddrSites.weapon.by')}</th>
            </tr>
          </thead>
          <tbody>
            {weapon.custody.map((c) => (
              <tr key={c.seq}>
                <td>{c.seq}</td>
                <td>
                  {ddrLabel(vocabulary.moves, c.move)}
                  {c.note && <span className="hint"> — {c.note}</span>}
                </td>
                <td className="nowrap">
                  <Day value={c.on} />
                </td>
                <td>
                  {c.fromCustodian} · {c.fromLocation}
                </td>
                <td>
                  {c.toCustodian} · {c.toLocation}
                </td>
                <td>{c.actor}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
        {weapon.status === 'destroyed' && <p className="alert alert-info">{t('ddrSites.weapon.destroyed')}</p>}
      </Card>
      {weapon.may.move && (
        <Card title={t('ddrSites.weapon.moveTitle')}>
          {saved && (
            <p role="status" className="alert alert-success">
              {t('ddrSites.weapon.saved')}
            </p>
          )}
          <MoveForm
            key={weapon.version}
            weapon={weapon}
            vocabulary={vocabulary}
            onSaved={() => {
              setSaved(true);
              reload();
            }}
          />
        </Card>
      )}
    </>
  );
}

/** A weapon handed in, with its chain of custody and the next move (storage, transfer, destruction). */
export function DdrWeaponPage({ code }: { code: string }) {
  const { t } = useTranslation();
  const vocabulary = useSiteVocabulary();
  const weapon = useLoaded(siteQueries.weapon(code));
  if (!WEAPON_CODE.test(code) || (weapon.status === 'failed' && weapon.problem.status === 404)) return <NotFoundPage />;
  return (
    <Page title={t('ddrSites.weapon.title', { code })}>
      <p>
        <Link to="/ddr/sites">{t('ddrSites.site.back')}</Link>
      </p>
      <ProtectionShow loaded={both(weapon, vocabulary)}>
        {([w, v]) => <WeaponView weapon={w} vocabulary={v} reload={weapon.reload} />}
      </ProtectionShow>
    </Page>
  );
}
