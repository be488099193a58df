import { NavLink, Outlet, useLocation } from 'react-router';
import { PageErrorBoundary } from '@/components/PageErrorBoundary';
import { ThemeToggle } from '@/components/ThemeToggle';
import { DemoBadge } from '@/features/app-info/components/DemoBadge';
import { LogoutButton } from '@/features/auth/components/LogoutButton';
import { LiveFeed } from '@/features/events/components/LiveFeed';
import { LiveIndicator } from '@/features/realtime/components/LiveIndicator';
import { paths } from '@/lib/paths';

const navClass = ({ isActive }: { isActive: boolean }) => `nav__link${isActive ? ' is-active' : ''}`;

/** Header on every page; the live feed sits beside the content on wide screens. */
export function Layout() {
  const { pathname } = useLocation();
  const onEventsPage = pathname === paths.events();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <NavLink to={paths.overview()} className="brand" aria-label="LiveKit dashboard, overview">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">
            LiveKit <span className="muted">Ops</span>
          </span>
        </NavLink>
        <nav className="nav" aria-label="Main">
          <NavLink to={paths.overview()} end className={navClass}>
            Overview
          </NavLink>
          <NavLink to={paths.sessions()} className={navClass}>
            Sessions
          </NavLink>
          <NavLink to={paths.events()} className={navClass}>
            Events
          </NavLink>
          <NavLink to={paths.webhooks()} className={navClass}>
            Webhooks
          </NavLink>
        </nav>
        <div className="header__status">
          <DemoBadge />
          <LiveIndicator />
          <ThemeToggle />
          <LogoutButton />
        </div>
      </header>
      <div className={`body${onEventsPage ? '' : ' body--with-feed'}`}>
        <main id="main" className="main" tabIndex={-1}>
          {/* Keyed by page: leaving a page that failed clears its error. */}
          <PageErrorBoundary key={pathname}>
            <Outlet />
          </PageErrorBoundary>
        </main>
        {!onEventsPage && (
          <aside className="aside" aria-label="Live events">
            <LiveFeed />
          </aside>
        )}
      </div>
    </div>
  );
}
