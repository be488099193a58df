import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageErrorBoundary } from './PageErrorBoundary';

let broken = true;
function Page() {
  if (broken) throw new Error('rows went missing');
  return <p>page content</p>;
}

afterEach(() => vi.restoreAllMocks());

describe('PageErrorBoundary', () => {
  it('shows the error in place of the page, and "Try again" renders it afresh', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <>
        <header>header stays</header>
        <PageErrorBoundary>
          <Page />
        </PageErrorBoundary>
      </>,
    );
    expect(screen.getByTestId('error-state')).toHaveTextContent('rows went missing');
    expect(screen.getByText('header stays')).toBeInTheDocument();
    broken = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('page content')).toBeInTheDocument();
  });
});
