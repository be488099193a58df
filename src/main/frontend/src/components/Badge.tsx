import type { ReactNode } from 'react';

interface BadgeProps {
  /** Colour family; each has a light and a dark variant in the stylesheet. */
  tone?: string;
  title?: string;
  children: ReactNode;
}

export function Badge({ tone = 'neutral', title, children }: BadgeProps) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
