import { Link } from 'react-router';
import { Badge } from '@/components/Badge';
import { LiveDuration } from '@/components/LiveDuration';
import { formatCount, formatDateTime } from '@/lib/format';
import { paths } from '@/lib/paths';
import type { RoomSummary } from '@/types/api';

/** Active rooms, longest-running first; durations tick. */
export function RoomsTable({ rooms }: { rooms: RoomSummary[] }) {
  const sorted = [...rooms].sort((a, b) => a.creationTime - b.creationTime || a.name.localeCompare(b.name));
  return (
    <table className="table table--cards">
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
          <tr key={room.sid || room.name} data-testid="room-row" data-room={room.name}>
            <td data-label="Room" className="cell-primary">
              <Link to={paths.room(room.name)} className="row-link">
                {room.name}
              </Link>
              {room.activeRecording && (
                <Badge tone="rec" title="A recording (egress) is running">
                  REC
                </Badge>
              )}
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
        ))}
      </tbody>
    </table>
  );
}
