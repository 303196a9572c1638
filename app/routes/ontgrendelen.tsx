import "~/i18n/page-texts/account";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Alert, Button, Heading1, Paragraph } from "~/components/nlds";
import { getDb } from "~/db.server";
import { handleIntents, intent, redirectWithNotice } from "~/lib/action.server";
import { parseFormData, type FormFailure } from "~/lib/forms.server";
import { titleMeta } from "~/lib/meta";
import { refuse } from "~/lib/outcome";
import { TokenSchema } from "~/modules/accounts/account.schema";
import { unlockLogin } from "~/modules/accounts/account.server";

export const meta = titleMeta("accounts.unlock.title");

// Opening the mailed link only shows a button: mail scanners that prefetch links must not use up the token.
export async function loader(_: LoaderFunctionArgs) {
  return null;
}

const guard = ({ context }: ActionFunctionArgs) => ({ db: getDb(), ip: context.ip });

export const action = (args: ActionFunctionArgs) =>
  handleIntents(args, guard, {
    // The button posts the link's token without an intent; anything wrong with it is one message.
    "": intent({
      async run(g, _raw, { form }) {
        const parsed = parseFormData(form, TokenSchema);
        return parsed.ok ? unlockLogin(g.db, parsed.data.token, g.ip) : refuse(400, "accounts.unlock.invalid");
      },
      done: () => redirectWithNotice("/inloggen", "accounts.unlock.done"),
    }),
  });

export default function UnlockAccount() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const failed = useActionData<FormFailure>()?.formError;
  return (
    <>
      <Heading1>{t("accounts.unlock.title")}</Heading1>
      {failed ? (
        <Alert type="error">
          <Paragraph>{t(failed)}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t("accounts.unlock.intro")}</Paragraph>
      <Form method="post">
        <input type="hidden" name="token" value={params.get("token") ?? ""} />
        <Button type="submit" appearance="primary-action-button">
          {t("accounts.unlock.submit")}
        </Button>
      </Form>
    </>
  );
}
