import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACTOR_ROLES,
  CREDIBILITY_GRADES,
  type IncidentVocabulary,
  RELIABILITY_GRADES,
  SOURCE_TYPES,
} from '../../../src/contracts/incidents.js';
import { type ActorRole, type ActorRow, fieldId, nextRowKey, type Reliability, type SourceRow, type SourceType } from '../incidents.js';
import { IncidentSelectField, IncidentTextField } from './IncidentFields.js';

interface RowsProps<Row> {
  rows: readonly Row[];
  onChange: (rows: Row[]) => void;
  errorFor: (path: string) => string | undefined;
}

/**
 * Repeatable rows with an "add" button: a new row takes the focus, and after a removal the focus
 * goes to the add button, so that keyboard users are never left on nothing.
 */
function useRowFocus(rows: readonly { key: number }[], firstFieldOf: (index: number) => string) {
  const pending = useRef<'added' | 'removed' | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the number of rows changes.
  useEffect(() => {
    if (pending.current === 'added') document.getElementById(firstFieldOf(rows.length - 1))?.focus();
    if (pending.current === 'removed') addButton.current?.focus();
    pending.current = null;
  }, [rows.length]);
  return {
    addButton,
    added: () => {
      pending.current = 'added';
    },
    removed: () => {
      pending.current = 'removed';
    },
  };
}

function RowList({ empty, children }: { empty: string; children: ReactNode[] }) {
  return children.length === 0 ? <p className="hint">{empty}</p> : <ol className="incident-rows">{children}</ol>;
}

/** The parties of an incident: an actor of the registry and its role, per row. */
export function IncidentActorFields({ rows, onChange, errorFor, actors }: RowsProps<ActorRow> & { actors: IncidentVocabulary['actors'] }) {
  const { t } = useTranslation();
  const focus = useRowFocus(rows, (index) => fieldId(`actors.${index}.actor`));
  const types = [...new Set(actors.map((actor) => actor.typeName))];
  const update = (index: number, change: Partial<ActorRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const add = () => {
    const used = new Set(rows.map((row) => row.role));
    const role: ActorRole = !used.has('actor1') ? 'actor1' : !used.has('actor2') ? 'actor2' : 'associated1';
    focus.added();
    onChange([...rows, { key: nextRowKey(), actor: '', role }]);
  };
  return (
    <>
      <RowList empty={t('incidents.form.noActorRows')}>
        {rows.map((row, index) => {
          const n = index + 1;
          return (
            <li key={row.key} className="incident-row incident-actor-row">
              <IncidentSelectField
                path={`actors.${index}.actor`}
                label={t('incidents.form.actor', { n })}
                value={row.actor}
                onChange={(actor) => update(index, { actor })}
                error={errorFor(`actors.${index}.actor`)}
              >
                <option value="">{t('incidents.form.chooseActor')}</option>
                {types.map((type) => (
                  <optgroup key={type} label={type}>
                    {actors
                      // A retired actor stays on the incidents that name it, but is not offered for others.
                      .filter((actor) => actor.typeName === type && (actor.status === 'active' || actor.code === row.actor))
                      .map((actor) => (
                        <option key={actor.code} value={actor.code}>
                          {actor.name}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </IncidentSelectField>
              <IncidentSelectField
                path={`actors.${index}.role`}
                label={t('incidents.form.role', { n })}
                value={row.role}
                onChange={(role) => update(index, { role: role as ActorRole })}
                error={errorFor(`actors.${index}.role`)}
              >
                {ACTOR_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`incidents.roles.${role}`)}
                  </option>
                ))}
              </IncidentSelectField>
              <button
                type="button"
                className="button-secondary button-small incident-row-remove"
                onClick={() => {
                  focus.removed();
                  onChange(rows.filter((_, i) => i !== index));
                }}
              >
                {t('incidents.form.removeActor', { n })}
              </button>
            </li>
          );
        })}
      </RowList>
      <button ref={focus.addButton} type="button" className="button-secondary button-small" onClick={add}>
        {t('incidents.form.addActor')}
      </button>
    </>
  );
}

/** Where the information comes from, graded on the NATO (Admiralty) scale: reliability A–F, credibility 1–6. */
export function IncidentSourceFields({ rows, onChange, errorFor }: RowsProps<SourceRow>) {
  const { t } = useTranslation();
  const focus = useRowFocus(rows, (index) => fieldId(`sources.${index}.type`));
  const update = (index: number, change: Partial<SourceRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <>
      <RowList empty={t('incidents.form.noSourceRows')}>
        {rows.map((row, index) => {
          const n = index + 1;
          return (
            <li key={row.key} className="incident-row incident-source-row">
              <IncidentSelectField
                path={`sources.${index}.type`}
                label={t('incidents.form.sourceType', { n })}
                value={row.type}
                onChange={(type) => update(index, { type: type as SourceType | '' })}
                error={errorFor(`sources.${index}.type`)}
              >
                <option value="">{t('incidents.form.chooseOption')}</option>
                {SOURCE_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`incidents.sourceTypes.${type}`)}
                  </option>
                ))}
              </IncidentSelectField>
              <IncidentTextField
                path={`sources.${index}.reference`}
                label={t('incidents.form.sourceReference', { n })}
                hint={t('incidents.form.sourceReferenceHint')}
                optional
                value={row.reference}
                onChange={(reference) => update(index, { reference })}
                error={errorFor(`sources.${index}.reference`)}
              />
              <IncidentSelectField
                path={`sources.${index}.reliability`}
                label={t('incidents.form.sourceReliability', { n })}
                value={row.reliability}
                onChange={(reliability) => update(index, { reliability: reliability as Reliability | '' })}
                error={errorFor(`sources.${index}.reliability`)}
              >
                <option value="">{t('incidents.form.chooseOption')}</option>
                {RELIABILITY_GRADES.map((grade) => (
                  <option key={grade} value={grade}>
                    {`${grade} — ${t(`incidents.reliability.${grade}`)}`}
                  </option>
                ))}
              </IncidentSelectField>
              <IncidentSelectField
                path={`sources.${index}.credibility`}
                label={t('incidents.form.sourceCredibility', { n })}
                value={row.credibility}
                onChange={(credibility) => update(index, { credibility })}
                error={errorFor(`sources.${index}.credibility`)}
              >
                <option value="">{t('incidents.form.chooseOption')}</option>
                {CREDIBILITY_GRADES.map((grade) => (
                  <option key={grade} value={String(grade)}>
                    {`${grade} — ${t(`incidents.credibility.${grade}`)}`}
                  </option>
                ))}
              </IncidentSelectField>
              <button
                type="button"
                className="button-secondary button-small incident-row-remove"
                onClick={() => {
                  focus.removed();
                  onChange(rows.filter((_, i) => i !== index));
                }}
              >
                {t('incidents.form.removeSource', { n })}
              </button>
            </li>
          );
        })}
      </RowList>
      <button
        ref={focus.addButton}
        type="button"
        className="button-secondary button-small"
        onClick={() => {
          focus.added();
          onChange([...rows, { key: nextRowKey(), type: '', reference: '', reliability: '', credibility: '' }]);
        }}
      >
        {t('incidents.form.addSource')}
      </button>
    </>
  );
}
