import "~/i18n/page-texts/users";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "~/auth/guards.server";
import { FilterForm, FilterSearch } from "~/components/filter-form";
import { Heading1, Paragraph } from "~/components/nlds";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { titleMeta } from "~/lib/meta";
import { searchTerm } from "~/lib/query";
import { UserList } from "~/modules/users/components/user-list";
import { PAGE_SIZE, searchUsers } from "~/modules/users/users.server";

export const meta = titleMeta("users.list.title");

/** A platform admin's search of people, by name, e-mail address or organisation, in pages. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, { role: "admin" });
  const url = new URL(request.url);
  const q = searchTerm(url.searchParams.get("q"));
  const pageParam = Number(url.searchParams.get("pagina") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1;
  const { rows, total } = await searchUsers(getDb(), { q, page });
  return {
    q,
    page,
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    users: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      organisation: r.organisation,
      verified: r.email_verified_at !== null,
      blocked: r.blocked_at !== null,
    })),
  };
}

export default function Users() {
  const { q, page, pages, total, users } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const pageLink = (p: number) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (p > 1) params.set("pagina", String(p));
    const s = params.toString();
    return s ? `/beheer/gebruikers?${s}` : "/beheer/gebruikers";
  };
  return (
    <>
      <Heading1>{t("users.list.title")}</Heading1>
      <Paragraph>{t("users.list.intro")}</Paragraph>
      <FilterForm label={t("users.list.searchButton")} submit={t("users.list.searchButton")} primary search>
        <FilterSearch id="users-q" name="q" label={t("users.list.search")} defaultValue={q} />
      </FilterForm>
      <Paragraph role="status" id="results-heading">
        {t("users.list.count", { count: total })}
      </Paragraph>
      <UserList users={users} />
      <Pagination page={page} pages={pages} href={pageLink} />
    </>
  );
}
