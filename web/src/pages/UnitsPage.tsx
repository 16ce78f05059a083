import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { UNIT_KINDS, type Unit, type UpdateUnitBody } from '../../../src/contracts/units.js';
import { toProblem } from '../api/client.js';
import { unitApi, useUnits } from '../api/organisation.js';
import { SelectField, TextField } from '../components/fields.js';
import { Page } from '../components/Page.js';
import { fieldError, Loading, Notice, ProblemAlert } from '../components/ProblemAlert.js';
import { useLocale } from '../i18n.js';
import { isOpen, type UnitNode, unitAbbreviation, unitLabel, unitName, unitTree } from '../units.js';

type Kind = Unit['kind'];

/** Open units in tree order, indented, that `code` may be placed under: not itself, nothing below it. */
function parentOptions(units: readonly Unit[], code: string | null): { code: string; depth: number }[] {
  const options: { code: string; depth: number }[] = [];
  const walk = (nodes: UnitNode[], depth: number) => {
    for (const node of nodes) {
      if (node.unit.code === code) continue;
      if (isOpen(node.unit)) options.push({ code: node.unit.code, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(unitTree(units), 0);
  return options;
}

function ParentField({
  units,
  code,
  value,
  onChange,
  error,
}: {
  units: readonly Unit[];
  code: string | null;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <SelectField label={t('units.parent')} value={value} onChange={onChange} required error={error}>
      {parentOptions(units, code).map((option) => (
        <option key={option.code} value={option.code}>
          {'\u00a0\u00a0'.repeat(option.depth) + unitLabel(option.code, units, locale)}
        </option>
      ))}
    </SelectField>
  );
}

function KindField({ value, onChange }: { value: Kind; onChange: (value: Kind) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField label={t('units.kind')} value={value} onChange={(kind) => onChange(kind as Kind)}>
      {UNIT_KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {t(`unitKinds.${kind}`)}
        </option>
      ))}
    </SelectField>
  );
}

interface Names {
  nameFr: string;
  nameEn: string;
  abbreviationFr: string;
  abbreviationEn: string;
}

function NameFields({ names, onChange, problem }: { names: Names; onChange: (names: Names) => void; problem: Problem | null }) {
  const { t } = useTranslation();
  const field = (key: keyof Names, optional = false) => (
    <TextField
      label={t(`units.${key}`)}
      value={names[key]}
      onChange={(value) => onChange({ ...names, [key]: value })}
      error={fieldError(problem, key)}
      required={!optional}
      optional={optional}
      lang={key.endsWith('Fr') ? 'fr' : 'en'}
    />
  );
  return (
    <>
      <div className="form-row">
        {field('nameFr')}
        {field('nameEn')}
      </div>
      <div className="form-row">
        {field('abbreviationFr', true)}
        {field('abbreviationEn', true)}
      </div>
    </>
  );
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

function useDate() {
  const locale = useLocale();
  const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'medium', timeZone: 'UTC' });
  return (iso: string) => format.format(new Date(iso));
}

/** Closed, confidential and, in the editor, loaded from the fact book (`withLoaded`): in the tree that would be on every line. */
function UnitBadges({ unit, withLoaded = false }: { unit: Unit; withLoaded?: boolean }) {
  const { t } = useTranslation();
  const formatDate = useDate();
  return (
    <>
      {unit.closedAt && <span className="status status-off">{t('units.closedOn', { date: formatDate(unit.closedAt) })}</span>}
      {unit.confidential && <span className="status status-confidential">{t('units.confidential')}</span>}
      {withLoaded && unit.loaded && <span className="status status-loaded">{t('units.loaded')}</span>}
    </>
  );
}

function UnitItem({ node, onEdit }: { node: UnitNode; onEdit: (unit: Unit) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { unit, children } = node;
  const name = unitName(unit, locale);
  const abbreviation = unitAbbreviation(unit, locale);
  return (
    <li className={isOpen(unit) ? undefined : 'unit-closed'}>
      <span className="unit-line">
        <span className="unit-name">{name}</span>
        {abbreviation && abbreviation !== name && <span className="unit-abbreviation">{abbreviation}</span>}
        <code className="unit-code">{unit.code}</code>
        <span className="unit-kind">{t(`unitKinds.${unit.kind}`)}</span>
        <UnitBadges unit={unit} />
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => onEdit(unit)}
          aria-label={t('units.editNamed', { name })}
        >
          {t('units.edit')}
        </button>
      </span>
      {children.length > 0 && (
        <ul>
          {children.map((child) => (
            <UnitItem key={child.unit.code} node={child} onEdit={onEdit} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** One unit's names, kind and place; closing or reopening it. Sent with the version the form started from. */
function EditUnitForm({
  unit,
  units,
  onSaved,
  onClose,
}: {
  unit: Unit;
  units: readonly Unit[];
  onSaved: (unit: Unit) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [names, setNames] = useState<Names>({
    nameFr: unit.nameFr,
    nameEn: unit.nameEn,
    abbreviationFr: unit.abbreviationFr ?? '',
    abbreviationEn: unit.abbreviationEn ?? '',
  });
  const [kind, setKind] = useState<Kind>(unit.kind);
  const [parent, setParent] = useState(unit.parentCode ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => heading.current?.focus(), []);

  const run = async (work: () => Promise<Unit>) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      onSaved(await work());
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: UpdateUnitBody = { version: unit.version };
    if (names.nameFr !== unit.nameFr) body.nameFr = names.nameFr;
    if (names.nameEn !== unit.nameEn) body.nameEn = names.nameEn;
    if (orNull(names.abbreviationFr) !== unit.abbreviationFr) body.abbreviationFr = orNull(names.abbreviationFr);
    if (orNull(names.abbreviationEn) !== unit.abbreviationEn) body.abbreviationEn = orNull(names.abbreviationEn);
    if (kind !== unit.kind) body.kind = kind;
    if (unit.parentCode && parent !== unit.parentCode) body.parentCode = parent;
    void run(() => unitApi.update(unit.code, body));
  };

  const open = isOpen(unit);
  return (
    <section className="card card-wide" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('units.editTitle', { name: unitLabel(unit.code, units, locale) })}
      </h2>
      <p className="unit-line">
        <code className="unit-code">{unit.code}</code>
        <UnitBadges unit={unit} withLoaded />
      </p>
      {unit.loaded && <p className="hint">{t('units.loadedHint')}</p>}
      {unit.confidential && <p className="hint">{t('units.confidentialHint')}</p>}
      {!open && <p className="hint">{t('units.closedHint')}</p>}
      <form className="form" onSubmit={submit} noValidate>
        <ProblemAlert problem={problem} labels={{ nameFr: t('units.nameFr'), nameEn: t('units.nameEn'), parentCode: t('units.parent') }} />
        <NameFields names={names} onChange={setNames} problem={problem} />
        <div className="form-row">
          <KindField value={kind} onChange={setKind} />
          {unit.parentCode ? (
            <ParentField units={units} code={unit.code} value={parent} onChange={setParent} error={fieldError(problem, 'parentCode')} />
          ) : (
            <p className="hint">{t('units.rootHint')}</p>
          )}
        </div>
        <div className="button-row">
          <button type="submit" className="button-primary" aria-disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          {unit.parentCode && (
            <button
              type="button"
              className="button-secondary"
              aria-disabled={busy}
              onClick={() => void run(() => unitApi.setClosed(unit.code, unit.version, open))}
            >
              {open ? t('units.close') : t('units.reopen')}
            </button>
          )}
          <button type="button" className="button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
        {open && unit.parentCode && <p className="hint">{t('units.closeHint')}</p>}
      </form>
    </section>
  );
}

const EMPTY_NAMES: Names = { nameFr: '', nameEn: '', abbreviationFr: '', abbreviationEn: '' };

function CreateUnitForm({ units, onCreated }: { units: readonly Unit[]; onCreated: (unit: Unit) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [parent, setParent] = useState(units.find((unit) => unit.parentCode === null)?.code ?? '');
  const [kind, setKind] = useState<Kind>('unit');
  const [names, setNames] = useState<Names>(EMPTY_NAMES);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const created = await unitApi.create({
        code: code.trim().toUpperCase(),
        parentCode: parent,
        kind,
        nameFr: names.nameFr,
        nameEn: names.nameEn,
        abbreviationFr: orNull(names.abbreviationFr),
        abbreviationEn: orNull(names.abbreviationEn),
      });
      setCode('');
      setNames(EMPTY_NAMES);
      onCreated(created);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemAlert
        problem={problem}
        labels={{ code: t('units.code'), nameFr: t('units.nameFr'), nameEn: t('units.nameEn'), parentCode: t('units.parent') }}
      />
      <div className="form-row">
        <TextField
          label={t('units.code')}
          hint={t('units.codeHint')}
          value={code}
          onChange={setCode}
          required
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          error={fieldError(problem, 'code')}
        />
        <KindField value={kind} onChange={setKind} />
      </div>
      <ParentField units={units} code={null} value={parent} onChange={setParent} error={fieldError(problem, 'parentCode')} />
      <NameFields names={names} onChange={setNames} problem={problem} />
      <div className="button-row">
        <button type="submit" className="button-primary" aria-disabled={busy}>
          {busy ? t('units.creating') : t('units.create')}
        </button>
      </div>
    </form>
  );
}

/** « Unités »: the organisation chart for administrators, with a unit's editor and the creation form. */
export function UnitsPage() {
  const { t } = useTranslation();
  const units = useUnits();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const treeId = useId();
  const createId = useId();

  if (units.status === 'loading') {
    return (
      <Page title={t('units.title')}>
        <Loading />
      </Page>
    );
  }
  if (units.status === 'failed') {
    return (
      <Page title={t('units.title')}>
        <ProblemAlert problem={units.problem} />
      </Page>
    );
  }
  const list = units.data;
  const unit = list.find((candidate) => candidate.code === editing) ?? null;
  const closed = list.filter((candidate) => !isOpen(candidate)).length;

  return (
    <Page title={t('units.title')}>
      <p className="hint">{t('units.intro')}</p>
      {saved && <Notice>{saved}</Notice>}
      {unit && (
        <EditUnitForm
          key={`${unit.code}:${unit.version}`}
          unit={unit}
          units={list}
          onSaved={(changed) => {
            setEditing(null);
            setSaved(t('units.saved', { code: changed.code }));
          }}
          onClose={() => setEditing(null)}
        />
      )}
      <section className="card card-wide" aria-labelledby={treeId}>
        <h2 id={treeId}>
          {t('units.treeTitle')} <span className="count">({t('units.count', { count: list.length, closed })})</span>
        </h2>
        <ul className="unit-tree unit-admin-tree" aria-labelledby={treeId}>
          {unitTree(list).map((node) => (
            <UnitItem
              key={node.unit.code}
              node={node}
              onEdit={(chosen) => {
                setSaved(null);
                setEditing(chosen.code);
              }}
            />
          ))}
        </ul>
      </section>
      <section className="card card-wide" aria-labelledby={createId}>
        <h2 id={createId}>{t('units.createTitle')}</h2>
        <CreateUnitForm
          units={list}
          onCreated={(created) => {
            setEditing(null);
            setSaved(t('units.created', { code: created.code }));
          }}
        />
      </section>
    </Page>
  );
}
