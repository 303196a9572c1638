import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~/db.server";
import { refusalResponse, redirectWithNotice } from "~/lib/action.server";
import { parseForm } from "~/lib/forms.server";
import { refuse } from "~/lib/outcome";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph } from "~/components/nlds";
import { ProposalForm } from "~/modules/book/components/proposal-form";
import type { SuggestionItem } from "~/modules/book/components/proposal-suggestions";
import { requireProjectMember, type ProjectView } from "~/modules/book/project.server";
import { proposalSchema, type YearLimits } from "~/modules/book/proposal.schema";
import { createProposal } from "~/modules/book/proposal.server";
import { writingTitle } from "~/modules/book/components/manuscript-parts";

const limitsOf = (project: ProjectView): YearLimits => ({
  periodFrom: project.periodFrom,
  periodTo: project.periodTo,
  currentYear: project.now.getUTCFullYear(),
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectMember(request, context, params);
  return {
    project: { slug: project.slug, title: project.title, themes: project.themes.map((t) => ({ id: t.id, name: t.name })) },
    limits: limitsOf(project),
    open: project.proposalsOpen,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) =>
  writingTitle(matches, "bookProposals.propose.title", d?.project.title);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectMember(request, context, params);
  if (!project.proposalsOpen) return refusalResponse(refuse(409, "bookProposals.errors.closed"));
  const parsed = await parseForm(request, proposalSchema(limitsOf(project)));
  if (!parsed.ok) return data({ ...parsed, matches: [] as SuggestionItem[] }, 400);
  const outcome = await createProposal(getDb(), user, project.id, parsed.data);
  if (!outcome.ok) return refusalResponse(outcome, parsed.raw);
  const { id, matches } = outcome.value;
  // Close matches stopped it: the member supports one of them, or confirms it is someone else.
  if (matches) {
    const stopped = refusalResponse(refuse(409, "bookProposals.errors.possibleDuplicate"), parsed.raw);
    return data({ ...stopped.data, matches }, stopped.init ?? undefined);
  }
  return redirectWithNotice(`/boek/${project.slug}/voordrachten/${id}`, "bookProposals.notice.proposed");
}

export default function ProposeCivilServant() {
  const { project, limits, open } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const base = `/boek/${project.slug}/voordrachten`;
  return (
    <>
      <Paragraph className="lauwer-preheading">{project.title}</Paragraph>
      <Heading1>{t("bookProposals.propose.title")}</Heading1>
      {open ? (
        <>
          <Paragraph>
            {t("bookProposals.propose.intro", { project: project.title, from: limits.periodFrom, to: limits.periodTo })}
          </Paragraph>
          <ProposalForm limits={limits} themes={project.themes} base={base} />
        </>
      ) : (
        <Paragraph>{t("bookProposals.propose.closed")}</Paragraph>
      )}
      <Paragraph>
        <AppLink to={base}>{t("bookProposals.detail.back")}</AppLink>
      </Paragraph>
    </>
  );
}
