/*
 * Shapes of the backend's read API and SSE stream (see shared/CONTRACT.md).
 * Times are milliseconds since the epoch unless a comment says otherwise.
 * Fields the contract does not pin down yet are optional, so a change on the
 * backend side is absorbed here and by `?.`/`??` at the points of use.
 */

export type ParticipantKind = 'STANDARD' | 'AGENT' | 'SIP' | 'INGRESS' | 'EGRESS';

/** An item of `GET /api/rooms`; also `data.roomSummary` on SSE messages. */
export interface RoomSummary {
  sid: string;
  name: string;
  numParticipants: number;
  numPublishers: number;
  creationTime: number;
  metadata?: string;
  activeRecording: boolean;
}

export interface Track {
  sid: string;
  /** AUDIO | VIDEO | DATA */
  type?: string;
  /** CAMERA | MICROPHONE | SCREEN_SHARE | SCREEN_SHARE_AUDIO | UNKNOWN */
  source?: string;
  name?: string;
  muted?: boolean;
  simulcast?: boolean;
  width?: number;
  height?: number;
}

export interface Participant {
  sid: string;
  identity: string;
  name?: string;
  kind?: ParticipantKind | string;
  /** JOINING | JOINED | ACTIVE | DISCONNECTED */
  state?: string;
  joinedAt?: number;
  metadata?: string;
  tracks?: Track[];
}

export interface Egress {
  egressId: string;
  /** EGRESS_STARTING | EGRESS_ACTIVE | EGRESS_ENDING | EGRESS_COMPLETE | EGRESS_FAILED | … */
  status?: string;
  startedAt?: number;
  endedAt?: number | null;
  error?: string;
}

export interface Ingress {
  ingressId: string;
  name?: string;
  participantIdentity?: string;
  /** ENDPOINT_INACTIVE | ENDPOINT_BUFFERING | ENDPOINT_PUBLISHING | ENDPOINT_ERROR | ENDPOINT_COMPLETE */
  status?: string;
  startedAt?: number;
  endedAt?: number | null;
}

/** `GET /api/rooms/{name}` */
export interface RoomDetail extends RoomSummary {
  participants?: Participant[];
  egress?: Egress[];
  ingress?: Ingress[];
}

/** Paged lists: `{items, nextCursor}`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An item of `GET /api/sessions`. */
export interface SessionSummary {
  sid: string;
  roomName: string;
  startedAt: number;
  endedAt: number | null;
  /**
   * What ended it: `room_finished`, `presumed_ended` (it went quiet and no room_finished came),
   * `session_superseded`, `session_inactive`; null while live.
   */
  endedBy?: string | null;
  durationSeconds?: number;
  peakParticipants?: number;
  totalParticipants?: number;
}

export interface SessionTrack extends Track {
  publishedAt?: number;
  unpublishedAt?: number | null;
}

/** One stay of a participant in a session (a rejoin is a new entry). */
export interface SessionParticipant {
  sid: string;
  identity: string;
  name?: string;
  kind?: ParticipantKind | string;
  joinedAt: number;
  leftAt?: number | null;
  durationSeconds?: number;
  disconnectReason?: string;
  tracks?: SessionTrack[];
}

/** One entry of a session's event timeline. */
export interface SessionEvent {
  id?: string;
  event: string;
  timestamp: number;
  participantIdentity?: string;
  trackSid?: string;
  /** Free-form extra detail the backend may add (e.g. a disconnect reason). */
  detail?: string;
}

/** `GET /api/sessions/{sid}` */
export interface SessionDetail extends SessionSummary {
  participants?: SessionParticipant[];
  egress?: Egress[];
  ingress?: Ingress[];
  events?: SessionEvent[];
}

export interface StatsTotals {
  activeRooms?: number;
  participants?: number;
  publishers?: number;
  recordings?: number;
}

/** One per-minute sample; `t` is the minute's start. */
export interface StatsPoint extends StatsTotals {
  t: number;
}

/** `GET /api/stats/overview?window=` */
export interface StatsOverview extends StatsTotals {
  window?: string;
  /** Current totals; totals at the top level are read too. */
  current?: StatsTotals;
  series?: StatsPoint[];
}

/** `GET /api/info` */
export interface AppInfo {
  version?: string;
  demo?: boolean;
}

/** Every error answer of the backend. */
/* ---- sign-in (`/api/auth/*`) ---- */

/** `GET /api/auth/mode`: how people sign in (`disabled`: an authenticating proxy in front does it). */
export type AuthMode = 'password' | 'oidc' | 'disabled';

/** `GET /api/auth/me`: who is signed in; `username` is null when sign-in is off. */
export interface CurrentUser {
  username: string | null;
}

export interface ApiErrorBody {
  error: string;
  message?: string;
}

/* ---- SSE (`GET /api/events`) ---- */

export interface StreamMessageMetadata {
  source?: 'webhook' | 'internal';
  version?: string;
  webhookId?: string;
}

/** LiveKit objects as they appear in `data` (LiveKit units: seconds, egress nanoseconds). */
export interface StreamRoom {
  sid?: string;
  name?: string;
  numParticipants?: number;
}

export interface StreamParticipant {
  sid?: string;
  identity?: string;
  name?: string;
  kind?: string;
  state?: string;
  joinedAt?: number;
  disconnectReason?: string;
  metadata?: string;
  tracks?: StreamTrack[];
}

export interface StreamTrack {
  sid?: string;
  type?: string;
  source?: string;
  name?: string;
  muted?: boolean;
  simulcast?: boolean;
  width?: number;
  height?: number;
}

export interface StreamData {
  room?: StreamRoom;
  participant?: StreamParticipant;
  track?: StreamTrack;
  egressInfo?: { egressId?: string; roomId?: string; roomName?: string; status?: string };
  ingressInfo?: { ingressId?: string; name?: string; roomName?: string; participantIdentity?: string };
  job?: { id?: string; room?: StreamRoom; type?: string };
  roomSummary?: RoomSummary;
  /** Fields of `system` messages (connectionId, serverVersion, …) and of newer events. */
  [key: string]: unknown;
}

/** A frame's `data:` JSON. `system` messages (`connected`, `resync`, `error`) carry no id. */
export interface StreamMessage {
  id?: string;
  type: 'livekit' | 'system';
  event: string;
  timestamp: number;
  data?: StreamData;
  metadata?: StreamMessageMetadata;
}

/** Webhook refusal reasons, as the webhook endpoint's error codes. */
export type RefusalReason =
  | 'invalid_signature'
  | 'malformed_payload'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'not_configured';

/** `GET /api/webhooks/health`: what arrived and what was refused since `since`. */
export interface WebhookHealth {
  since: number;
  byEvent: Record<string, { count: number; lastReceivedAt: number }>;
  refused: Partial<Record<RefusalReason, number>>;
  /** Newest first; never a body. */
  recentRefusals: { at: number; reason: RefusalReason | string; address: string }[];
  /** LiveKit retries answered `duplicate`. */
  duplicates: number;
  /** The sum of `numDropped` LiveKit reported in its events. */
  numDropped: number;
  /** Reconciliation's corrections, newest first, e.g. a room_finished LiveKit never sent. */
  corrections: { at: number; room: string; event: string }[];
  lastReceivedAt: number | null;
  liveRooms: number;
  /** Nothing arrived for `silenceMinutes` although rooms are live. */
  silent: boolean;
  silenceMinutes: number;
}
