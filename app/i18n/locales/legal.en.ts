import type { legalNl } from "./legal.nl";
import type { Shape } from "./nl";

export const legalEn: Shape<typeof legalNl> = {
  notice: { saved: "The details of the statements have been saved." },
  notSet: "(not set yet)",
  share: {
    candidate: "{{name}} is a candidate for {{edition}}. Read why, on Lauwer.",
    resultsTitle: "Results {{edition}}",
    results: "The results of {{edition}} on Lauwer.",
    top100: "The Top 100 of {{edition}} on Lauwer.",
    portrait: "A portrait from {{project}}, on Lauwer.",
    imageAlt: "Lauwer — awards and crowdsourcing by and for the Dutch public sector",
  },
  settings: {
    title: "Admin: organisation and statements",
    intro:
      "These details appear in the privacy statement and the accessibility statement. Fill them in for the organisation that offers Lauwer; every change is recorded in the audit log.",
    organisationHeading: "Organisation and contact",
    dpoHeading: "Data protection officer",
    a11yHeading: "Accessibility",
    organisation: "Name of the organisation",
    controller: "Controller",
    controllerHint: "The organisation (or public body) that decides why and how personal data is processed.",
    contactEmail: "Email address for questions and requests",
    postalAddress: "Postal address",
    optional: "(optional)",
    dpoName: "Name of the data protection officer (DPO)",
    dpoEmail: "Email address of the DPO",
    statementDate: "Date of the statements",
    lastCheckDate: "Date of the last accessibility check",
    dateHint: "For example 2026-12-03.",
    compliance: "Status against WCAG 2.1 level AA",
    limitationsNl: "Known limitations, with plan and date (Dutch)",
    limitationsEn: "Known limitations, with plan and date (English)",
    limitationsHint:
      "One limitation per line, for example: ‘The results charts have no text alternative per bar; fixed by 1 March 2027 at the latest.’",
    save: "Save",
    viewPrivacy: "View the privacy statement",
    viewA11y: "View the accessibility statement",
  },
  compliance: {
    full: "Fully compliant",
    partial: "Partially compliant",
    initial: "First measures taken",
    none: "Not compliant",
  },
  errors: {
    required: "Fill in this field.",
    tooLong: "This text is too long.",
    date: "Enter an existing date as yyyy-mm-dd, for example 2026-12-03.",
    compliance: "Choose one of the four statuses.",
  },
  privacy: {
    intro:
      "This statement tells you which personal data Lauwer processes, why, on what legal basis, how long we keep it, who receives it and what your rights are (articles 13 and 14 of the General Data Protection Regulation, GDPR).",
    controllerHeading: "Who is responsible",
    controller: "{{controller}} is the controller of the personal data in Lauwer, offered by {{organisation}}.",
    contact: "Questions and requests about your data: {{email}}.",
    address: "Postal address: {{address}}.",
    dpoHeading: "Data protection officer",
    dpo: "The data protection officer (DPO) supervises internally how we handle personal data. You can reach the DPO directly: {{name}}, {{email}}.",
    processingHeading: "Which data, for what, on what basis",
    data: "Data",
    purpose: "Purpose",
    basis: "Legal basis",
    retention: "Retention",
    account: {
      heading: "Your account",
      data: "Name, email address, organisation (optional), language preference, the password as a hash (argon2id) and your sessions.",
      purpose: "Logging in and taking part: nominating, voting, judging, proposing or writing portraits.",
      basis: "Performance of the agreement you enter into when you create an account (art. 6(1)(b) GDPR).",
      retention:
        "As long as your account exists; we delete it on request. A session expires after {{idle}} minutes without activity and after {{hours}} hours at most; a confirmation link after 24 hours, a password reset link after 1 hour.",
    },
    nominations: {
      heading: "Nominations",
      data: "Of the nominator: the account and their relation to the candidate. Of the nominee: name, organisation, email address, age (only for awards with an age limit), motivation, story and references.",
      purpose:
        "Running an award: collecting, assessing and (only with their consent) publishing candidates. A nominee is informed and can consent or decline.",
      basis:
        "Legitimate interest in running the award (art. 6(1)(f) GDPR); a candidate is published only with their consent (art. 6(1)(a) GDPR).",
      retention:
        "Until the edition's retention period has passed (see below); then nominees who never became public are erased and contact details, ages and references are removed. Public candidates stay with their name, organisation, pitch and motivations.",
    },
    votes: {
      heading: "Votes",
      data: "Your choice, a receipt (a code only you see; the published list holds only its hash), the time, your account, your IP address and a random device code (cookie lauwer_device, stored only as a hash).",
      purpose:
        "Counting votes on the principle of one person, one vote (one ballot per account per round), letting you check that your vote counts, and detecting fraud. Organizers never see who voted for whom.",
      basis: "Legitimate interest in a reliable and verifiable vote (art. 6(1)(f) GDPR).",
      retention:
        "Account, IP address and device code are detached from the ballot when the edition's retention period has passed. The choices themselves stay anonymously in the published results, so those remain verifiable.",
    },
    jury: {
      heading: "Jury",
      data: "Name and email address of jurors, their scores, comments and declared conflicts of interest.",
      purpose: "Assessing candidates and recording the jury round verifiably.",
      basis: "Performance of the arrangement with the juror (art. 6(1)(b) GDPR).",
      retention:
        "Comments and the reasons for conflicts of interest are erased when the edition's retention period has passed; the scores (numbers) stay, because the results rest on them.",
    },
    portraits: {
      heading: "Portraits (book project)",
      data: "Proposals (who is proposed, by which account, with sources), the assignment to authors, their texts and editorial comments.",
      purpose: "Compiling a book of portraits and showing the published portraits online.",
      basis:
        "Legitimate interest in compiling and publishing the book (art. 6(1)(f) GDPR); for authors, the arrangement about their contribution (art. 6(1)(b) GDPR).",
      retention: "Published portraits stay published, as part of the book. A proposal that is not included is deleted on request.",
    },
    mail: {
      heading: "Email",
      data: "Your email address, the messages Lauwer sends you and your choices of which messages you want.",
      purpose: "Informing you about your account, nominations, votes, jury work and results; every message has an unsubscribe link.",
      basis: "Performance of the agreement (art. 6(1)(b) GDPR) and, for messages to nominees, legitimate interest (art. 6(1)(f) GDPR).",
      retention:
        "Messages to nominees and references are deleted when the edition's retention period has passed; your choices are kept until you change them.",
    },
    audit: {
      heading: "Audit log",
      data: "Who did what and when (with IP address), for actions of organizers, jurors, editors and admins.",
      purpose: "Accounting for decisions and being able to investigate misuse.",
      basis: "Legitimate interest in accountability (art. 6(1)(f) GDPR).",
      retention: "The log itself stays (it cannot be changed or deleted); names and email addresses of erased persons are removed from it.",
    },
    periodsHeading: "Retention per edition",
    periodsIntro:
      "The organizers of an award set per edition how many days after it closes the personal data is erased or anonymised. Currently set:",
    periodDays_one: "{{edition}}: {{count}} day after it closes",
    periodDays_other: "{{edition}}: {{count}} days after it closes",
    periodKept: "{{edition}}: no automatic period (data is erased on request)",
    periodDone: "{{edition}}: already anonymised",
    periodsNone: "There are no editions yet.",
    recipientsHeading: "Recipients and processors",
    recipients:
      "An award's organizers see the nominations for their award; jurors see the files of the candidates they assess; a book's editors see that book's proposals and texts. Visitors only see public candidates, results and published portraits. We do not sell data or share it for advertising.",
    processors:
      "Processors with whom {{controller}} has a data processing agreement: the hosting party that runs the servers and the database, and the email provider that delivers messages.",
    processorsNoMail: "No email provider is configured on this installation: messages stay on its own server.",
    transfers: "Personal data is not transferred to countries outside the European Economic Area (EEA).",
    securityHeading: "Security",
    security:
      "We do not store passwords, only a hash of them (argon2id): the password cannot be recovered from it, not even by us. Connections are encrypted (HTTPS), sessions expire, and every action of organizers and admins is recorded in the audit log.",
    cookies:
      "Cookies: a session cookie when you are logged in, a cookie for your language choice, and when you vote the device code lauwer_device. There are no cookies for statistics or advertising.",
    rightsHeading: "Your rights",
    rightsIntro: "You have the right to:",
    rights: {
      access: "access your data (art. 15 GDPR);",
      rectification: "have incorrect data corrected (art. 16 GDPR);",
      erasure: "have your data erased (art. 17 GDPR);",
      restriction: "have the processing restricted (art. 18 GDPR);",
      portability: "receive your data in a common file format (art. 20 GDPR);",
      objection: "object to processing based on legitimate interest (art. 21 GDPR);",
      withdraw: "withdraw consent you gave, without making the processing before that unlawful.",
    },
    rightsHow: "Send your request to {{email}}. We respond within one month.",
    complaintHeading: "Complaints",
    complaint:
      "Do you disagree with how we handle your data? Please contact the DPO first. You can also lodge a complaint with the Dutch Data Protection Authority (Autoriteit Persoonsgegevens):",
    complaintLink: "autoriteitpersoonsgegevens.nl",
    automatedHeading: "Automated decisions",
    automated:
      "We take no decisions based solely on automated processing, and do no profiling. Votes are counted automatically according to the published procedure; signals of possible fraud are assessed by an organizer.",
    dated: "This statement was adopted on {{date}}.",
  },
  a11y: {
    intro:
      "{{organisation}} wants everyone to be able to use Lauwer, including people with disabilities. Dutch public bodies must make their websites accessible under the Besluit digitale toegankelijkheid overheid: the Web Content Accessibility Guidelines (WCAG) 2.1, level AA (EN 301 549).",
    scopeHeading: "Which website",
    scope: "This statement applies to {{site}} (Lauwer), offered by {{organisation}}.",
    statusHeading: "Compliance status",
    status: "This website {{status}} WCAG 2.1 level AA.",
    statusWord: {
      full: "fully complies with",
      partial: "partially complies with",
      initial: "has taken first measures to comply with",
      none: "does not (yet) comply with",
    },
    checkHeading: "Assessment",
    checked: "The last check was on {{date}}.",
    method:
      "Method: automated testing with axe-core (WCAG 2.1 A and AA and the WCAG 2.2 rule for target size) at every release, in a real browser at 1280 and 390 pixels wide, and a manual check of keyboard use, focus, zooming to 400% and use without JavaScript.",
    limitationsHeading: "Known limitations",
    limitationsNone: "There are no known limitations at the moment.",
    contactHeading: "Contact",
    contact:
      "Is there something you cannot use, or do you have a question or remark about accessibility? Email {{email}}. You get an answer within five working days, and a solution or a plan with a date within two weeks.",
    complaintHeading: "Complaints procedure",
    complaint:
      "Not satisfied with how your request was handled? Lodge a complaint with {{organisation}}. If you still do not get a satisfactory solution, you can turn to the National Ombudsman (Nationale ombudsman):",
    complaintLink: "nationaleombudsman.nl",
    dated: "This statement was drawn up on {{date}}.",
  },
};
