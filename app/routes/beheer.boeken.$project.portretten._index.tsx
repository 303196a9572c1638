import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import "~/i18n/page-texts/departed";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import { FilterCheckbox, FilterForm, FilterSelect } from "~/components/filter-form";
import { Button, HeadedTable, Heading1, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { intent, handleIntents, redirectWithNotice } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { actorFrom } from "~/modules/audit/audit.server";
import { useDateFormat } from "~/lib/locale";
import { MANUSCRIPT_STATUSES, ProposalIdSchema } from "~/modules/book/manuscript.schema";
import { manuscriptOverview, remindAuthor } from "~/modules/book/manuscript.server";
import { requireProjectEditor } from "~/modules/book/project.server";

const STATUS_FILTERS = [...MANUSCRIPT_STATUSES, "none"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const url = new URL(request.url);
  const status = STATUS_FILTERS.find((s) => s === url.searchParams.get("status"));
  const overdue = url.searchParams.get("te-laat") === "ja";
  const rows = await manuscriptOverview(getDb(), project, { status, overdue }, context.locale);
  return {
    project: { slug: project.slug, title: project.title, wordsMin: project.wordsMin, wordsMax: project.wordsMax },
    filters: { status: status ?? "", overdue },
    rows: rows.map((r) => ({
      ...r,
      dueAt: r.dueAt?.toISOString() ?? null,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      remindedAt: r.remindedAt?.toISOString() ?? null,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  writingTitle(matches, "bookWriting.overview.title", data?.project.title);

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  // Back to the list as it was filtered.
  const back = new URL(request.url);
  back.searchParams.delete("intent");
  return { db: getDb(), project, actor: actorFrom(context), back: back.pathname + back.search };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    remind: intent({
      schema: ProposalIdSchema,
      // The buttons have no fields: their message is shown above the table.
      errorsOnForm: true,
      run: (g, input) => remindAuthor(g.db, g.actor, g.project, input.proposalId, { origin: config().origin }),
      done: (g) => redirectWithNotice(g.back, "bookWriting.notice.reminded"),
    }),
  });

export default function ManuscriptOverview() {
  const { project, filters, rows } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const { t } = useTranslation();
  const date = useDateFormat();
  const admin = `/beheer/boeken/${project.slug}`;
  const search = new URLSearchParams(
    Object.entries({ status: filters.status, "te-laat": filters.overdue ? "ja" : "" }).filter(([, v]) => v),
  );
  const remindAction = `?${new URLSearchParams([...search.entries(), ["intent", "remind"]]).toString()}`;
  const overdueCount = rows.filter((r) => r.overdue).length;
  useEffect(() => {
    if (failure) document.getElementById("form-error")?.focus();
  }, [failure]);
  return (
    <>
      <Heading1>{t("bookWriting.overview.title")}</Heading1>
      <Paragraph>
        <AppLink to={admin}>{t("bookWriting.backToProject")}</AppLink> ·{" "}
        <AppLink to={`${admin}/toewijzing`}>{t("bookWriting.assign.title")}</AppLink> ·{" "}
        <AppLink to={`${admin}/auteurs`}>{t("bookWriting.authors.titleShort")}</AppLink>
      </Paragraph>
      <Paragraph>{t("bookWriting.overview.intro", { min: project.wordsMin, max: project.wordsMax })}</Paragraph>
      <FormError failure={failure} />
      <FilterForm label={t("bookWriting.overview.filters")} submit={t("bookWriting.overview.filter")}>
        <FilterSelect
          id="filter-status"
          name="status"
          label={t("bookWriting.statusLabel")}
          any={t("bookWriting.overview.any")}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`bookWriting.status.${s}`) }))}
          defaultValue={filters.status}
        />
        <FilterCheckbox
          id="filter-overdue"
          name="te-laat"
          value="ja"
          label={t("bookWriting.overview.onlyOverdue")}
          checked={filters.overdue}
        />
      </FilterForm>
      <Paragraph role="status">{t("bookWriting.overview.count", { count: rows.length, overdue: overdueCount })}</Paragraph>
      <HeadedTable
        headers={[
          t("bookWriting.subject"),
          t("bookWriting.assign.author"),
          t("bookWriting.statusLabel"),
          t("bookWriting.due"),
          t("bookWriting.wordsLabel"),
          t("bookWriting.overview.actions"),
        ]}
      >
        {rows.map((r) => (
          <TableRow key={r.id} className={r.overdue ? "lauwer-bw-overdue" : undefined}>
            <TableCell>
              {r.status ? <AppLink to={`${admin}/portretten/${r.id}`}>{r.name}</AppLink> : r.name}
              <div>{r.theme}</div>
            </TableCell>
            {/* An assignment without an author: a finished portrait whose author deleted their account. */}
            <TableCell>{r.author ?? (r.status ? t("departed.member") : t("bookWriting.overview.noAuthor"))}</TableCell>
            <TableCell>
              {r.status ? t(`bookWriting.status.${r.status}`) : "—"}
              {r.publishedAt ? ` (${t("bookWriting.published")})` : ""}
            </TableCell>
            <TableCell>
              {r.status ? date(r.dueAt, t("bookWriting.noDue")) : "—"}
              {r.authorLate ? <strong className="lauwer-bw-overdue__label"> {t("bookWriting.overview.overdue")}</strong> : null}
              {r.editorsLate ? <strong className="lauwer-bw-overdue__label"> {t("bookWriting.overview.editorsLate")}</strong> : null}
            </TableCell>
            <TableCell>{r.words === null ? "—" : t("bookWriting.words", { count: r.words })}</TableCell>
            <TableCell>
              {r.authorLate ? (
                <Form method="post" action={remindAction}>
                  <input type="hidden" name="proposalId" value={r.id} />
                  <Button
                    type="submit"
                    appearance="secondary-action-button"
                    aria-label={t("bookWriting.overview.remindLabel", { name: r.name })}
                  >
                    {t("bookWriting.overview.remind")}
                  </Button>
                </Form>
              ) : null}
              {r.remindedAt ? <div>{t("bookWriting.overview.remindedAt", { date: date(r.remindedAt, "") })}</div> : null}
            </TableCell>
          </TableRow>
        ))}
      </HeadedTable>
    </>
  );
}
