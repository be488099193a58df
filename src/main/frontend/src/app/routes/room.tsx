import { Link, useParams } from 'react-router';
import { RoomDetail } from '@/features/rooms/components/RoomDetail';
import { paths } from '@/lib/paths';

export function RoomRoute() {
  const name = useParams().name ?? '';
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link to={paths.overview()}>Overview</Link> <span aria-hidden="true">/</span> <span>Room</span>
      </nav>
      {/* Keyed so switching rooms starts from a clean slate. */}
      <RoomDetail key={name} name={name} />
    </>
  );
}
