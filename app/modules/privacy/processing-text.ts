import {
  ACTIVITIES,
  BACKUP_RETENTION,
  LEGAL_BASES,
  PROCESSING,
  RETENTION,
  type ActivityKey,
  type Period,
  type ProcessingActivity,
} from "./processing";

// The record of processing (processing.ts) in words: the privacy statement page and the art. 30
// register in docs/privacy.md both say it through these functions, so their sentences and numbers are
// the same. Client-safe: a translate function comes in, strings go out.

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The installation's session limits (configured); null in the register, which names the settings instead. */
export interface SessionLimits {
  idleMinutes: number;
  absoluteHours: number;
}

const P = "legal.privacy";

function activity(key: ActivityKey): ProcessingActivity {
  return PROCESSING[key];
}

/** How long, in words, with the numbers from the record (or the configuration for sessions). */
export function periodText(t: Translate, period: Period, session: SessionLimits | null): string {
  switch (period.kind) {
    case "session":
      return session
        ? t(`${P}.period.session`, { idle: session.idleMinutes, hours: session.absoluteHours })
        : t(`${P}.period.sessionConfigured`);
    case "edition":
      return t(`${P}.period.edition`, { count: RETENTION.editionDefaultDays });
    case "afterLastUse":
      return t(`${P}.period.afterLastUse`, { count: period.days });
    case "validFor":
      return t(`${P}.period.validFor`, { count: period.hours });
    default:
      return t(`${P}.period.${period.kind}`);
  }
}

/** One sentence per retention rule of the activity, then its note (what stays, and why), if any. */
export function retentionSentences(t: Translate, key: ActivityKey, session: SessionLimits | null): string[] {
  const a = activity(key);
  const lines = a.retention.map((r) =>
    t(`${P}.retentionLine`, { what: t(`${P}.what.${r.what}`), period: periodText(t, r.period, session) }),
  );
  return a.retentionNote ? [...lines, t(`${P}.${key}.retentionNote`)] : lines;
}

/** One line per legal basis: what it covers, the basis and its letter in art. 6(1). */
export function basisSentences(t: Translate, key: ActivityKey): string[] {
  return activity(key).bases.map((b) =>
    t(`${P}.basisLine`, { for: t(`${P}.${key}.basisFor.${b.for}`), name: t(`${P}.legalBasis.${b.basis}`), letter: LEGAL_BASES[b.basis] }),
  );
}

export function subjectsText(t: Translate, key: ActivityKey): string {
  return capitalise(
    activity(key)
      .subjects.map((s) => t(`${P}.subject.${s}`))
      .join(", "),
  );
}

export function categoriesText(t: Translate, key: ActivityKey): string {
  return capitalise(
    activity(key)
      .categories.map((c) => t(`${P}.category.${c}`))
      .join("; "),
  );
}

/**
 * Who receives the data and which processors handle it. `mailConfigured`: whether this installation
 * has a mail provider (null in the register: "where one is set").
 */
export function recipientsText(t: Translate, key: ActivityKey, mailConfigured: boolean | null): string {
  const a = activity(key);
  const recipients = a.recipients.length ? a.recipients.map((r) => t(`${P}.recipient.${r}`)).join(", ") : t(`${P}.recipientsNone`);
  const processors = a.processors
    .filter((p) => p !== "mail" || mailConfigured !== false)
    .map((p) => t(`${P}.processor.${p === "mail" && mailConfigured === null ? "mailWhereSet" : p}`));
  return t(`${P}.recipientsLine`, { recipients: capitalise(recipients), processors: processors.join(", ") });
}

export function backupSentence(t: Translate): string {
  return t(`${P}.backups`, { count: BACKUP_RETENTION.days });
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

export const REGISTER_START = "<!-- processing-register:start (npm run privacy:register writes this section) -->";
export const REGISTER_END = "<!-- processing-register:end -->";

/**
 * The register of processing activities (AVG art. 30(1)) as Markdown, between the markers, for
 * docs/privacy.md. `t` is the English translator (the docs are in English).
 */
export function registerMarkdown(t: Translate): string {
  const out = [
    REGISTER_START,
    "",
    "## Register of processing (art. 30)",
    "",
    "Generated from `app/modules/privacy/processing.ts` by `npm run privacy:register`; the privacy statement",
    "(`/privacy`) renders the same record, and the jobs that enforce a period read it from `RETENTION` there.",
    "The controller, its contact details and the DPO are set on `/beheer/verklaringen` and shown on `/privacy`.",
    "",
  ];
  for (const key of ACTIVITIES) {
    out.push(
      `### ${t(`${P}.${key}.heading`)}`,
      "",
      `- **${t(`${P}.subjectsLabel`)}**: ${subjectsText(t, key)}.`,
      `- **${t(`${P}.categoriesLabel`)}**: ${categoriesText(t, key)}.`,
      `- **${t(`${P}.data`)}**: ${t(`${P}.${key}.data`)}`,
      `- **${t(`${P}.purpose`)}**: ${t(`${P}.${key}.purpose`)}`,
      `- **${t(`${P}.basis`)}**: ${basisSentences(t, key).join(" ")}`,
      `- **${t(`${P}.recipientsLabel`)}**: ${recipientsText(t, key, null)}`,
      `- **${t(`${P}.retention`)}**: ${retentionSentences(t, key, null).join(" ")}`,
      "",
    );
  }
  out.push(`### ${t(`${P}.backupsHeading`)}`, "", backupSentence(t), "", REGISTER_END);
  return out.join("\n");
}

/** The register section of a document (from its start marker to its end marker), or null when it has none. */
export function registerSection(doc: string): string | null {
  const start = doc.indexOf(REGISTER_START);
  const end = doc.indexOf(REGISTER_END, start);
  return start < 0 || end < 0 ? null : doc.slice(start, end + REGISTER_END.length);
}

/** The document with its register section replaced by `section` (appended when it has none yet). */
export function withRegister(doc: string, section: string): string {
  const old = registerSection(doc);
  return old === null ? `${doc.trimEnd()}\n\n${section}\n` : doc.replace(old, () => section);
}
