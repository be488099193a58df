import { Link, useParams } from 'react-router';
import { SessionDetail } from '@/features/sessions/components/SessionDetail';
import { paths } from '@/lib/paths';

export function SessionRoute() {
  const sid = useParams().sid ?? '';
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={paths.sessions()}>Sessions</Link> <span aria-hidden="true">/</span> <span className="mono">{sid}</span>
      </nav>
      <SessionDetail key={sid} sid={sid} />
    </>
  );
}
