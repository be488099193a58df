import { humanizeEnum } from '@/lib/format';
import { formatResolution } from '@/lib/livekit';
import type { Track } from '@/types/api';

const TYPE_GLYPH: Record<string, string> = { AUDIO: '♪', VIDEO: '▶', DATA: '⇄' };

/** A participant's published tracks as compact chips. */
export function TrackList({ tracks }: { tracks: Track[] }) {
  if (tracks.length === 0) return <span className="muted small">No published tracks</span>;
  return (
    <ul className="track-list">
      {tracks.map((track) => {
        // LiveKit omits AUDIO (the enum's zero value) from webhooks.
        const type = track.type ?? 'AUDIO';
        const resolution = formatResolution(track.width, track.height);
        return (
          <li key={track.sid} className={`track${track.muted ? ' track--muted' : ''}`} data-testid="track" title={track.name ? `${track.name} · ${track.sid}` : track.sid}>
            <span className="track__type" aria-hidden="true">
              {TYPE_GLYPH[type] ?? '•'}
            </span>
            <span className="track__source">{humanizeEnum(track.source ?? type)}</span>
            {resolution && <span className="track__meta tabular">{resolution}</span>}
            {track.simulcast && <span className="track__meta">simulcast</span>}
            {track.muted && <span className="track__muted">muted</span>}
          </li>
        );
      })}
    </ul>
  );
}
