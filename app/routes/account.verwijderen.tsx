import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { invalidateSession } from "~/auth/lucia.server";
import { AppLink } from "~/components/app-link";
import { Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent } from "~/lib/action.server";
import { titleMeta } from "~/lib/meta";
import { withNotice } from "~/lib/notice";
import { actorFrom } from "~/modules/audit/audit.server";
import { DeleteAccountSchema } from "~/modules/accounts/account.schema";
import { DeleteAccount } from "~/modules/accounts/components/self-service";
import { deleteAccount, deletionFacts } from "~/modules/accounts/deletion.server";

export const meta = titleMeta("accounts.delete.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const facts = await deletionFacts(getDb(), user.id);
  return {
    facts: {
      ...facts,
      portraits: facts.portraits.map((p) => ({ name: p.name })),
      writtenPortraits: facts.writtenPortraits.map((p) => ({ name: p.name })),
      finishedPortraits: facts.finishedPortraits.map((p) => ({ name: p.name })),
      email: user.email,
    },
  };
}

const guard = ({ request, context }: ActionFunctionArgs) => ({
  db: getDb(),
  user: requireUser(request, context),
  ip: context.ip,
  actor: actorFrom(context),
  sessionId: context.session?.id ?? "",
});

// A throttled password check (429) says when to try again.
export const headers: HeadersFunction = ({ actionHeaders, loaderHeaders }) =>
  actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders;

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    delete: intent({
      schema: DeleteAccountSchema,
      run: (g, input) => deleteAccount(g.db, g.user, input, g.ip, g.actor),
      // The account's sessions went with it; this browser's cookie is cleared too.
      done: async (g) =>
        redirect(withNotice("/inloggen", "accounts.delete.done"), {
          status: 303,
          headers: { "Set-Cookie": await invalidateSession(g.sessionId) },
        }),
    }),
  });

export default function AccountDelete() {
  const { facts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>
        <AppLink to="/account">{t("account.title")}</AppLink>
      </Paragraph>
      <Heading1>{t("accounts.delete.title")}</Heading1>
      <DeleteAccount facts={facts} />
    </>
  );
}
