import "~/i18n/page-texts/teams";
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RoundKind } from "../../../../db/types";

export interface EditionMenuData {
  name: string;
  /** The edition's control room, e.g. /beheer/prijzen/top-100/2026. */
  base: string;
  /** The award's organizer pages (the audit log is per award). */
  awardBase: string;
  rounds: Array<{ position: number; kind: RoundKind; name: string }>;
}

interface Item {
  href: string;
  label: string;
}

/** The edition's tools, grouped: the edition itself, its rounds, and what follows from them. */
function useGroups(d: EditionMenuData) {
  const { t } = useTranslation();
  const at = (path: string) => (path ? `${d.base}/${path}` : d.base);
  const edition: Item[] = [
    { href: at(""), label: t("control.menu.overview") },
    { href: at("moderatie"), label: t("control.menu.moderation") },
    { href: at("procedure"), label: t("control.menu.procedure") },
  ];
  const rounds: Item[] = d.rounds.flatMap((r): Item[] => {
    const name = `${r.position}. ${r.name}`;
    if (r.kind === "jury") return [{ href: at(`jury/${r.position}`), label: name }];
    if (r.kind === "organizer_selection") return [{ href: at(`selectie/${r.position}`), label: name }];
    return [
      { href: at(`stemmen/${r.position}`), label: name },
      { href: at(`stemmen/${r.position}/stembiljetten`), label: t("control.menu.ballots", { position: r.position }) },
    ];
  });
  const jury: Item[] = [
    { href: at("jury"), label: t("control.menu.jury") },
    { href: at("jury/belangen"), label: t("control.menu.conflicts") },
  ];
  const after: Item[] = [
    { href: at("uitslag"), label: t("control.menu.results") },
    { href: at("berichten"), label: t("control.menu.notices") },
    { href: at("export"), label: t("control.menu.exports") },
    { href: at("bewaartermijn"), label: t("erasure.retentionTitle") },
    { href: `${d.awardBase}/auditlog`, label: t("control.menu.auditLog") },
    { href: `${d.awardBase}/team`, label: t("teams.menu.team") },
  ];
  return [
    { id: "edition", label: t("control.menu.groupEdition"), items: edition },
    { id: "rounds", label: t("control.menu.groupRounds"), items: rounds },
    { id: "jury", label: t("control.menu.groupJury"), items: jury },
    { id: "after", label: t("control.menu.groupAfter"), items: after },
  ].filter((g) => g.items.length > 0);
}

/** The item whose address is the longest prefix of the current path (a nominee's page marks "Moderation"). */
function currentHref(items: Item[], pathname: string): string | undefined {
  const path = pathname.replace(/\/+$/, "");
  return items.filter((i) => path === i.href || path.startsWith(`${i.href}/`)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

function Groups({ groups, current }: { groups: ReturnType<typeof useGroups>; current: string | undefined }) {
  return (
    <div className="lauwer-edition-menu__groups">
      {groups.map((g) => (
        <div key={g.id} className="lauwer-edition-menu__group">
          <p className="lauwer-edition-menu__heading">{g.label}</p>
          <ul>
            {g.items.map((i) => (
              <li key={i.href}>
                <Link className="utrecht-link" to={i.href} aria-current={i.href === current ? "page" : undefined}>
                  {i.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

/**
 * Every organizer tool of an edition, one click away, with the current page marked. On a phone the
 * menu folds into one line that names the current page; from a tablet up it is an open block.
 */
export function EditionMenu({ data }: { data: EditionMenuData }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const groups = useGroups(data);
  const current = currentHref(
    groups.flatMap((g) => g.items),
    pathname,
  );
  const currentLabel = groups.flatMap((g) => g.items).find((i) => i.href === current)?.label;
  const label = t("control.menu.label", { edition: data.name });
  return (
    <>
      <details className="lauwer-edition-menu lauwer-edition-menu--narrow" key={pathname}>
        <summary>
          <span className="lauwer-edition-menu__more">{t("control.menu.open")}</span> {data.name}
          {currentLabel ? `: ${currentLabel}` : null}
        </summary>
        <nav aria-label={label}>
          <Groups groups={groups} current={current} />
        </nav>
      </details>
      <nav aria-label={label} className="lauwer-edition-menu lauwer-edition-menu--wide">
        <p className="lauwer-edition-menu__edition">{data.name}</p>
        <Groups groups={groups} current={current} />
      </nav>
    </>
  );
}
