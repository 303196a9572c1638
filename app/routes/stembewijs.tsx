import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterForm } from "~/components/filter-form";
import { Alert, FormField, FormLabel, Heading1, Paragraph, Textbox } from "~/components/nlds";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { checkReceipt } from "~/modules/voting/ballot.server";

export const meta = titleMeta("voting.verifyTitle");

/** Public receipt check (a GET form, so the result can be bookmarked): counted or not, never the choice. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const code = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 40);
  if (!code.trim()) return { code: "", result: null };
  return { code, result: await checkReceipt(getDb(), code, context.locale) };
}

export default function VerifyReceipt() {
  const { code, result } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat({ dateStyle: "medium", timeStyle: "medium" });
  return (
    <>
      <Heading1>{t("voting.verifyTitle")}</Heading1>
      <Paragraph>{t("voting.verifyIntro")}</Paragraph>
      {/* The lookup is the page's task: its button is the primary one. The form is named by its button,
          so the code field stays the only thing labelled "Stembewijs". */}
      <FilterForm label={t("voting.verifySubmit")} submit={t("voting.verifySubmit")} primary>
        <FormField>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="receipt-code">{t("voting.receiptLabel")}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textbox id="receipt-code" name="code" defaultValue={code} autoComplete="off" spellCheck={false} />
          </div>
        </FormField>
      </FilterForm>
      {result ? (
        <Alert type={result.status === "counted" ? "ok" : result.status === "received" ? "info" : "warning"} id="receipt-result">
          <Paragraph>
            <strong>{t(`voting.receipt.${result.status}`)}</strong>
          </Paragraph>
          {result.status !== "unknown" ? (
            <>
              <Paragraph>
                {t("voting.receiptDetails", {
                  award: result.award,
                  round: result.round,
                  category: result.category,
                  at: date(result.at),
                })}
              </Paragraph>
              {result.status !== "superseded" ? (
                <>
                  <Paragraph data-testid="receipt-listed">
                    {result.listed
                      ? t(result.listed.status === "counted" ? "recount.receipt.listedCounted" : "recount.receipt.listedVoided", {
                          version: result.listed.version,
                        })
                      : t("recount.receipt.notListed")}
                  </Paragraph>
                  <Paragraph>
                    {t("recount.receipt.hash")}{" "}
                    <code className="lauwer-hash" data-testid="receipt-hash">
                      {result.hash}
                    </code>
                  </Paragraph>
                </>
              ) : null}
            </>
          ) : null}
        </Alert>
      ) : null}
    </>
  );
}
