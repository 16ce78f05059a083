import { useTranslation } from 'react-i18next';
import type { Membership } from '../../../src/contracts/auth.js';
import type { UnitRole } from '../../../src/contracts/common.js';
import type { Unit } from '../../../src/contracts/units.js';
import { useLocale } from '../i18n.js';
import { isOpen, type UnitNode, unitLabel, unitTree } from '../units.js';
import { SelectField } from './fields.js';

const ROLES: readonly UnitRole[] = ['viewer', 'operator', 'officer', 'manager'];

/** One row of the editor; `unit` is '' until a unit is chosen. */
export interface MembershipRow {
  key: number;
  unit: string;
  role: UnitRole;
}

let nextKey = 1;

export function membershipRow(membership: Partial<Membership> = {}): MembershipRow {
  return { key: nextKey++, unit: membership.unit ?? '', role: membership.role ?? 'viewer' };
}

/** The memberships the rows describe, or null when a row still has no unit. */
export function rowsToMemberships(rows: readonly MembershipRow[]): Membership[] | null {
  if (rows.some((row) => row.unit === '')) return null;
  return rows.map((row) => ({ unit: row.unit, role: row.role }));
}

/** Units in tree order, indented by depth, so a <select> reads like the organisation chart. */
function unitOptions(units: readonly Unit[], held: ReadonlySet<string>): { code: string; depth: number }[] {
  const options: { code: string; depth: number }[] = [];
  const walk = (nodes: UnitNode[], depth: number) => {
    for (const node of nodes) {
      // A closed unit takes no new members; a membership it already has stays shown.
      if (isOpen(node.unit) || held.has(node.unit.code)) options.push({ code: node.unit.code, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(unitTree(units), 0);
  return options;
}

interface MembershipEditorProps {
  rows: readonly MembershipRow[];
  onChange: (rows: MembershipRow[]) => void;
  units: readonly Unit[];
  error?: string | undefined;
}

/** Rows of unit + role, with buttons to add and remove rows. */
export function MembershipEditor({ rows, onChange, units, error }: MembershipEditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const options = unitOptions(units, new Set(rows.map((row) => row.unit)));

  const update = (key: number, change: Partial<MembershipRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <fieldset className="membership-editor">
      <legend>{t('membershipEditor.legend')}</legend>
      {error && <p className="field-error">{error}</p>}
      {rows.length === 0 ? (
        <p className="hint">{t('membershipEditor.empty')}</p>
      ) : (
        <ol className="membership-rows">
          {rows.map((row, index) => (
            <li key={row.key} className="membership-row">
              <SelectField
                label={t('membershipEditor.unit', { n: index + 1 })}
                value={row.unit}
                onChange={(unit) => update(row.key, { unit })}
                required
              >
                <option value="">{t('membershipEditor.chooseUnit')}</option>
                {options.map(({ code, depth }) => (
                  <option key={code} value={code}>
                    {'\u00a0\u00a0'.repeat(depth) + unitLabel(code, units, locale)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('membershipEditor.role', { n: index + 1 })}
                value={row.role}
                onChange={(role) => update(row.key, { role: role as UnitRole })}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </SelectField>
              <button type="button" className="button-secondary" onClick={() => onChange(rows.filter((other) => other.key !== row.key))}>
                {t('membershipEditor.remove', { n: index + 1 })}
              </button>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="button-secondary" onClick={() => onChange([...rows, membershipRow()])}>
        {t('membershipEditor.add')}
      </button>
    </fieldset>
  );
}
