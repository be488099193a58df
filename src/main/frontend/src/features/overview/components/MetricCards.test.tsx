import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { plots, resetCharts } from '@/test/fake-uplot';
import { mockFetch, renderWithProviders } from '@/test/render';
import { MetricCards } from './MetricCards';

vi.mock('uplot', () => import('@/test/fake-uplot'));

const t = Date.UTC(2026, 0, 1, 9);
const overview = {
  current: { activeRooms: 3, participants: 1234, publishers: 17, recordings: 1 },
  series: [
    { t, activeRooms: 2, participants: 1000, publishers: 10, recordings: 0 },
    { t: t + 60_000, activeRooms: 3, participants: 1234, publishers: 17, recordings: 1 },
  ],
};

beforeEach(() => {
  resetCharts();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('MetricCards', () => {
  it('shows the current totals with a sparkline each', async () => {
    mockFetch({ '/api/stats/overview?window=1h': overview });
    renderWithProviders(<MetricCards />);
    await waitFor(() => expect(screen.getByText('1,234')).toBeInTheDocument());
    const cards = screen.getAllByTestId('metric-card');
    expect(cards.map((c) => c.dataset.metric)).toEqual(['activeRooms', 'participants', 'publishers', 'recordings']);
    expect(cards.map((c) => c.querySelector('.metric-card__value')?.textContent)).toEqual(['3', '1,234', '17', '1']);
    // the charts are built in the deferred render's effects, which may run after its DOM shows
    await waitFor(() => expect(plots).toHaveLength(4));
    expect(plots[1].data).toEqual([[t / 1000, t / 1000 + 60], [1000, 1234]]);
    expect(screen.getByRole('img', { name: /Participants, last 1h: from 1000 to 1234, peak 1234/ })).toBeInTheDocument();
  });

  it('reads totals from the top level too, and skips charts without history', async () => {
    mockFetch({ '/api/stats/overview?window=1h': { activeRooms: 0, participants: 0, publishers: 0, recordings: 0, series: [] } });
    renderWithProviders(<MetricCards />);
    await waitFor(() => expect(screen.getAllByText('0')).toHaveLength(4));
    expect(plots).toHaveLength(0);
  });

  it('switches the chart window', async () => {
    const fetchMock = mockFetch({ '/api/stats/overview?window=1h': overview, '/api/stats/overview?window=24h': overview });
    renderWithProviders(<MetricCards />);
    await screen.findByText('1,234');
    await userEvent.click(screen.getByRole('button', { name: '24h' }));
    await waitFor(() => expect(fetchMock).toHaveBeenLastCalledWith('/api/stats/overview?window=24h', expect.anything()));
    expect(screen.getByRole('button', { name: '24h' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('shows an error with a retry', async () => {
    mockFetch({ '/api/stats/overview?window=1h': [503, { error: 'unavailable', message: 'Stats are warming up' }] });
    renderWithProviders(<MetricCards />);
    expect(await screen.findByTestId('error-state')).toHaveTextContent('Stats are warming up');
  });
});
