import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { AppLink } from "~/components/app-link";
import { HeadedTable, Heading1, Paragraph, TableCell, TableRow } from "~/components/nlds";
import { getDb } from "~/db.server";
import { useDateFormat } from "~/lib/locale";
import { titleMeta } from "~/lib/meta";
import { myBallots } from "~/modules/voting/ballot.server";

export const meta = titleMeta("voting.myVotes");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { ballots: await myBallots(getDb(), user.id, context.locale) };
}

/** The voter's own ballots with their choices and receipt codes; only ever shown to the voter. */
export default function MyVotes() {
  const { ballots } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const date = useDateFormat({ dateStyle: "medium", timeStyle: "short" });
  return (
    <>
      <Heading1>{t("voting.myVotes")}</Heading1>
      <Paragraph>{t("voting.myVotesIntro")}</Paragraph>
      {ballots.length === 0 ? (
        <Paragraph>{t("voting.noVotes")}</Paragraph>
      ) : (
        <HeadedTable
          headers={[t("voting.awardRound"), t("voting.categoryColumn"), t("voting.yourChoice"), t("voting.receiptLabel"), t("voting.when")]}
        >
          {ballots.map((b) => (
            <TableRow key={b.id}>
              <TableCell>
                <AppLink to={b.href}>
                  {b.award}: {b.round}
                </AppLink>
              </TableCell>
              <TableCell>{b.category}</TableCell>
              <TableCell>
                {b.choices.join(", ")}
                {b.voided ? ` (${t("voting.voidedShort")})` : ""}
              </TableCell>
              <TableCell>
                <AppLink to={`/stembewijs?code=${encodeURIComponent(b.receiptCode)}`} className="lauwer-receipt">
                  {b.receiptCode}
                </AppLink>
              </TableCell>
              <TableCell>
                {date(b.updatedAt)}
                {b.version > 1 ? ` (${t("voting.changedTimes", { count: b.version - 1 })})` : ""}
              </TableCell>
            </TableRow>
          ))}
        </HeadedTable>
      )}
    </>
  );
}
