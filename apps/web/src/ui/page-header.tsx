import type { ReactNode } from 'react';
import { Link } from 'react-router';
import './page-header.css';

export interface Crumb {
  label: string;
  /** Omitted for the current page. */
  to?: string;
}

export interface PageHeaderProps {
  title: string;
  /** From the top page down to this one; the last is the current page. Hidden when only one. */
  crumbs?: Crumb[];
  /** A line under the title, e.g. the period shown. */
  subtitle?: ReactNode;
  /** Badges and freshness ("Demo data", "updated 5 minutes ago"). */
  meta?: ReactNode;
  /** Buttons at the right (export, refresh). */
  actions?: ReactNode;
}

export function PageHeader({ title, crumbs, subtitle, meta, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      {crumbs && crumbs.length > 1 && (
        <nav aria-label="Breadcrumb" className="breadcrumbs">
          <ol>
            {crumbs.map((crumb, index) => {
              const current = index === crumbs.length - 1;
              return (
                <li key={`${crumb.label}-${crumb.to ?? 'current'}`}>
                  {crumb.to && !current ? (
                    <Link to={crumb.to}>{crumb.label}</Link>
                  ) : (
                    <span aria-current={current ? 'page' : undefined}>{crumb.label}</span>
                  )}
                </li>
              );
            })}
          </ol>
        </nav>
      )}
      <div className="page-header__row">
        <div className="page-header__titles">
          <h1>{title}</h1>
          {subtitle && <p className="page-header__subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="page-header__actions no-print">{actions}</div>}
      </div>
      {meta && <div className="page-header__meta">{meta}</div>}
    </header>
  );
}
