import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { FormError, SelectField, SubmitButton, TextareaField, useAppForm } from "~/components/form";
import {
  HeadedTable,
  Heading1,
  Heading2,
  Paragraph,
  SelectOption,
  TableCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from "~/components/nlds";
import { getDb } from "~/db.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { CLAIM_MOTIVATION_MAX, ClaimsSchema, RANKS, type ClaimsInput } from "~/modules/book/author.schema";
import { claimsOf, openPortraits, saveClaims } from "~/modules/book/author.server";
import { myAssignments } from "~/modules/book/manuscript.server";
import { findAuthor, projectMemberGuard, requireProjectMember } from "~/modules/book/project.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, project } = await requireProjectMember(request, context, params);
  const db = getDb();
  const author = await findAuthor(db, project.id, user.id);
  const base = { project: { slug: project.slug, title: project.title, claimsOpen: project.claimsOpen } };
  if (!author) return { ...base, isAuthor: false as const, portraits: [], claims: [], assignments: [] };
  const [portraits, claims, assignments] = await Promise.all([
    openPortraits(db, project.id, context.locale),
    claimsOf(db, project.id, user.id),
    myAssignments(db, project.id, user.id),
  ]);
  return {
    ...base,
    isAuthor: true as const,
    portraits,
    claims: claims.map((c) => ({
      proposalId: c.proposal_id,
      rank: c.rank,
      motivation: c.motivation,
      name: c.name,
      taken: c.assigned_to !== null,
    })),
    assignments: assignments.map((a) => ({ proposalId: a.proposal_id, name: a.name, status: a.status })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  writingTitle(matches, "bookWriting.claims.title", data?.project.title);

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, projectMemberGuard, {
    // The page's one form posts without an intent.
    "": intent({
      schema: ClaimsSchema,
      run: (g, input) => saveClaims(g.db, g.project, g.user.id, input),
      done: (g) => redirectWithNotice(`/boek/${g.project.slug}/wensen`, "bookWriting.notice.claimsSaved"),
    }),
  });

export default function Claims() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/boek/${data.project.slug}`;
  return (
    <>
      <Heading1>{t("bookWriting.claims.title")}</Heading1>
      {!data.isAuthor ? (
        <Paragraph>
          {t("bookWriting.claims.signUpFirst")} <AppLink to={`${base}/auteur`}>{t("bookWriting.author.title")}</AppLink>
        </Paragraph>
      ) : (
        <AuthorClaims data={data} />
      )}
    </>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function AuthorClaims({ data }: { data: Data }) {
  const { t } = useTranslation();
  const base = `/boek/${data.project.slug}`;
  const open = new Set(data.portraits.map((p) => p.id));
  const byRank = new Map(data.claims.map((c) => [c.rank, c]));
  const defaults: Partial<ClaimsInput> = {};
  for (const r of RANKS) {
    const c = byRank.get(r);
    defaults[`choice${r}`] = c && open.has(c.proposalId) ? c.proposalId : "";
    defaults[`motivation${r}`] = c?.motivation ?? "";
  }
  const { register, handleSubmit, errorOf, failure, errors, watch } = useAppForm(ClaimsSchema, defaults);
  return (
    <>
      <Paragraph>
        <AppLink to={`${base}/auteur`}>{t("bookWriting.author.editTitle")}</AppLink> ·{" "}
        <AppLink to={`${base}/mijn-portretten`}>{t("bookWriting.mine.title")}</AppLink>
      </Paragraph>
      <section aria-labelledby="current-heading">
        <Heading2 id="current-heading">{t("bookWriting.claims.current")}</Heading2>
        {data.claims.length === 0 ? (
          <Paragraph>{t("bookWriting.claims.none")}</Paragraph>
        ) : (
          <UnorderedList>
            {data.claims.map((c) => (
              <UnorderedListItem key={c.proposalId}>
                {t(`bookWriting.rank.${c.rank}`)}: {c.name}
                {c.taken ? ` — ${t("bookWriting.claims.taken")}` : ""}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
        {data.assignments.length ? (
          <>
            <Paragraph>{t("bookWriting.claims.assignedHeading")}</Paragraph>
            <UnorderedList>
              {data.assignments.map((a) => (
                <UnorderedListItem key={a.proposalId}>
                  <AppLink to={`${base}/mijn-portretten/${a.proposalId}`}>{a.name}</AppLink> ({t(`bookWriting.status.${a.status}`)})
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        ) : null}
      </section>
      <section aria-labelledby="choose-heading">
        <Heading2 id="choose-heading">{t("bookWriting.claims.chooseHeading")}</Heading2>
        {!data.project.claimsOpen ? (
          <Paragraph>{t("bookWriting.claims.closed")}</Paragraph>
        ) : data.portraits.length === 0 ? (
          <Paragraph>{t("bookWriting.claims.noneOpen")}</Paragraph>
        ) : (
          <>
            <Paragraph>{t("bookWriting.claims.intro")}</Paragraph>
            <FormError failure={failure} errors={errors} />
            <Form method="post" onSubmit={handleSubmit} noValidate className="lauwer-form">
              {RANKS.map((r) => (
                <fieldset key={r}>
                  <legend>{t(`bookWriting.rank.${r}`)}</legend>
                  <SelectField
                    name={`choice${r}`}
                    label={t("bookWriting.claims.portrait", { rank: t(`bookWriting.rank.${r}`) })}
                    registration={register(`choice${r}`)}
                    error={errorOf(`choice${r}`)}
                  >
                    <SelectOption value="">{r === 1 ? t("bookWriting.claims.pick") : t("bookWriting.claims.noChoice")}</SelectOption>
                    {data.portraits.map((p) => (
                      <SelectOption key={p.id} value={p.id}>
                        {p.name} ({p.serviceFrom}–{p.serviceTo}, {p.theme})
                      </SelectOption>
                    ))}
                  </SelectField>
                  <TextareaField
                    name={`motivation${r}`}
                    label={t("bookWriting.claims.motivation", { rank: t(`bookWriting.rank.${r}`) })}
                    counter={t("bookWriting.counter", { count: (watch(`motivation${r}`) ?? "").length, max: CLAIM_MOTIVATION_MAX })}
                    registration={register(`motivation${r}`)}
                    error={errorOf(`motivation${r}`)}
                    rows={3}
                  />
                </fieldset>
              ))}
              <SubmitButton>{t("bookWriting.claims.save")}</SubmitButton>
            </Form>
          </>
        )}
      </section>
      <section aria-labelledby="open-heading">
        <Heading2 id="open-heading">{t("bookWriting.claims.openHeading", { count: data.portraits.length })}</Heading2>
        {data.portraits.length ? (
          <HeadedTable headers={[t("bookWriting.subject"), t("bookWriting.theme"), t("bookWriting.period")]}>
            {data.portraits.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  {p.name}
                  <div>
                    {p.role}, {p.organisation}
                  </div>
                </TableCell>
                <TableCell>{p.theme}</TableCell>
                <TableCell>
                  {p.serviceFrom}–{p.serviceTo}
                </TableCell>
              </TableRow>
            ))}
          </HeadedTable>
        ) : null}
      </section>
    </>
  );
}
