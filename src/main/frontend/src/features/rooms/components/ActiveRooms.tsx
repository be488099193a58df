import { useDeferredValue, useMemo, useState } from 'react';
import { EmptyState, ErrorState, LoadingState } from '@/components/feedback';
import { useRooms } from '../api/use-rooms';
import { RoomsTable } from './RoomsTable';

/** The live list of rooms, with a quick name filter. */
export function ActiveRooms() {
  const { data: rooms, error, isPending, isError, refetch } = useRooms();
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter.trim().toLowerCase());
  const visible = useMemo(
    () => (deferredFilter ? (rooms ?? []).filter((r) => r.name.toLowerCase().includes(deferredFilter)) : (rooms ?? [])),
    [rooms, deferredFilter],
  );

  let body;
  if (isPending) body = <LoadingState label="Loading rooms" rows={4} />;
  else if (isError) body = <ErrorState error={error} onRetry={() => void refetch()} />;
  else if (rooms.length === 0)
    body = (
      <EmptyState title="No active rooms" icon="◌">
        Rooms appear here the moment LiveKit reports them.
      </EmptyState>
    );
  else if (visible.length === 0) body = <EmptyState title={`No active room matches “${filter}”`} />;
  else body = <RoomsTable rooms={visible} />;

  return (
    <section className="section" aria-labelledby="rooms-heading">
      <div className="section__header">
        <h2 id="rooms-heading" className="section__title">
          Active rooms {rooms && rooms.length > 0 && <span className="count">{rooms.length}</span>}
        </h2>
        {rooms && rooms.length > 0 && (
          <input
            type="search"
            className="input input--compact"
            placeholder="Filter rooms"
            aria-label="Filter rooms by name"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        )}
      </div>
      {body}
    </section>
  );
}
