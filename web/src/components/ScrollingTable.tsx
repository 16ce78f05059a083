import { type ReactNode, useId, useLayoutEffect, useRef } from 'react';

interface ScrollingTableProps {
  caption: string;
  className?: string;
  /**
   * On a narrow screen each row becomes a card, each cell under its column's label (the default,
   * for lists of records). `false` for a cross-table, whose reading needs its rows and columns:
   * it scrolls sideways instead.
   */
  cards?: boolean;
  /** The table's <thead> and <tbody>. */
  children: ReactNode;
}

/** The visible text of a header cell, as one line (without a sort button's hint or mark). */
function headerText(cell: HTMLTableCellElement): string {
  const visible = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (node instanceof Element && (node.classList.contains('visually-hidden') || node.getAttribute('aria-hidden') === 'true')) return '';
    return [...node.childNodes].map(visible).join('');
  };
  return visible(cell).replace(/\s+/g, ' ').trim();
}

/**
 * Gives every body cell a `data-label` with the text of its column's header, unless the cell
 * names its own (`data-label` set in JSX, e.g. "" for a cell that needs none). The card layout of
 * styles.css shows it before the cell's content.
 */
function labelCells(table: HTMLTableElement): void {
  const headerRow = table.tHead?.rows[table.tHead.rows.length - 1];
  if (!headerRow) return;
  const labels: string[] = [];
  for (const cell of headerRow.cells) for (let span = 0; span < cell.colSpan; span++) labels.push(headerText(cell));
  for (const body of table.tBodies) {
    for (const row of body.rows) {
      let column = 0;
      for (const cell of row.cells) {
        if (!cell.hasAttribute('data-label') || cell.hasAttribute('data-label-auto')) {
          cell.dataset.label = labels[column] ?? '';
          cell.dataset.labelAuto = '';
        }
        column += cell.colSpan;
      }
    }
  }
}

/**
 * A table that fits a narrow screen: its rows become cards (`cards`, the default) or it scrolls
 * sideways inside its own region, instead of widening the page. The region is focusable so that
 * keyboard users can scroll it too.
 */
export function ScrollingTable({ caption, className, cards = true, children }: ScrollingTableProps) {
  const captionId = useId();
  const tableRef = useRef<HTMLTableElement>(null);

  useLayoutEffect(() => {
    const table = tableRef.current;
    if (!cards || !table) return;
    labelCells(table);
    // Rows come and go (pages of a list, a filter): label the new ones too.
    const observer = new MutationObserver(() => labelCells(table));
    observer.observe(table, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [cards]);

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable with the keyboard.
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table ref={tableRef} className={[className, cards ? 'table-cards' : undefined].filter(Boolean).join(' ') || undefined}>
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </section>
  );
}
