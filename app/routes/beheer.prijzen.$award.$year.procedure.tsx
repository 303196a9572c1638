import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import { getDb } from "~/db.server";
import { intent, handleIntents } from "~/lib/action.server";
import type { FormFailure } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { CategoryForm } from "~/modules/awards/components/category-form";
import { SettingsForm } from "~/modules/awards/components/edition-settings-form";
import { JumpLinks, RoundItem } from "~/modules/awards/components/procedure-sections";
import { RoundForm } from "~/modules/awards/components/round-form";
import { requireEditionOrganizer } from "~/modules/awards/guard.server";
import {
  CategorySchema,
  DeleteRoundSchema,
  EditionSettingsSchema,
  RoundSchema,
  type EditionSettingsInput,
  type RoundInput,
} from "~/modules/awards/procedure.schema";
import {
  addCategory,
  addRound,
  deleteRound,
  getProcedureSettings,
  listProcedureRounds,
  updateEditionSettings,
  updateRound,
} from "~/modules/awards/procedure.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  const db = getDb();
  const [settings, rounds] = await Promise.all([getProcedureSettings(db, edition.id), listProcedureRounds(db, edition.id)]);
  return {
    edition: { name: edition.name, categories: edition.categories, base: `/beheer/prijzen/${edition.awardSlug}/${edition.year}` },
    settings: {
      descriptionNl: settings.description_nl,
      descriptionEn: settings.description_en,
      themeNl: settings.theme_nl,
      themeEn: settings.theme_en,
      criteriaNl: settings.criteria_nl,
      criteriaEn: settings.criteria_en,
      nomineeKind: settings.nominee_kind,
      maxAge: settings.max_nominee_age?.toString() ?? "",
      opensAt: settings.opens ?? "",
      closesAt: settings.closes ?? "",
      perMember: String(settings.nominations_per_member),
      ceremonyAt: settings.ceremony ?? "",
      ceremonyPlace: settings.ceremony_place,
      juryReminderDays: String(settings.jury_reminder_days),
    },
    rounds: rounds.map((r) => ({
      position: r.position,
      opened: r.opened,
      values: {
        roundId: r.id,
        kind: r.kind,
        nameNl: r.name_nl,
        nameEn: r.name_en,
        opensAt: r.opens ?? "",
        closesAt: r.closes ?? "",
        source: r.source,
        advancement: r.advancement,
        advanceK: r.advance_k?.toString() ?? "",
        ballotMode: r.ballot_mode,
        maxChoices: String(r.max_choices),
        allowChange: r.allow_change,
        showLiveTotals: r.show_live_totals,
        eligibility: r.eligibility,
        domains: r.eligible_domains.join(", "),
        providers: r.eligible_providers.join(", "),
        organisations: r.eligible_organisations.join("; "),
        tieBreak: r.tie_break,
        juryVisibility: r.jury_visibility,
        blind: r.blind,
        showVotePosition: r.show_vote_position,
        aggregation: r.aggregation,
        normalize: r.normalize,
        minScores: String(r.min_scores),
        showMotivations: r.show_motivations,
      },
    })),
  };
}

async function guard({ request, context, params }: ActionFunctionArgs) {
  const { edition } = await requireEditionOrganizer(request, context, params);
  return { db: getDb(), edition, actor: actorFrom(context), here: `/beheer/prijzen/${edition.awardSlug}/${edition.year}/procedure` };
}
const saved = (g: Awaited<ReturnType<typeof guard>>) => redirect(withNotice(g.here, "procedure.saved"));

// Each form posts its formId, so a refusal is shown in the form it is about.
export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    settings: intent({
      schema: EditionSettingsSchema,
      run: (g, input) => updateEditionSettings(g.db, g.actor, g.edition.id, input),
      done: saved,
    }),
    category: intent({ schema: CategorySchema, run: (g, input) => addCategory(g.db, g.actor, g.edition.id, input), done: saved }),
    "delete-round": intent({
      schema: DeleteRoundSchema,
      run: (g, input) => deleteRound(g.db, g.actor, g.edition.id, input.roundId),
      done: saved,
    }),
    round: intent({
      schema: RoundSchema,
      run: (g, input) => (input.roundId ? updateRound : addRound)(g.db, g.actor, g.edition.id, input),
      done: saved,
    }),
  });

/** Opens the folded item a refused post was about, so its error is in view. */
const failedIn = (failure: FormFailure | undefined, formId: string) => failure?.values?.formId === formId;

export default function Procedure() {
  const { edition, settings, rounds } = useLoaderData<typeof loader>();
  const actionData = useActionData<FormFailure>();
  const { t } = useTranslation();
  // The page is split by concern: settings, categories, rounds; each round folds into one line.
  const sections = [
    ["settings-heading", t("procedure.settingsHeading")],
    ["categories-heading", t("procedure.categoriesHeading")],
    ["rounds-heading", t("procedure.roundsHeading")],
  ] as const;
  return (
    <>
      <Heading1>{t("procedure.title", { edition: edition.name })}</Heading1>
      <JumpLinks sections={sections} />
      {actionData && !actionData.values.formId ? <FormError failure={actionData} /> : null}
      <section aria-labelledby="settings-heading">
        <Heading2 id="settings-heading">{t("procedure.settingsHeading")}</Heading2>
        <details className="lauwer-fold" open={rounds.length === 0 || failedIn(actionData, "settings") || undefined}>
          <summary>{t("control.procedure.settingsSummary")}</summary>
          <SettingsForm values={settings as EditionSettingsInput} />
        </details>
      </section>
      <section aria-labelledby="categories-heading">
        <Heading2 id="categories-heading">{t("procedure.categoriesHeading")}</Heading2>
        <UnorderedList>
          {edition.categories.map((c) => (
            <UnorderedListItem key={c.id}>
              {c.name} ({c.slug})
            </UnorderedListItem>
          ))}
        </UnorderedList>
        <CategoryForm />
      </section>
      <section aria-labelledby="rounds-heading">
        <Heading2 id="rounds-heading">{t("procedure.roundsHeading")}</Heading2>
        <Paragraph>{t("procedure.roundsIntro")}</Paragraph>
        {rounds.map((r) => (
          <RoundItem
            key={r.values.roundId}
            base={edition.base}
            round={{ ...r, values: r.values as RoundInput }}
            open={failedIn(actionData, `round-${r.position}`)}
          />
        ))}
        <details className="lauwer-fold" open={rounds.length === 0 || failedIn(actionData, "round-new") || undefined}>
          <summary>{t("control.procedure.newRoundSummary")}</summary>
          <RoundForm id="round-new" title={t("procedure.newRound")} />
        </details>
      </section>
    </>
  );
}
