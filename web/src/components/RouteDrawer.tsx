import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationGeometry } from '../../../src/contracts/operations.js';
import { mapQueries } from '../api/map.js';
import { useLoaded } from '../api/queries.js';
import { MaliMap } from './MaliMap.js';

const NONE = new Map<string, number>();

/** The lines of the text that are points (latitude, longitude), as [latitude, longitude]. */
function vertices(text: string): [number, number][] {
  return text.split('\n').flatMap((raw) => {
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(raw);
    return match ? [[Number(match[1]), Number(match[2])] as [number, number]] : [];
  });
}

/**
 * A route or area drawn by clicks on the map of Mali: each click adds a vertex as a new line
 * `latitude, longitude` of the text the form keeps (so typing and clicking stay in sync); undo
 * removes the last line, clear empties it. The shape the text describes is drawn over the map,
 * its vertices as dots; the view is fitted to it until the first click, then left where it is.
 */
export function RouteDrawer({
  geometry,
  text,
  onChange,
  label,
  help,
}: {
  geometry: OperationGeometry | null;
  text: string;
  onChange: (text: string) => void;
  label: string;
  help: string;
}) {
  const { t } = useTranslation();
  const places = useLoaded(mapQueries.places());
  const baseLayer = useLoaded(mapQueries.baseLayer());
  const helpId = useId();
  const [drawing, setDrawing] = useState(false);
  const points = vertices(text);
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const add = (latitude: number, longitude: number) => {
    setDrawing(true);
    onChange([...lines, `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`].join('\n'));
  };
  return (
    <div className="operation-map route-drawer">
      <MaliMap
        cercleCounts={NONE}
        classes={[]}
        clusters={[]}
        places={places.status === 'done' ? places.data : []}
        baseLayer={baseLayer.status === 'done' ? baseLayer.data : null}
        onViewChange={() => undefined}
        renderPreview={() => null}
        onOpenGroup={() => undefined}
        label={label}
        describedBy={helpId}
        shapes={geometry ? [geometry] : []}
        fitShapes={!drawing}
        points={points.map(([latitude, longitude], i) => ({ latitude, longitude, kind: 'vertex', label: `${i + 1}` }))}
        onMapClick={add}
      />
      <p id={helpId} className="hint">
        {t('situation.draw.hint')} {help}
      </p>
      <p className="button-row">
        <span aria-live="polite">{t('situation.draw.points', { count: points.length })}</span>
        <button
          type="button"
          className="button-secondary"
          disabled={lines.length === 0}
          onClick={() => {
            setDrawing(true);
            onChange(lines.slice(0, -1).join('\n'));
          }}
        >
          {t('situation.draw.undo')}
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={lines.length === 0}
          onClick={() => {
            setDrawing(true);
            onChange('');
          }}
        >
          {t('situation.draw.clear')}
        </button>
      </p>
    </div>
  );
}
