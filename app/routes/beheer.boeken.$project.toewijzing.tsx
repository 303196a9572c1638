import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError } from "~/components/form";
import {
  Button,
  FormField,
  FormLabel,
  HeadedTable,
  Heading1,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  TableCell,
  TableRow,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import { config } from "~/config.server";
import { getDb } from "~/db.server";
import { dateTimeLocalValue, useDateFormat } from "~/lib/locale";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { formFailure, parseForm } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { applySuggestion, assign, assignmentBoard, suggestionFor, unassign } from "~/modules/book/assignment.server";
import { AssignSchema, ProposalIdSchema } from "~/modules/book/manuscript.schema";
import { requireProjectEditor } from "~/modules/book/project.server";
import * as z from "zod/mini";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const board = await assignmentBoard(getDb(), project, context.locale);
  const s = suggestionFor(board);
  const portraitName = new Map(board.portraits.map((p) => [p.id, p.name]));
  const authorName = new Map(board.authors.map((a) => [a.userId, a.name]));
  return {
    project: { slug: project.slug, title: project.title, defaultDue: dateTimeLocalValue(project.draftsDueAt) },
    board: {
      portraits: board.portraits.map((p) => ({
        ...p,
        author: p.author ? { ...p.author, dueAt: p.author.dueAt?.toISOString() ?? null } : null,
      })),
      authors: board.authors,
    },
    suggestion: {
      fingerprint: s.fingerprint,
      byRank: s.byRank,
      pairs: s.pairs.map((p) => ({ ...p, portrait: portraitName.get(p.proposalId) ?? "", author: authorName.get(p.userId) ?? "" })),
      unclaimed: s.unclaimed.map((id) => portraitName.get(id) ?? ""),
      unmatched: s.unmatched.map((id) => portraitName.get(id) ?? ""),
      authorsAtCap: s.authorsAtCap.map((id) => authorName.get(id) ?? ""),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  writingTitle(matches, "bookWriting.assign.title", data?.project.title);

const ApplySchema = z.object({ fingerprint: z.string().check(z.regex(/^[0-9a-f]{32}$/)) });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { project } = await requireProjectEditor(request, context, params);
  const intent = new URL(request.url).searchParams.get("intent");
  const here = `/beheer/boeken/${project.slug}/toewijzing`;
  const db = getDb();
  const actor = actorFrom(context);
  const mail = { origin: config().origin };
  if (intent === "assign") {
    const parsed = await parseForm(request, AssignSchema);
    if (!parsed.ok) {
      const first = Object.values(parsed.fieldErrors)[0];
      return formFailure(400, { ...parsed, formError: parsed.formError ?? first });
    }
    const r = await assign(db, actor, project, parsed.data, mail);
    if (!r.ok) return formFailure(r.status, { fieldErrors: {}, formError: r.error, values: parsed.raw });
    return redirect(withNotice(here, "bookWriting.notice.assigned"), 303);
  }
  if (intent === "unassign") {
    const parsed = await parseForm(request, ProposalIdSchema);
    if (!parsed.ok) return formFailure(400, { fieldErrors: {}, formError: "bookWriting.errors.noSuchPortrait" });
    const r = await unassign(db, actor, project, parsed.data.proposalId);
    if (!r.ok) return formFailure(r.status, { fieldErrors: {}, formError: r.error });
    return redirect(withNotice(here, "bookWriting.notice.unassigned"), 303);
  }
  if (intent === "apply") {
    const parsed = await parseForm(request, ApplySchema);
    if (!parsed.ok) return formFailure(400, { fieldErrors: {}, formError: "bookWriting.errors.suggestionChanged" });
    const r = await applySuggestion(db, actor, project, parsed.data.fingerprint, mail, context.locale);
    if (!r.ok) return formFailure(r.status, { fieldErrors: {}, formError: r.error });
    return redirect(withNotice(here, "bookWriting.notice.suggestionApplied"), 303);
  }
  return formFailure(400, { fieldErrors: {}, formError: "errors.badRequest" });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Assignment() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const admin = `/beheer/boeken/${data.project.slug}`;
  useEffect(() => {
    if (failure) document.getElementById("form-error")?.focus();
  }, [failure]);
  return (
    <>
      <Heading1>{t("bookWriting.assign.title")}</Heading1>
      <Paragraph>
        <AppLink to={admin}>{t("bookWriting.backToProject")}</AppLink> ·{" "}
        <AppLink to={`${admin}/auteurs`}>{t("bookWriting.authors.titleShort")}</AppLink> ·{" "}
        <AppLink to={`${admin}/portretten`}>{t("bookWriting.overview.title")}</AppLink>
      </Paragraph>
      <FormError failure={failure} />
      <Suggestion data={data} />
      <section aria-labelledby="portraits-heading">
        <Heading2 id="portraits-heading">{t("bookWriting.assign.portraitsHeading", { count: data.board.portraits.length })}</Heading2>
        <HeadedTable headers={[t("bookWriting.subject"), t("bookWriting.assign.claimants"), t("bookWriting.assign.author")]}>
          {data.board.portraits.map((p) => (
            <PortraitRow key={p.id} portrait={p} data={data} />
          ))}
        </HeadedTable>
      </section>
    </>
  );
}

function Suggestion({ data }: { data: Data }) {
  const { t } = useTranslation();
  const s = data.suggestion;
  return (
    <section aria-labelledby="suggestion-heading" className="lauwer-bw-card">
      <Heading2 id="suggestion-heading">{t("bookWriting.assign.suggestionHeading")}</Heading2>
      <Paragraph>{t("bookWriting.assign.suggestionHow")}</Paragraph>
      {s.pairs.length === 0 ? (
        <Paragraph>{t("bookWriting.assign.suggestionEmpty")}</Paragraph>
      ) : (
        <>
          <Paragraph>
            {t("bookWriting.assign.suggestionSummary", { count: s.pairs.length })}{" "}
            {t("bookWriting.assign.suggestionRanks", { first: s.byRank[1], second: s.byRank[2], third: s.byRank[3] })}
          </Paragraph>
          <HeadedTable headers={[t("bookWriting.subject"), t("bookWriting.assign.author"), t("bookWriting.assign.choice")]}>
            {s.pairs.map((p) => (
              <TableRow key={p.proposalId}>
                <TableCell>{p.portrait}</TableCell>
                <TableCell>{p.author}</TableCell>
                <TableCell>{t(`bookWriting.rank.${p.rank}`)}</TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        </>
      )}
      {s.unmatched.length ? (
        <Paragraph>{t("bookWriting.assign.unmatched", { names: s.unmatched.join(", "), count: s.unmatched.length })}</Paragraph>
      ) : null}
      {s.unclaimed.length ? (
        <Paragraph>{t("bookWriting.assign.unclaimed", { names: s.unclaimed.join(", "), count: s.unclaimed.length })}</Paragraph>
      ) : null}
      {s.authorsAtCap.length ? (
        <Paragraph>{t("bookWriting.assign.atCap", { names: s.authorsAtCap.join(", "), count: s.authorsAtCap.length })}</Paragraph>
      ) : null}
      {s.pairs.length ? (
        <Form method="post" action="?intent=apply">
          <input type="hidden" name="fingerprint" value={s.fingerprint} />
          <Button type="submit" appearance="primary-action-button">
            {t("bookWriting.assign.apply", { count: s.pairs.length })}
          </Button>
        </Form>
      ) : null}
    </section>
  );
}

function PortraitRow({ portrait: p, data }: { portrait: Data["board"]["portraits"][number]; data: Data }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  const claimants = new Set(p.claims.map((c) => c.userId));
  const others = data.board.authors.filter((a) => a.remaining > 0 && !claimants.has(a.userId));
  const id = p.id.slice(0, 8);
  return (
    <TableRow>
      <TableCell>
        {p.name}
        <div>
          {p.serviceFrom}–{p.serviceTo}, {p.theme}
        </div>
      </TableCell>
      <TableCell>
        {p.claims.length === 0 ? (
          t("bookWriting.assign.noClaimants")
        ) : (
          <UnorderedList>
            {p.claims.map((c) => (
              <UnorderedListItem key={c.userId}>
                {t(`bookWriting.rank.${c.rank}`)}: {c.name} ({t("bookWriting.assign.room", { count: c.remaining })})
                <details>
                  <summary>{t("bookWriting.assign.motivation")}</summary>
                  <p className="lauwer-bw-prewrap">{c.motivation}</p>
                </details>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </TableCell>
      <TableCell>
        {p.author ? (
          <>
            <div>{p.author.name}</div>
            <div>
              {t(`bookWriting.status.${p.author.status}`)}, {t("bookWriting.dueOn", { date: date(p.author.dueAt, t("bookWriting.noDue")) })}
            </div>
            {p.author.status === "assigned" && !p.author.hasText ? (
              <Form method="post" action="?intent=unassign">
                <input type="hidden" name="proposalId" value={p.id} />
                <Button
                  type="submit"
                  appearance="secondary-action-button"
                  aria-label={t("bookWriting.assign.unassignLabel", { name: p.name })}
                >
                  {t("bookWriting.assign.unassign")}
                </Button>
              </Form>
            ) : null}
          </>
        ) : (
          <Form method="post" action="?intent=assign" className="lauwer-bw-assign">
            <input type="hidden" name="proposalId" value={p.id} />
            <FormField type="text">
              <div className="utrecht-form-field__label">
                <FormLabel htmlFor={`author-${id}`}>{t("bookWriting.assign.authorFor", { name: p.name })}</FormLabel>
              </div>
              <Select id={`author-${id}`} name="userId" defaultValue="">
                <SelectOption value="">{t("bookWriting.assign.chooseAuthor")}</SelectOption>
                {p.claims.length ? (
                  <optgroup label={t("bookWriting.assign.claimantsGroup")}>
                    {p.claims.map((c) => (
                      <SelectOption key={c.userId} value={c.userId} disabled={c.remaining === 0}>
                        {c.name} — {t(`bookWriting.rank.${c.rank}`)} ({t("bookWriting.assign.room", { count: c.remaining })})
                      </SelectOption>
                    ))}
                  </optgroup>
                ) : null}
                {others.length ? (
                  <optgroup label={t("bookWriting.assign.othersGroup")}>
                    {others.map((a) => (
                      <SelectOption key={a.userId} value={a.userId}>
                        {a.name} ({t("bookWriting.assign.room", { count: a.remaining })})
                      </SelectOption>
                    ))}
                  </optgroup>
                ) : null}
              </Select>
            </FormField>
            <FormField type="text">
              <div className="utrecht-form-field__label">
                <FormLabel htmlFor={`due-${id}`}>
                  {t("bookWriting.assign.due")}
                  <span className="lauwer-bw-hidden"> {t("bookWriting.assign.portraitOf", { name: p.name })}</span>
                </FormLabel>
              </div>
              <Textbox id={`due-${id}`} type="datetime-local" name="dueAt" defaultValue={data.project.defaultDue} />
            </FormField>
            <Button type="submit" appearance="secondary-action-button" aria-label={t("bookWriting.assign.assignLabel", { name: p.name })}>
              {t("bookWriting.assign.assign")}
            </Button>
          </Form>
        )}
      </TableCell>
    </TableRow>
  );
}
