import type { erasureNl } from "./erasure.nl";
import type { Shape } from "./nl";

export const erasureEn: Shape<typeof erasureNl> = {
  notice: {
    erased: "This person's data has been erased.",
    personErased: "The person has been erased everywhere.",
    retentionSaved: "The retention period has been saved.",
  },
  link: "Erase person (GDPR)",
  title: "Erase person",
  preheading: "{{edition}} — moderation",
  erasedName: "Erased person",
  intro:
    "When a nominee asks for their data to be removed (GDPR, right to erasure), you erase here everything Lauwer keeps about this person. This cannot be undone.",
  goesHeading: "What goes",
  goes: {
    person: "Name (becomes ‘Verwijderde kandidaat’), organisation, e-mail address, age, pitch and story",
    nominations: "The motivations, video links and relations of the nominations for this person",
    references: "References: names, e-mail addresses and statements",
    elsewhere: "Every mention of the name or e-mail address in e-mails, drafts, jury comments, the audit log and published results",
  },
  staysHeading: "What stays",
  stays:
    "Votes, tallies, advancement and jury scores stay the same (per candidate id). A published result that names the person gets a new SHA-256 hash.",
  counts:
    "Found: {{nominees}} record(s) of this person (including merged duplicates), {{nominations}} nomination(s) and {{references}} reference(s).",
  everywhere:
    "Found on the whole platform (every award and the book) and erased too: {{nominees}} record(s) as a nominee, {{references}} time(s) as a reference for someone else, {{invitations}} invitation(s) and {{texts}} text(s) naming the person.",
  already: "This person has already been erased. Erasing again does no harm and cleans up anything added since.",
  reason: "Grounds of the request",
  reasonChoose: "Choose the grounds",
  reasons: {
    own_request: "Request by the person themselves",
    representative: "Request by a representative",
    authority: "Request or ruling of a supervisory authority or court",
    other: "Other grounds",
  },
  reasonHint: "Only the category is recorded in the audit log, never the erased data.",
  confirm: "I understand that erasing cannot be undone",
  submit: "Erase permanently",
  back: "Back to the nomination",
  retentionTitle: "Retention of personal data",
  retentionSave: "Save retention period",
  retentionOpen: "The edition has not ended yet: a nomination period or round is still open (or has no closing time).",
  retentionDue: "The edition ended on {{closed}}; its personal data will be anonymised from {{due}}.",
  retentionKept: "The edition ended on {{closed}}; without a retention period its personal data is not anonymised automatically.",
  retentionDone: "The personal data of this edition was anonymised on {{date}}.",
  retentionLabel: "Retention of personal data (days after the edition ends)",
  retentionHint:
    "Once the edition has ended (last round or nomination period closed) plus this many days, its personal data is anonymised. Empty: never automatically.",
  errors: {
    reason: "Choose the grounds of the request.",
    confirm: "Tick the box to confirm that erasing is permanent.",
    person: "Enter the name or the e-mail address of the person.",
    nameLong: "A name is at most 200 characters.",
    notFound: "This nominee does not exist in this edition.",
    retentionDays: "Enter a number of days from 0 to 3650, or leave the field empty.",
  },
};
