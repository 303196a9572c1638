import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { handleIntents, intent, redirectWithNotice, refusalResponse } from "~/lib/action.server";
import { parseFormData, type FormFailure } from "~/lib/forms.server";
import { ok, refuse } from "~/lib/outcome";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph } from "~/components/nlds";
import { ProposalForm } from "~/modules/book/components/proposal-form";
import type { SuggestionItem } from "~/modules/book/components/proposal-suggestions";
import { projectMemberGuard, requireProjectMember, type ProjectView } from "~/modules/book/project.server";
import { proposalSchema, type YearLimits } from "~/modules/book/proposal.schema";
import { createProposal, type NewProposal } from "~/modules/book/proposal.server";
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

/** What a post came to: the form's own errors, or the service's value with what was typed. */
type Proposed = { invalid: FormFailure } | (NewProposal & { invalid?: undefined; values: Record<string, string> });

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, projectMemberGuard, {
    // The page's one form posts without an intent. Its schema depends on the project's period, so the
    // form is parsed here, once the guard found the project (a closed window answers first).
    "": intent({
      async run(g, _typed, { form }) {
        if (!g.project.proposalsOpen) return refuse(409, "bookProposals.errors.closed");
        const parsed = parseFormData(form, proposalSchema(limitsOf(g.project)));
        if (!parsed.ok) return ok<Proposed>({ invalid: parsed });
        const outcome = await createProposal(g.db, g.user, g.project.id, parsed.data);
        return outcome.ok ? ok<Proposed>({ ...outcome.value, values: parsed.raw }) : outcome;
      },
      done(g, proposed: Proposed) {
        if (proposed.invalid) return data({ ...proposed.invalid, matches: [] as SuggestionItem[] }, 400);
        const { id, matches, values } = proposed;
        // Close matches stopped it: the member supports one of them, or confirms it is someone else.
        if (matches) {
          const stopped = refusalResponse(refuse(409, "bookProposals.errors.possibleDuplicate"), values);
          return data({ ...stopped.data, matches }, stopped.init ?? undefined);
        }
        return redirectWithNotice(`/boek/${g.project.slug}/voordrachten/${id}`, "bookProposals.notice.proposed");
      },
    }),
  });

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
