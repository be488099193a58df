import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithProviders } from '@/test/render';
import { DemoBadge } from './DemoBadge';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('DemoBadge', () => {
  it('appears when the server runs on demo data', async () => {
    mockFetch({ '/api/info': { version: '1.2.0', demo: true } });
    renderWithProviders(<DemoBadge />);
    expect(await screen.findByTestId('demo-badge')).toHaveTextContent('Demo data');
  });

  it('stays hidden for real data, or when the endpoint is missing', async () => {
    const fetchMock = mockFetch({ '/api/info': { version: '1.2.0', demo: false } });
    const first = renderWithProviders(<DemoBadge />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.queryByTestId('demo-badge')).toBeNull();
    first.unmount();

    const missing = mockFetch({});
    renderWithProviders(<DemoBadge />);
    await vi.waitFor(() => expect(missing).toHaveBeenCalledOnce());
    expect(screen.queryByTestId('demo-badge')).toBeNull();
  });
});
