import { useId } from 'react';

interface IncidentProgressProps {
  label: string;
  value: number;
  /** Unknown totals show an indeterminate bar. */
  max: number | null;
  /** The progress in words, e.g. "120 sur 450 incidents reçus". */
  text: string;
}

/** A labelled <progress> bar with its progress in words beside it. */
export function IncidentProgress({ label, value, max, text }: IncidentProgressProps) {
  const labelId = useId();
  const textId = useId();
  return (
    <div className="incident-progress">
      <span id={labelId} className="incident-progress-label">
        {label}
      </span>
      {max === null || max === 0 ? (
        <progress aria-labelledby={labelId} aria-describedby={textId} />
      ) : (
        <progress aria-labelledby={labelId} aria-describedby={textId} max={max} value={Math.min(value, max)} />
      )}
      <span id={textId} className="incident-progress-text">
        {text}
      </span>
    </div>
  );
}
