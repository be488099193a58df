import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '@/test/render';
import type { SessionDetail as Session } from '@/types/api';
import { ParticipantTimeline } from './ParticipantTimeline';
import { SessionDetail } from './SessionDetail';

const t0 = Date.UTC(2026, 0, 1, 9);
const min = 60_000;

const session: Session = {
  sid: 'RM_standup0001',
  roomName: 'daily-standup',
  startedAt: t0,
  endedAt: t0 + 10 * min,
  durationSeconds: 600,
  peakParticipants: 3,
  totalParticipants: 3,
  participants: [
    { sid: 'PA_alice', identity: 'alice@example.com', name: 'Alice', joinedAt: t0, leftAt: t0 + 5 * min, disconnectReason: 'CLIENT_INITIATED' },
    { sid: 'PA_agent', identity: 'agent', name: 'Transcriber', kind: 'AGENT', joinedAt: t0 + min, leftAt: t0 + 10 * min },
    { sid: 'PA_alice2', identity: 'alice@example.com', name: 'Alice', joinedAt: t0 + 7 * min, leftAt: t0 + 9 * min },
  ],
  egress: [{ egressId: 'EG_1', status: 'EGRESS_COMPLETE', startedAt: t0 + min, endedAt: t0 + 9 * min }],
  ingress: [],
  events: [
    { id: 'e2', event: 'participant_joined', timestamp: t0 + 5_000, participantIdentity: 'alice@example.com' },
    { id: 'e1', event: 'room_started', timestamp: t0 },
    { id: 'e3', event: 'track_published', timestamp: t0 + 65_000, participantIdentity: 'alice@example.com', trackSid: 'TR_cam' },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ParticipantTimeline', () => {
  it('draws one row per identity and one bar per stay, placed on the session span', () => {
    render(<ParticipantTimeline participants={session.participants!} startedAt={t0} endedAt={t0 + 10 * min} live={false} />);
    const rows = screen.getAllByTestId('timeline-row');
    expect(rows.map((r) => r.dataset.identity)).toEqual(['alice@example.com', 'agent']);

    const aliceBars = within(rows[0]).getAllByRole('img', { name: /Alice/ });
    expect(aliceBars).toHaveLength(2);
    expect(aliceBars[0].style.left).toBe('0%');
    expect(aliceBars[0].style.width).toBe('50%');
    expect(aliceBars[0].getAttribute('aria-label')).toMatch(/5m 00s · Client initiated/);
    expect(aliceBars[1].style.left).toBe('70%');

    const agentBar = within(rows[1]).getByRole('img', { name: /Transcriber \(Agent\)/ });
    expect(agentBar).toHaveClass('timeline__bar--agent');
    expect(agentBar.style.left).toBe('10%');
    expect(agentBar.style.width).toBe('90%');
  });

  it('runs a still-connected participant up to now in a live session', () => {
    render(
      <ParticipantTimeline
        participants={[{ sid: 'P', identity: 'p', joinedAt: t0 + 5 * min, leftAt: null }]}
        startedAt={t0}
        endedAt={t0 + 10 * min}
        live
      />,
    );
    const bar = screen.getByRole('img', { name: /still connected/ });
    expect(bar).toHaveClass('timeline__bar--open');
    expect(bar.style.width).toBe('50%');
  });
});

describe('SessionDetail', () => {
  it('shows the session, its timeline and its ordered event log', async () => {
    mockFetch({ '/api/sessions/RM_standup0001': session });
    renderWithProviders(<SessionDetail sid="RM_standup0001" />);
    const heading = await screen.findByRole('heading', { level: 1, name: 'daily-standup' });
    expect(within(heading.parentElement!).getByText('Ended')).toBeInTheDocument();
    expect(screen.getByText('10m 00s')).toBeInTheDocument();
    expect(screen.getAllByTestId('timeline-row')).toHaveLength(2);
    expect(screen.getByTestId('egress-row')).toHaveTextContent('Complete');

    const events = screen.getAllByTestId('session-event');
    expect(events.map((e) => e.textContent)).toEqual([
      expect.stringContaining('room_started'),
      expect.stringContaining('participant_joined'),
      expect.stringContaining('track_published'),
    ]);
    expect(events[2]).toHaveTextContent('+01:05');
    expect(events[2]).toHaveTextContent('TR_cam');
  });

  it('shows a presumed end as such', async () => {
    mockFetch({ '/api/sessions/RM_standup0001': { ...session, endedBy: 'presumed_ended' } });
    renderWithProviders(<SessionDetail sid="RM_standup0001" />);
    const heading = await screen.findByRole('heading', { level: 1, name: 'daily-standup' });
    expect(within(heading.parentElement!).getByText('presumed ended')).toBeInTheDocument();
    expect(within(heading.parentElement!).queryByText('Ended')).toBeNull();
  });

  it('filters the event log by kind', async () => {
    mockFetch({ '/api/sessions/RM_standup0001': session });
    renderWithProviders(<SessionDetail sid="RM_standup0001" />);
    await screen.findAllByTestId('session-event');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: /show events/i }), 'track');
    expect(screen.getAllByTestId('session-event')).toHaveLength(1);
    expect(screen.getByText('1 of 3')).toBeInTheDocument();
  });

  it('says when a session does not exist', async () => {
    mockFetch({ '/api/sessions/nope': [404, { error: 'not_found', message: 'No such session' }] });
    renderWithProviders(<SessionDetail sid="nope" />);
    expect(await screen.findByTestId('empty-state')).toHaveTextContent('No such session');
  });

  it('offers the session as CSV and JSON downloads', async () => {
    mockFetch({ '/api/sessions/RM_standup0001': session });
    renderWithProviders(<SessionDetail sid="RM_standup0001" />);
    expect(await screen.findByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/api/sessions/RM_standup0001?format=csv');
    expect(screen.getByRole('link', { name: 'Download JSON' })).toHaveAttribute('href', '/api/sessions/RM_standup0001?format=json');
  });
});
