import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../src/contracts/units.js';
import { useLocale } from '../i18n.js';
import { Link } from '../router.js';
import { type UnitNode, unitAbbreviation, unitName, unitTree } from '../units.js';

/** Where a unit's name leads, if anywhere (e.g. its section of the fact sheet). */
export type UnitHref = (code: string) => string | null;

function UnitItem({ node, hrefFor }: { node: UnitNode; hrefFor: UnitHref }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { unit, children } = node;
  const abbreviation = unitAbbreviation(unit, locale);
  const name = unitName(unit, locale);
  const href = hrefFor(unit.code);
  return (
    <li>
      <span className="unit-line">
        {href ? (
          <Link to={href} className="unit-name">
            {name}
          </Link>
        ) : (
          <span className="unit-name">{name}</span>
        )}
        {abbreviation && abbreviation !== name && <span className="unit-abbreviation">{abbreviation}</span>}
        <span className="unit-kind">{t(`unitKinds.${unit.kind}`)}</span>
      </span>
      {children.length > 0 && (
        <ul>
          {children.map((child) => (
            <UnitItem key={child.unit.code} node={child} hrefFor={hrefFor} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** The mission's organisation: components, then their divisions, sections, units and offices. */
export function UnitTree({ units, labelledBy, hrefFor = () => null }: { units: readonly Unit[]; labelledBy: string; hrefFor?: UnitHref }) {
  return (
    <ul className="unit-tree" aria-labelledby={labelledBy}>
      {unitTree(units).map((node) => (
        <UnitItem key={node.unit.code} node={node} hrefFor={hrefFor} />
      ))}
    </ul>
  );
}
