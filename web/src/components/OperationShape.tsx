import { useId } from 'react';
import type { OperationGeometry } from '../../../src/contracts/operations.js';
import { mapQueries } from '../api/map.js';
import { useLoaded } from '../api/queries.js';
import { MaliMap } from './MaliMap.js';

const NONE = new Map<string, number>();

/** An operation's route or area on the map of Mali (the shipped boundaries, towns and base layer). */
export function OperationShape({ geometry, label, help }: { geometry: OperationGeometry | null; label: string; help: string }) {
  const places = useLoaded(mapQueries.places());
  const baseLayer = useLoaded(mapQueries.baseLayer());
  const helpId = useId();
  return (
    <div className="operation-map">
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
      />
      <p id={helpId} className="hint">
        {help}
      </p>
    </div>
  );
}
