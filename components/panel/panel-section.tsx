import type { ReactNode } from 'react';

interface Props {
  id: string;
  title: string;
  children: ReactNode;
}

/** A titled region of the panel, reachable by screen-reader landmark navigation. */
export function PanelSection({ id, title, children }: Props) {
  return (
    <section className="section" aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <h2 className="section__title" id={`${id}-title`}>
        {title}
      </h2>
      {children}
    </section>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function ErrorState({ message, nextStep }: { message: string; nextStep: string }) {
  return (
    <div className="error" role="alert">
      <p className="error__message">{message}</p>
      <p className="error__next">{nextStep}</p>
    </div>
  );
}
