import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb, retryWhileUnavailable } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { withNotice } from "~/lib/notice";
import { NominationForm } from "~/modules/awards/components/nomination-form";
import { useEdition } from "~/modules/awards/components/use-edition";
import { loadEdition } from "~/modules/awards/edition.server";
import { nominationSchemaOf } from "~/modules/awards/nomination.schema";
import { countOwnNominations, draftFields, getDraft, saveDraft, submitNomination } from "~/modules/awards/nomination.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const db = getDb();
  const edition = await loadEdition(db, params.award, params.year, context.locale);
  const [draft, used] = await Promise.all([getDraft(db, user.id, edition.id), countOwnNominations(db, user.id, edition.id)]);
  return {
    verified: user.emailVerified,
    open: edition.nomination.state === "current",
    draft: draft ?? null,
    used,
    // Posted with the form (and again after a failed try), so a repeated submit stores one nomination.
    submissionKey: crypto.randomUUID(),
  };
}

async function guard({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const db = getDb();
  // Reading the edition is safe to repeat: a dropped connection is tried again for a moment.
  const edition = await retryWhileUnavailable(() => loadEdition(db, params.award, params.year, context.locale), 2000);
  return { db, user, edition, locale: context.locale, here: `/prijzen/${edition.awardSlug}/${edition.year}/nomineren` };
}

export const action = (args: ActionFunctionArgs) =>
  handleIntents(
    args,
    guard,
    {
      // The nomination form is the page's form: it posts without an intent; its schema follows the
      // edition's kind of nominee, which the guard reads.
      "": intent({
        schema: (g) => nominationSchemaOf(g.edition.nomineeKind),
        run: (g, input) => submitNomination(g.db, g.user, g.edition, input, g.locale),
        done: () => redirect(withNotice("/mijn-nominaties", "nominate.done")),
      }),
      // Drafts are kept as typed, validated only on submit.
      draft: intent({
        run: (g, _input, { raw }) => saveDraft(g.db, g.user.id, g.edition.id, draftFields(raw)),
        done: (g) => redirect(withNotice(g.here, "nominate.draftSaved")),
      }),
    },
    { notStored: "nominate.errors.notStored" },
  );

export default function Nominate() {
  const { verified, open, draft, used, submissionKey } = useLoaderData<typeof loader>();
  const edition = useEdition();
  const { t } = useTranslation();
  const cap = edition.nominationsPerMember;
  // The page's own submission key, never one from a draft (a failed try's key comes back in useAppForm).
  // The category starts empty ("Kies een categorie") unless a draft chose one: no silent default. An
  // edition of one category leaves nothing to choose.
  const only = edition.categories.length === 1 ? edition.categories[0]!.id : "";
  const defaults = { categoryId: only, ...(draft ?? {}), submissionKey };
  return (
    <>
      <Heading1>{t("nominate.title", { award: edition.name })}</Heading1>
      {!open ? (
        <Paragraph>{t("nominate.closed")}</Paragraph>
      ) : !verified ? (
        <Paragraph>
          {t("nominate.verifyFirst")} <AppLink to="/account">{t("layout.account")}</AppLink>
        </Paragraph>
      ) : used >= cap ? (
        <Paragraph>{t("nominate.capReached")}</Paragraph>
      ) : (
        <>
          <Paragraph>{t("nominate.intro", { cap, used })}</Paragraph>
          {draft ? <Paragraph>{t("nominate.draftLoaded")}</Paragraph> : null}
          <NominationForm defaults={defaults} />
        </>
      )}
    </>
  );
}
