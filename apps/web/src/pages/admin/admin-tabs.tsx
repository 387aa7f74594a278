import { NavLink } from 'react-router';
import { useAccess } from '../../app/use-access';
import { adminSections } from './admin-sections';
import './admin.css';

/** Moves between the admin pages; only those the person's role allows are offered. */
export function AdminTabs() {
  const access = useAccess();
  const sections = adminSections().filter((section) => access.can(section.requires));
  return (
    <nav className="admin-tabs" aria-label="Admin sections">
      <ul>
        {sections.map((section) => (
          <li key={section.id}>
            <NavLink to={section.path} className="admin-tabs__link" end>
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
