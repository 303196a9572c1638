import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / "page x of y" / next, as plain links (works without JavaScript). */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("awards.pagination")} className="lauwer-pagination">
      {page > 1 ? (
        <Link className="utrecht-link" to={href(page - 1)} rel="prev">
          {t("awards.previous")}
        </Link>
      ) : null}
      <span>{t("awards.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link className="utrecht-link" to={href(page + 1)} rel="next">
          {t("awards.next")}
        </Link>
      ) : null}
    </nav>
  );
}
