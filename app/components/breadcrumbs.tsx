import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface Crumb {
  /** The page's address; a crumb without one is the current page. */
  to?: string;
  label: string;
}

/**
 * The NL Design System breadcrumb navigation: where a deep page sits, from the home page down. A crumb
 * without an address is the current page: marked aria-current, not a link. A trail may end at the
 * parent (a link) when the page's own heading names it.
 */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("nav.breadcrumbs")} className="utrecht-breadcrumb-nav lauwer-breadcrumbs">
      <ol className="utrecht-breadcrumb-nav__list utrecht-breadcrumb-nav__list--html-ol">
        {items.map((c, i) => (
          <li key={`${c.label}-${i}`} className="utrecht-breadcrumb-nav__item">
            {c.to ? (
              <Link to={c.to} className="utrecht-breadcrumb-nav__link">
                {c.label}
              </Link>
            ) : (
              <span className="utrecht-breadcrumb-nav__link utrecht-breadcrumb-nav__link--current" aria-current="page">
                {c.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
