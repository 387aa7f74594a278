import { type ReactNode, useRef, useState } from 'react';
import { NavLink } from 'react-router';
import './app-shell.css';
import { Icon, type IconName } from './icon';
import { useMediaQuery } from './use-media-query';

export interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  /** Match only the exact path (for "/"). */
  end?: boolean;
}

export interface AppShellProps {
  nav: NavItem[];
  /** Shown above the page content, e.g. the global filter bar. */
  top?: ReactNode;
  children: ReactNode;
}

/** Below this width (tablets) the navigation starts as an icon rail, expandable on demand. */
const WIDE = '(min-width: 1100px)';

/** The frame of every page: skip link, left navigation, optional top bar, main content. */
export function AppShell({ nav, top, children }: AppShellProps) {
  const wide = useMediaQuery(WIDE);
  // null: follow the screen width; true/false: the user's choice for this visit.
  const [choice, setChoice] = useState<boolean | null>(null);
  const expanded = choice ?? wide;
  const toggleRef = useRef<HTMLButtonElement>(null);

  return (
    <div className="app-shell" data-nav={expanded ? 'expanded' : 'collapsed'}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav
        className="app-nav"
        aria-label="Main"
        onKeyDown={(event) => {
          // Escape closes the menu where it overlays the page (tablets), as overlays are expected to.
          if (event.key === 'Escape' && expanded && !wide) {
            setChoice(null);
            toggleRef.current?.focus();
          }
        }}
      >
        <div className="app-nav__inner">
          <div className="app-nav__head">
            <span className="app-nav__brand" aria-hidden={!expanded}>
              Sentia
            </span>
            <button
              ref={toggleRef}
              type="button"
              className="nav-toggle"
              aria-expanded={expanded}
              aria-controls="app-nav-list"
              onClick={() => setChoice(!expanded)}
            >
              <Icon name={expanded ? 'collapse' : 'menu'} />
              <span className="visually-hidden">
                {expanded ? 'Collapse navigation' : 'Expand navigation'}
              </span>
            </button>
          </div>
          <ul id="app-nav-list" className="app-nav__list">
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  className="app-nav__link"
                  title={expanded ? undefined : item.label}
                  onClick={() => {
                    // On a tablet an expanded menu covers the page: close it once a page is chosen.
                    if (!wide) setChoice(null);
                  }}
                >
                  <Icon name={item.icon} />
                  <span className="app-nav__label">{item.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      </nav>
      <div className="app-shell__body">
        {top}
        <main id="main" className="app-main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
