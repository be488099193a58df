import { Link } from 'react-router';
import { EmptyState } from '@/components/feedback';
import { paths } from '@/lib/paths';

export function NotFoundRoute() {
  return (
    <EmptyState title="Page not found" icon="?">
      <Link to={paths.overview()}>Go to the overview</Link>
    </EmptyState>
  );
}
