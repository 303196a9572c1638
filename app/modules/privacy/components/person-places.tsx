import "~/i18n/page-texts/privacy-people";
import { useTranslation } from "react-i18next";
import { AppLink } from "~/components/app-link";
import { Paragraph, UnorderedList, UnorderedListItem } from "~/components/nlds";
import type { PersonPlaces } from "~/modules/privacy/person.server";

/** Whether anything of the person was found. */
export function foundAnything(p: PersonPlaces) {
  return (
    p.nominees.length + p.references.length + p.portrayed.length + p.accounts.length + p.mentions.length > 0 ||
    p.invitations + p.mails + p.drafts + p.auditEntries + p.snapshots > 0
  );
}

/**
 * Every place a person was found (issue #19): their records as a nominee in every award, as a reference,
 * in the book, their account, and the counts of texts, mails and history that name them — what an
 * erasure will touch, shown before anyone confirms it.
 */
export function PersonPlacesList({ places }: { places: PersonPlaces }) {
  const { t } = useTranslation();
  if (!foundAnything(places)) return <Paragraph>{t("privacyPeople.nothing")}</Paragraph>;
  const counts = (["invitations", "mails", "drafts", "auditEntries", "snapshots"] as const).filter((k) => places[k] > 0);
  const countKey = { invitations: "invitations", mails: "mails", drafts: "drafts", auditEntries: "audit", snapshots: "snapshots" } as const;
  return (
    <>
      {places.nominees.length ? (
        <>
          <h3 className="utrecht-heading-3">{t("privacyPeople.nominees", { count: places.nominees.length })}</h3>
          <UnorderedList>
            {places.nominees.map((n) => (
              <UnorderedListItem key={n.id}>
                {t("privacyPeople.nomineeLine", {
                  award: n.award,
                  year: n.year,
                  name: n.name,
                  status: n.erased ? t("privacyPeople.erasedMark") : t(`moderation.statusValue.${n.status}`, { defaultValue: n.status }),
                })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
      {places.references.length ? (
        <>
          <h3 className="utrecht-heading-3">{t("privacyPeople.references", { count: places.references.length })}</h3>
          <UnorderedList>
            {places.references.map((r) => (
              <UnorderedListItem key={r.id}>
                {t("privacyPeople.referenceLine", { award: r.award, year: r.year, nominee: r.forNominee })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
      {places.portrayed.length ? (
        <>
          <h3 className="utrecht-heading-3">{t("privacyPeople.portrayed", { count: places.portrayed.length })}</h3>
          <UnorderedList>
            {places.portrayed.map((p) => (
              <UnorderedListItem key={p.id}>
                {p.project}: {p.name}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
      {places.accounts.length ? (
        <>
          <h3 className="utrecht-heading-3">{t("privacyPeople.accounts")}</h3>
          <UnorderedList>
            {places.accounts.map((a) => (
              <UnorderedListItem key={a.id}>
                <AppLink to={`/beheer/gebruikers/${a.id}`}>{a.name}</AppLink>
              </UnorderedListItem>
            ))}
          </UnorderedList>
          <Paragraph>{t("privacyPeople.accountNote")}</Paragraph>
        </>
      ) : null}
      {places.mentions.length ? (
        <>
          <h3 className="utrecht-heading-3">{t("privacyPeople.mentions")}</h3>
          <UnorderedList>
            {places.mentions.map((m) => (
              <UnorderedListItem key={`${m.table}.${m.column}`}>
                {t("privacyPeople.mentionLine", {
                  where: t(`privacyPeople.columns.${m.table}_${m.column}`, { defaultValue: `${m.table}.${m.column}` }),
                  count: m.rows,
                })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
      {counts.length ? (
        <UnorderedList>
          {counts.map((k) => (
            <UnorderedListItem key={k}>{t(`privacyPeople.${countKey[k]}`, { count: places[k] })}</UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
    </>
  );
}
