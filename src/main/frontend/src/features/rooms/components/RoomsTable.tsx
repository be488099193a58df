import { memo, useMemo } from 'react';
import { Link } from 'react-router';
import { Badge } from '@/components/Badge';
import { LiveDuration } from '@/components/LiveDuration';
import { formatCount, formatDateTime } from '@/lib/format';
import { paths } from '@/lib/paths';
import type { RoomSummary } from '@/types/api';

/**
 * One room. Memoised on the summary object: a stream update replaces only the
 * room it names, so the other rows skip rendering; each duration ticks by itself.
 */
const RoomRow = memo(function RoomRow({ room }: { room: RoomSummary }) {
  return (
    <tr data-testid="room-row" data-room={room.name}>
      <td data-label="Room" className="cell-primary">
        <Link to={paths.room(room.name)} className="row-link">
          {room.name}
        </Link>
        {room.activeRecording && <Badge tone="rec">REC</Badge>}
        {room.activeRecording && <span className="visually-hidden"> (recording)</span>}
        <div className="muted mono small">{room.sid}</div>
      </td>
      <td data-label="Participants" className="num tabular">
        {formatCount(room.numParticipants)}
      </td>
      <td data-label="Publishers" className="num tabular">
        {formatCount(room.numPublishers)}
      </td>
      <td data-label="Started" className="muted">
        {formatDateTime(room.creationTime)}
      </td>
      <td data-label="Duration" className="num">
        <LiveDuration since={room.creationTime} />
      </td>
    </tr>
  );
});

/** Active rooms, longest-running first; durations tick. */
export function RoomsTable({ rooms }: { rooms: RoomSummary[] }) {
  const sorted = useMemo(() => [...rooms].sort((a, b) => a.creationTime - b.creationTime || a.name.localeCompare(b.name)), [rooms]);
  return (
    <table className="table table--cards table--rooms">
      <thead>
        <tr>
          <th scope="col">Room</th>
          <th scope="col" className="num">
            Participants
          </th>
          <th scope="col" className="num">
            Publishers
          </th>
          <th scope="col">Started</th>
          <th scope="col" className="num">
            Duration
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((room) => (
          <RoomRow key={room.sid || room.name} room={room} />
        ))}
      </tbody>
    </table>
  );
}
