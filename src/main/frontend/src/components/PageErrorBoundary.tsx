import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from './feedback';

interface State {
  error: unknown;
}

/**
 * Catches a page's rendering errors so the header, the navigation and the live
 * feed stay usable; "Try again" renders the page afresh.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('A page failed to render', error, info.componentStack);
  }

  render() {
    if (this.state.error !== null) return <ErrorState error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
