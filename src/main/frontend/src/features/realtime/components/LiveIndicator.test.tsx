import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderWithProviders, stubRealtimeClient } from '@/test/render';
import { LiveIndicator } from './LiveIndicator';

describe('LiveIndicator', () => {
  it.each([
    ['connected', 'live', 'Live'],
    ['connecting', 'connecting', 'Connecting'],
    ['disconnected', 'disconnected', 'Disconnected'],
    ['error', 'error', 'Error'],
  ] as const)('state %s shows as %s', (state, dataState, label) => {
    renderWithProviders(<LiveIndicator />, { realtime: stubRealtimeClient({ state }).client });
    const indicator = screen.getByTestId('live-indicator');
    expect(indicator).toHaveAttribute('data-state', dataState);
    expect(indicator).toHaveTextContent(label);
  });

  it('follows state changes', () => {
    const stub = stubRealtimeClient({ state: 'connecting' });
    renderWithProviders(<LiveIndicator />, { realtime: stub.client });
    act(() => stub.setStatus({ state: 'connected' }));
    expect(screen.getByTestId('live-indicator')).toHaveAttribute('data-state', 'live');
    act(() => stub.setStatus({ state: 'disconnected' }));
    expect(screen.getByTestId('live-indicator')).toHaveAttribute('data-state', 'disconnected');
  });

  it('shows the time of the last event as text, not only in a tooltip', () => {
    const at = new Date(2026, 0, 1, 9, 30, 15).getTime();
    renderWithProviders(<LiveIndicator />, { realtime: stubRealtimeClient({ lastEventAt: at }).client });
    const text = screen.getByTestId('live-indicator').textContent ?? '';
    expect(text).toMatch(/Last event/);
    expect(text).toMatch(/30/);
    expect(text).toMatch(/15/);
  });

  it('says when no event has come yet', () => {
    renderWithProviders(<LiveIndicator />);
    expect(screen.getByTestId('live-indicator')).toHaveTextContent(/No events yet/);
  });

  it('announces the state alone, not the ticking time', () => {
    renderWithProviders(<LiveIndicator />, { realtime: stubRealtimeClient({ state: 'error' }).client });
    expect(screen.getByRole('status')).toHaveTextContent(/^Error$/);
    expect(screen.getByTestId('live-indicator')).toHaveTextContent(/retrying every 30 s/);
  });

  it('offers reconnect only in the error state', async () => {
    const stub = stubRealtimeClient({ state: 'disconnected' });
    renderWithProviders(<LiveIndicator />, { realtime: stub.client });
    expect(screen.queryByRole('button', { name: 'Reconnect' })).toBeNull();
    act(() => stub.setStatus({ state: 'error' }));
    await userEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    expect(stub.client.reconnect).toHaveBeenCalledOnce();
  });
});
