import { useTranslation } from 'react-i18next';
import { LOCATION_PRECISIONS } from '../../../src/contracts/incidents.js';
import { useLocale } from '../i18n.js';
import type { LocationPrecision } from '../incidents.js';
import { IncidentSelectField, IncidentTextField } from './IncidentFields.js';
import { IncidentFieldset } from './IncidentFieldset.js';
import type { IncidentFieldsetProps } from './useIncidentSubmission.js';

/** Where: a place of the gazetteer, or a point, or an area (region, cercle, commune), and the location's precision. */
export function IncidentWhereFieldset({ draft, set, setDraft, errorFor, vocabulary }: IncidentFieldsetProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const byName = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale);
  const regions = [...vocabulary.regions].sort(byName);
  const cercles = vocabulary.cercles.filter((cercle) => draft.region === '' || cercle.region === draft.region).sort(byName);
  const regionLabel = new Map(vocabulary.regions.map((region) => [region.code, region.label]));

  const choosePlace = (name: string) => {
    const place = vocabulary.places.find((candidate) => candidate.name === name);
    setDraft((previous) => ({
      ...previous,
      place: name,
      // A place of the gazetteer knows its region and cercle: filled in, they always agree with it.
      region: place ? place.region : previous.region,
      cercle: place ? (place.cercle ?? '') : previous.cercle,
      precision: place && (previous.precision === 'cercle' || previous.precision === 'region') ? 'near' : previous.precision,
    }));
  };

  return (
    <IncidentFieldset path="where" legend={t('incidents.form.where')} hint={t('incidents.form.whereHint')}>
      <div className="form-row">
        <IncidentSelectField
          path="location.place"
          label={t('incidents.form.place')}
          optional
          value={draft.place}
          onChange={choosePlace}
          error={errorFor('location.place', 'location')}
        >
          <option value="">{t('incidents.form.noPlace')}</option>
          {regions.map((region) => (
            <optgroup key={region.code} label={region.label}>
              {vocabulary.places
                .filter((place) => place.region === region.code)
                .map((place) => (
                  <option key={place.name} value={place.name}>
                    {place.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </IncidentSelectField>
        <IncidentTextField
          path="location.latitude"
          label={t('incidents.form.latitude')}
          hint={t('incidents.form.coordinateHint')}
          optional
          inputMode="decimal"
          autoComplete="off"
          value={draft.latitude}
          onChange={(value) => set('latitude', value)}
          error={errorFor('location.latitude')}
        />
        <IncidentTextField
          path="location.longitude"
          label={t('incidents.form.longitude')}
          hint={t('incidents.form.coordinateHint')}
          optional
          inputMode="decimal"
          autoComplete="off"
          value={draft.longitude}
          onChange={(value) => set('longitude', value)}
          error={errorFor('location.longitude')}
        />
      </div>
      <div className="form-row">
        <IncidentSelectField
          path="location.region"
          label={t('incidents.form.region')}
          optional
          value={draft.region}
          onChange={(region) =>
            setDraft((previous) => ({
              ...previous,
              region,
              cercle: vocabulary.cercles.some((cercle) => cercle.code === previous.cercle && cercle.region === region)
                ? previous.cercle
                : '',
            }))
          }
          error={errorFor('location.region')}
        >
          <option value="">{t('incidents.form.chooseRegion')}</option>
          {regions.map((region) => (
            <option key={region.code} value={region.code}>
              {region.label}
            </option>
          ))}
        </IncidentSelectField>
        <IncidentSelectField
          path="location.cercle"
          label={t('incidents.form.cercle')}
          optional
          value={draft.cercle}
          onChange={(code) =>
            setDraft((previous) => ({
              ...previous,
              cercle: code,
              region: vocabulary.cercles.find((cercle) => cercle.code === code)?.region ?? previous.region,
            }))
          }
          error={errorFor('location.cercle')}
        >
          <option value="">{t('incidents.form.chooseCercle')}</option>
          {cercles.map((cercle) => (
            <option key={cercle.code} value={cercle.code}>
              {draft.region === '' ? `${cercle.label} (${regionLabel.get(cercle.region) ?? cercle.region})` : cercle.label}
            </option>
          ))}
        </IncidentSelectField>
        <IncidentTextField
          path="location.commune"
          label={t('incidents.form.commune')}
          optional
          value={draft.commune}
          onChange={(value) => set('commune', value)}
          error={errorFor('location.commune')}
        />
        <IncidentSelectField
          path="location.precision"
          label={t('incidents.form.locationPrecision')}
          value={draft.precision}
          onChange={(value) => set('precision', value as LocationPrecision)}
          error={errorFor('location.precision')}
        >
          {LOCATION_PRECISIONS.map((precision) => (
            <option key={precision} value={precision}>
              {t(`incidents.locationPrecisions.${precision}`)}
            </option>
          ))}
        </IncidentSelectField>
      </div>
    </IncidentFieldset>
  );
}
