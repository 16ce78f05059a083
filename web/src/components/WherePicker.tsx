import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src/contracts/common.js';
import { SelectField, TextField } from './fields.js';

/** A place being typed: a gazetteer name, or coordinates as "longitude, latitude". */
export interface WhereDraft {
  place: string;
  coordinates: string;
}

export const emptyWhere: WhereDraft = { place: '', coordinates: '' };

/** The API's `{ place, point }`: the coordinates when typed, else the place (the server checks that one is given, and inside Mali). */
export function whereOf(draft: WhereDraft): { place: string | null; point: [number, number] | null } {
  const parts = draft.coordinates
    .split(/[,;\s]+/)
    .filter((p) => p !== '')
    .map(Number);
  const point = parts.length === 2 && parts.every(Number.isFinite) ? ([parts[0], parts[1]] as [number, number]) : null;
  return { place: draft.place || null, point };
}

/** A gazetteer place picker with coordinates as the alternative, for movements and support requests. */
export function WherePicker({
  legend,
  places,
  value,
  onChange,
  problem,
  path,
  optional,
}: {
  legend: string;
  places: readonly string[];
  value: WhereDraft;
  onChange: (next: WhereDraft) => void;
  problem: Problem | null;
  path: string;
  optional?: boolean;
}) {
  const { t } = useTranslation();
  const error = (suffix: string) => problem?.errors?.find((e) => e.path === `${path}${suffix}`)?.message;
  return (
    <fieldset className="where-picker">
      <legend>{legend}</legend>
      <SelectField
        label={t('movements.place')}
        value={value.place}
        onChange={(place) => onChange({ ...value, place })}
        error={error('.place') ?? error('')}
        optional={optional}
      >
        <option value="">{t('movements.noPlace')}</option>
        {places.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('movements.coordinates')}
        hint={t('movements.coordinatesHint')}
        value={value.coordinates}
        onChange={(coordinates) => onChange({ ...value, coordinates })}
        error={error('.point')}
        optional
      />
    </fieldset>
  );
}
