const pad = (n: number) => String(n).padStart(2, '0');

/** A compact, fixed-width-ish duration: "42s", "5m 03s", "2h 07m", "3d 04h". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days}d ${pad(hours)}h`;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** "+mm:ss" (or "+h:mm:ss") from a reference time, for timelines. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const rest = `${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return hours > 0 ? `+${hours}:${rest}` : `+${rest}`;
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export const formatClock = (ms: number) => clockFormat.format(ms);
export const formatDateTime = (ms: number) => dateTimeFormat.format(ms);

/** "just now", "12s ago", "5m ago", then a date. */
export function formatAgo(ms: number, now: number): string {
  const seconds = Math.round((now - ms) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  return formatDateTime(ms);
}

const numberFormat = new Intl.NumberFormat();
export const formatCount = (n: number | undefined) => (n === undefined ? '—' : numberFormat.format(n));

/** LiveKit enum names for people: "SCREEN_SHARE" → "Screen share"; a known prefix is dropped. */
export function humanizeEnum(value: string | undefined, prefix = ''): string {
  if (!value) return '—';
  const bare = prefix && value.startsWith(prefix) ? value.slice(prefix.length) : value;
  const words = bare.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
