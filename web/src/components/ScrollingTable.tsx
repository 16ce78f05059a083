import { type ReactNode, useId } from 'react';

interface ScrollingTableProps {
  caption: string;
  className?: string;
  /** The table's <thead> and <tbody>. */
  children: ReactNode;
}

/**
 * A table that scrolls sideways inside its own region on a narrow screen, instead of widening the
 * page. The region is focusable so that keyboard users can scroll it too.
 */
export function ScrollingTable({ caption, className, children }: ScrollingTableProps) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard.
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className={className}>
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </section>
  );
}
