import type { ReactNode } from 'react';
import { ApiError } from '@/lib/api-client';

/** Skeleton rows in place of content that is on its way. */
export function LoadingState({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** Decorative glyph above the title. */
  icon?: string;
}

export function EmptyState({ title, children, icon = '○' }: EmptyStateProps) {
  return (
    <div className="state state--empty" data-testid="empty-state">
      <div className="state__icon" aria-hidden="true">
        {icon}
      </div>
      <p className="state__title">{title}</p>
      {children && <div className="state__body">{children}</div>}
    </div>
  );
}

function describeError(error: unknown): { title: string; detail: string } {
  if (error instanceof ApiError) {
    if (error.status === 0) return { title: 'Server unreachable', detail: error.message };
    if (error.status === 401) return { title: 'Not signed in', detail: error.message };
    if (error.status >= 500) return { title: 'The server had a problem', detail: `${error.message} (${error.status})` };
    return { title: 'Request failed', detail: `${error.message} (${error.status})` };
  }
  return { title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) };
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail } = describeError(error);
  return (
    <div className="state state--error" role="alert" data-testid="error-state">
      <div className="state__icon" aria-hidden="true">
        !
      </div>
      <p className="state__title">{title}</p>
      <p className="state__body">{detail}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
