/* Presentation rules for LiveKit's vocabulary, shared by every feature. */

export type EventCategory = 'room' | 'participant' | 'track' | 'egress' | 'ingress' | 'agent' | 'other';

const CATEGORIES: readonly EventCategory[] = ['room', 'participant', 'track', 'egress', 'ingress', 'agent'];

/** Groups event names by their first word, for colour coding. */
export function eventCategory(event: string): EventCategory {
  const head = event.split('_', 1)[0] as EventCategory;
  return CATEGORIES.includes(head) ? head : 'other';
}

export type KindTone = 'standard' | 'agent' | 'sip' | 'ingress' | 'egress';

const KIND_LABELS: Record<KindTone, string> = {
  standard: 'Standard',
  agent: 'Agent',
  sip: 'SIP',
  ingress: 'Ingress',
  egress: 'Egress',
};

/** Participant kind as a badge: LiveKit omits STANDARD (the zero value), so absent means standard. */
export function participantKind(kind: string | undefined): { tone: KindTone; label: string } {
  const tone = (kind?.toLowerCase() ?? 'standard') as KindTone;
  return tone in KIND_LABELS ? { tone, label: KIND_LABELS[tone] } : { tone: 'standard', label: kind ?? 'Standard' };
}

/** "1280×720", or nothing for audio and data tracks. */
export function formatResolution(width?: number, height?: number): string | null {
  return width && height ? `${width}×${height}` : null;
}
