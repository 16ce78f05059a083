import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import type { ActorRegistry, IncidentVocabulary } from '../../../src/contracts/incidents.js';
import { toProblem } from '../api/client.js';
import { actorApi, actorQueries, useIncidentVocabulary } from '../api/incidents.js';
import { both, useLoaded } from '../api/queries.js';
import { Card } from '../components/Card.js';
import { SelectField, TextField } from '../components/fields.js';
import { IncidentPageLinks } from '../components/IncidentSummaries.js';
import { Page } from '../components/Page.js';
import { ProblemAlert } from '../components/ProblemAlert.js';
import { ScrollingTable } from '../components/ScrollingTable.js';
import { Show } from '../components/Show.js';
import { formatCount } from '../figures.js';
import { useLocale } from '../i18n.js';

type RegistryEntry = ActorRegistry['actors'][number];

function byName(a: { name: string }, b: { name: string }) {
  return a.name.localeCompare(b.name);
}

function StatusBadge({ actor, names }: { actor: RegistryEntry; names: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  return (
    <span className={`actor-status actor-status-${actor.status}`}>
      {actor.status === 'merged'
        ? t('actors.mergedInto', { name: names.get(actor.mergedInto ?? '') ?? actor.mergedInto })
        : t(`actors.status.${actor.status}`)}
    </span>
  );
}

/** Every actor: its ACLED type, other names, the incidents the reader sees name it, its status. */
function ActorTable({ registry }: { registry: ActorRegistry }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const names = new Map(registry.actors.map((a) => [a.code, a.name]));
  const rows = [...registry.actors].sort((a, b) => a.type - b.type || byName(a, b));
  return (
    <ScrollingTable caption={t('actors.tableCaption', { n: formatCount(rows.length, locale) })} className="actor-table">
      <thead>
        <tr>
          <th scope="col">{t('actors.name')}</th>
          <th scope="col">{t('actors.type')}</th>
          <th scope="col">{t('actors.aliases')}</th>
          <th scope="col" className="numeric">
            {t('actors.incidents')}
          </th>
          <th scope="col">{t('actors.statusLabel')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((actor) => (
          <tr key={actor.code} className={actor.status === 'active' ? undefined : 'actor-inactive'}>
            <th scope="row">
              {actor.name}
              {actor.source && <span className="actor-source">{actor.source}</span>}
            </th>
            <td data-label={t('actors.type')}>
              {actor.type} · {actor.typeName}
            </td>
            <td data-label={t('actors.aliases')}>{actor.aliases.length > 0 ? actor.aliases.join(' ; ') : '—'}</td>
            <td data-label={t('actors.incidents')} className="numeric">
              {formatCount(actor.incidents, locale)}
            </td>
            <td data-label={t('actors.statusLabel')}>
              <StatusBadge actor={actor} names={names} />
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

/** One small form of the keepers: its problem or its confirmation under the button. */
function KeeperForm({
  title,
  submit,
  label,
  children,
}: {
  title: string;
  submit: () => Promise<string>;
  label: string;
  children: ReactNode;
}) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      setDone(await submit());
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form actor-form" onSubmit={onSubmit} noValidate>
      <h3>{title}</h3>
      <ProblemAlert problem={problem} />
      {children}
      <button type="submit" className="button-primary" aria-disabled={busy}>
        {label}
      </button>
      {done && (
        <p role="status" className="alert alert-success">
          {done}
        </p>
      )}
    </form>
  );
}

function ActorOptions({ actors }: { actors: readonly RegistryEntry[] }) {
  return (
    <>
      {[...actors].sort(byName).map((a) => (
        <option key={a.code} value={a.code}>
          {a.name}
        </option>
      ))}
    </>
  );
}

/** The keepers' four operations: add, alias, merge, retire or reinstate. */
function KeeperForms({ registry, vocabulary }: { registry: ActorRegistry; vocabulary: IncidentVocabulary }) {
  const { t } = useTranslation();
  const live = registry.actors.filter((a) => a.status !== 'merged');
  const name = (code: string) => registry.actors.find((a) => a.code === code)?.name ?? code;
  const [added, setAdded] = useState({ nameFr: '', nameEn: '', type: '2', source: '' });
  const [alias, setAlias] = useState({ code: '', alias: '' });
  const [merge, setMerge] = useState({ code: '', into: '' });
  const [retire, setRetire] = useState('');
  const retiring = live.find((a) => a.code === retire);
  return (
    <div className="actor-forms">
      <KeeperForm
        title={t('actors.add.title')}
        label={t('actors.add.submit')}
        submit={async () => {
          const actor = await actorApi.add({
            nameFr: added.nameFr,
            nameEn: added.nameEn,
            type: Number(added.type),
            ...(added.source.trim() ? { source: added.source } : {}),
          });
          setAdded({ nameFr: '', nameEn: '', type: added.type, source: '' });
          return t('actors.add.done', { name: actor.name });
        }}
      >
        <TextField label={t('actors.add.nameFr')} value={added.nameFr} onChange={(v) => setAdded({ ...added, nameFr: v })} />
        <TextField label={t('actors.add.nameEn')} value={added.nameEn} onChange={(v) => setAdded({ ...added, nameEn: v })} />
        <SelectField label={t('actors.type')} value={added.type} onChange={(v) => setAdded({ ...added, type: v })}>
          {vocabulary.actorTypes.map((type) => (
            <option key={type.code} value={String(type.code)}>
              {type.code} · {type.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('actors.add.source')}
          hint={t('actors.add.sourceHint')}
          optional
          value={added.source}
          onChange={(v) => setAdded({ ...added, source: v })}
        />
      </KeeperForm>

      <KeeperForm
        title={t('actors.alias.title')}
        label={t('actors.alias.submit')}
        submit={async () => {
          await actorApi.alias(alias.code, alias.alias);
          setAlias({ code: alias.code, alias: '' });
          return t('actors.alias.done', { alias: alias.alias, name: name(alias.code) });
        }}
      >
        <SelectField label={t('actors.alias.actor')} value={alias.code} onChange={(v) => setAlias({ ...alias, code: v })}>
          <option value="">{t('actors.choose')}</option>
          <ActorOptions actors={live} />
        </SelectField>
        <TextField
          label={t('actors.alias.alias')}
          hint={t('actors.alias.hint')}
          value={alias.alias}
          onChange={(v) => setAlias({ ...alias, alias: v })}
        />
      </KeeperForm>

      <KeeperForm
        title={t('actors.merge.title')}
        label={t('actors.merge.submit')}
        submit={async () => {
          await actorApi.merge(merge.code, merge.into);
          const done = t('actors.merge.done', { name: name(merge.code), into: name(merge.into) });
          setMerge({ code: '', into: '' });
          return done;
        }}
      >
        <p className="hint">{t('actors.merge.hint')}</p>
        <SelectField label={t('actors.merge.duplicate')} value={merge.code} onChange={(v) => setMerge({ ...merge, code: v })}>
          <option value="">{t('actors.choose')}</option>
          <ActorOptions actors={live} />
        </SelectField>
        <SelectField label={t('actors.merge.into')} value={merge.into} onChange={(v) => setMerge({ ...merge, into: v })}>
          <option value="">{t('actors.choose')}</option>
          <ActorOptions actors={live.filter((a) => a.code !== merge.code)} />
        </SelectField>
      </KeeperForm>

      <KeeperForm
        title={t('actors.retire.title')}
        label={retiring?.status === 'retired' ? t('actors.retire.reinstate') : t('actors.retire.submit')}
        submit={async () => {
          const next = retiring?.status === 'retired' ? 'active' : 'retired';
          await actorApi.setStatus(retire, next);
          return t(next === 'retired' ? 'actors.retire.done' : 'actors.retire.reinstated', { name: name(retire) });
        }}
      >
        <p className="hint">{t('actors.retire.hint')}</p>
        <SelectField label={t('actors.retire.actor')} value={retire} onChange={setRetire}>
          <option value="">{t('actors.choose')}</option>
          {[...live].sort(byName).map((a) => (
            <option key={a.code} value={a.code}>
              {a.status === 'retired' ? `${a.name} (${t('actors.status.retired')})` : a.name}
            </option>
          ))}
        </SelectField>
      </KeeperForm>
    </div>
  );
}

/**
 * « Répertoire des acteurs »: the parties incidents name, with their ACLED type and other names.
 * The registry's keepers (managers of the OSRSG and the Force, administrators) add, alias, merge
 * and retire actors; the server says who they are (`may.keep`).
 */
export function ActorsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const registry = useLoaded(actorQueries.registry(locale));
  const vocabulary = useIncidentVocabulary();
  return (
    <Page title={t('actors.title')}>
      <p className="lead">{t('actors.intro')}</p>
      <IncidentPageLinks values={{}} current="actors" />
      <Card title={t('actors.listTitle')} wide>
        <Show loaded={registry}>{(data) => <ActorTable registry={data} />}</Show>
      </Card>
      <Show loaded={both(registry, vocabulary)}>
        {([data, vocabularyData]) =>
          data.may.keep ? (
            <Card title={t('actors.keepTitle')} wide>
              <KeeperForms registry={data} vocabulary={vocabularyData} />
            </Card>
          ) : (
            <p className="hint">{t('actors.readOnly')}</p>
          )
        }
      </Show>
    </Page>
  );
}
