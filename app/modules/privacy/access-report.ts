import type { TFunction } from "i18next";

// What Lauwer holds about a person (AVG art. 15), as data: the JSON download, the readable page and the
// answer mail are made from one report. Client-safe (the page renders it).

export interface AccessReport {
  /** When the report was made (ISO). */
  madeAt: string;
  accounts: Array<{
    name: string;
    email: string;
    organisation: string;
    createdAt: string;
    roles: string[];
    ballots: number;
    nominationsMade: number;
  }>;
  nominees: Array<{
    award: string;
    year: number;
    category: string;
    kind: string;
    name: string;
    organisation: string;
    contactEmail: string | null;
    age: number | null;
    pitch: string;
    story: string;
    status: string;
    consent: string;
    erased: boolean;
    /** The motivations written for them (by whom is the nominators' data, not theirs). */
    motivations: string[];
  }>;
  references: Array<{
    award: string;
    year: number;
    forNominee: string;
    name: string;
    email: string;
    relation: string;
    statement: string | null;
  }>;
  invitations: Array<{ kind: "jury" | "role" | "round"; createdAt: string }>;
  portrayed: Array<{ project: string; name: string }>;
  /** Texts by others that name them: where, and how many (the texts are the writers' own). */
  mentions: Array<{ table: string; column: string; rows: number }>;
  mails: Array<{ subject: string; createdAt: string; status: string }>;
}

export const isEmptyReport = (r: AccessReport) =>
  !r.accounts.length &&
  !r.nominees.length &&
  !r.references.length &&
  !r.invitations.length &&
  !r.portrayed.length &&
  !r.mentions.length &&
  !r.mails.length;

/** The report as plain text, for the answer mail (the same facts as the readable page). */
export function accessReportText(r: AccessReport, t: TFunction): string {
  if (isEmptyReport(r)) return t("privacyRequests.report.nothing");
  const out: string[] = [];
  const section = (key: string, lines: string[]) => {
    if (lines.length) out.push([t(`privacyRequests.report.${key}`), ...lines.map((l) => `- ${l}`)].join("\n"));
  };
  section(
    "accounts",
    r.accounts.map((a) =>
      t("privacyRequests.report.accountLine", {
        name: a.name,
        email: a.email,
        organisation: a.organisation || "—",
        roles: a.roles.join(", ") || "—",
        ballots: a.ballots,
        nominations: a.nominationsMade,
      }),
    ),
  );
  section(
    "nominees",
    r.nominees.map((n) =>
      [
        t("privacyRequests.report.nomineeLine", { award: n.award, year: n.year, category: n.category, name: n.name, status: n.status }),
        ...(n.organisation ? [`  ${t("privacyRequests.report.organisation")}: ${n.organisation}`] : []),
        ...(n.contactEmail ? [`  ${t("privacyRequests.report.email")}: ${n.contactEmail}`] : []),
        ...(n.age !== null ? [`  ${t("privacyRequests.report.age")}: ${n.age}`] : []),
        ...(n.pitch ? [`  ${t("privacyRequests.report.pitch")}: ${n.pitch}`] : []),
        ...(n.story ? [`  ${t("privacyRequests.report.story")}: ${n.story}`] : []),
        ...n.motivations.map((m) => `  ${t("privacyRequests.report.motivation")}: ${m}`),
      ].join("\n"),
    ),
  );
  section(
    "references",
    r.references.map((x) =>
      t("privacyRequests.report.referenceLine", { award: x.award, year: x.year, nominee: x.forNominee, name: x.name, email: x.email }),
    ),
  );
  section(
    "invitations",
    r.invitations.map((i) => t(`privacyRequests.report.invitation.${i.kind}`, { date: i.createdAt.slice(0, 10) })),
  );
  section(
    "portrayed",
    r.portrayed.map((p) => `${p.name} (${p.project})`),
  );
  section(
    "mentions",
    r.mentions.map((m) =>
      t("privacyRequests.report.mentionLine", {
        place: t(`privacyPeople.columns.${m.table}_${m.column}`, { defaultValue: `${m.table}.${m.column}` }),
        count: m.rows,
      }),
    ),
  );
  section(
    "mails",
    r.mails.map((m) => `${m.createdAt.slice(0, 10)}: ${m.subject}`),
  );
  return out.join("\n\n");
}
