import { type ReactNode, useId, useState } from 'react';

interface IncidentCollapsibleProps {
  title: string;
  children: ReactNode;
  /** Open from the start. */
  open?: boolean;
  /** Called when it opens or closes, e.g. to fetch its content only when first opened. */
  onToggle?: (open: boolean) => void;
}

/**
 * A card whose content is shown on request: the heading holds a button that says whether it is
 * expanded (the WAI-ARIA disclosure pattern), so the page's outline keeps the heading.
 */
export function IncidentCollapsible({ title, children, open: initiallyOpen = false, onToggle }: IncidentCollapsibleProps) {
  const [open, setOpen] = useState(initiallyOpen);
  const titleId = useId();
  const panelId = useId();
  return (
    <section className="card card-wide incident-collapsible" aria-labelledby={titleId}>
      <h2>
        <button
          id={titleId}
          type="button"
          className="incident-collapsible-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => {
            setOpen(!open);
            onToggle?.(!open);
          }}
        >
          {title}
        </button>
      </h2>
      <div id={panelId} hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}
