import { type ReactNode, useId } from 'react';

interface CardProps {
  title: string;
  children: ReactNode;
  /** Full width, below a grid of cards, for tables and forms. */
  wide?: boolean;
  id?: string;
}

/** A titled region of a page: a <section> named by its <h2>. */
export function Card({ title, children, wide = false, id }: CardProps) {
  const titleId = useId();
  return (
    <section id={id} className={wide ? 'card card-wide' : 'card'} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </section>
  );
}
