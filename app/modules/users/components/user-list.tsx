import "~/i18n/page-texts/users";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { HeadedTable, Paragraph, TableCell, TableRow } from "~/components/nlds";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  organisation: string;
  verified: boolean;
  blocked: boolean;
}

/** A person's state in one word: blocked first, then an address not confirmed, else active. */
export function UserState({ verified, blocked }: { verified: boolean; blocked: boolean }) {
  const { t } = useTranslation();
  return <>{t(blocked ? "users.state.blocked" : verified ? "users.state.active" : "users.state.unverified")}</>;
}

/** The search results: each person's name opens their page. */
export function UserList({ users }: { users: UserRow[] }) {
  const { t } = useTranslation();
  if (users.length === 0) return <Paragraph>{t("users.list.none")}</Paragraph>;
  return (
    <HeadedTable
      labelledBy="results-heading"
      headers={[t("users.list.name"), t("users.list.email"), t("users.list.organisation"), t("users.list.state")]}
    >
      {users.map((u) => (
        <TableRow key={u.id}>
          <TableCell>
            <AppLink to={`/beheer/gebruikers/${u.id}`}>{u.name}</AppLink>
          </TableCell>
          <TableCell>{u.email}</TableCell>
          <TableCell>{u.organisation || "—"}</TableCell>
          <TableCell>
            <UserState verified={u.verified} blocked={u.blocked} />
          </TableCell>
        </TableRow>
      ))}
    </HeadedTable>
  );
}
