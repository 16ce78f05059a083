import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../src/contracts/units.js';
import { useLocale } from '../i18n.js';
import { type UnitNode, unitAbbreviation, unitName, unitTree } from '../units.js';

function UnitItem({ node }: { node: UnitNode }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { unit, children } = node;
  const abbreviation = unitAbbreviation(unit, locale);
  const name = unitName(unit, locale);
  return (
    <li>
      <span className="unit-line">
        <span className="unit-name">{name}</span>
        {abbreviation && abbreviation !== name && <span className="unit-abbreviation">{abbreviation}</span>}
        <span className="unit-kind">{t(`unitKinds.${unit.kind}`)}</span>
      </span>
      {children.length > 0 && (
        <ul>
          {children.map((child) => (
            <UnitItem key={child.unit.code} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The mission's organisation: components, then their divisions, sections, units and offices. */
export function UnitTree({ units, labelledBy }: { units: readonly Unit[]; labelledBy: string }) {
  return (
    <ul className="unit-tree" aria-labelledby={labelledBy}>
      {unitTree(units).map((node) => (
        <UnitItem key={node.unit.code} node={node} />
      ))}
    </ul>
  );
}
