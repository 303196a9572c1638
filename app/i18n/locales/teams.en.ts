import type { teamsNl } from "./teams.nl";

// English texts of the teams slice; the Dutch file is the source.
export const teamsEn: typeof teamsNl = {
  notice: {
    invited: "Invitation sent.",
    invitationRevoked: "Invitation revoked.",
    memberRemoved: "Role revoked.",
    juryInviteRevoked: "Jury invitation revoked.",
    accepted: "Welcome to the team: your role is active.",
    adminInvited: "This address has no account yet: an invitation was sent. The role starts once the address has a confirmed account.",
  },
  roles: {
    organizer: "co-organizer",
    editor: "editor",
    admin: "platform admin",
  },
  award: {
    title: "Team of {{award}}",
    intro:
      "Manage who organizes this award with you and who sits on its juries. Invite someone by e-mail address, even without an account: the role starts once that address has a confirmed account. Every change lands in the audit log.",
    organizersHeading: "Organizers",
    inviteHeading: "Invite a co-organizer",
    juryHeading: "Jury per edition",
    juryIntro:
      "Jurors are invited per edition, optionally for some of the categories. Someone without an account too: as soon as that address has a confirmed account, they are on the jury.",
    juryEdition: "Edition {{year}}",
    juryMembers: "{{count}} jurors",
    juryMembers_one: "{{count}} juror",
    juryMembers_other: "{{count}} jurors",
    juryInvite: "Invite jurors for {{year}}",
    juryOpenInvites: "Open jury invitations {{year}}",
    back: "To your awards",
    noEditions: "This award has no editions yet.",
  },
  book: {
    title: "Editors of {{project}}",
    intro:
      "Manage who edits this book with you. Invite someone by e-mail address, even without an account: the role starts once that address has a confirmed account. Every change lands in the audit log.",
    membersHeading: "Editors",
    inviteHeading: "Invite an editor",
  },
  menu: { team: "Team and jury", bookTeam: "Editorial team" },
  members: {
    name: "Name",
    email: "E-mail address",
    since: "Since",
    actions: "Actions",
    you: "(you)",
    remove: "Revoke role",
    removeLabel: "Revoke the role of {{name}}",
    none: "Nobody yet.",
  },
  invitations: {
    heading: "Open invitations",
    none: "There are no open invitations.",
    email: "E-mail address",
    role: "Role",
    scope: "For",
    invitedBy: "Invited by",
    expires: "Valid until",
    revoke: "Revoke",
    revokeLabel: "Revoke the invitation for {{email}}",
    emailHint: "The invitation is valid for 30 days. Only a confirmed account with exactly this address gets the role.",
    submit: "Send invitation",
  },
  admin: {
    inviteNote:
      "When the address has no account yet, it gets an invitation by e-mail; the role starts once the address has a confirmed account.",
    invitationsHeading: "Open invitations by e-mail",
  },
  invitation: {
    title: "Invitation to a role",
    intro: "{{inviter}} invites {{email}} as {{role}} of {{scope}}.",
    introNoInviter: "{{email}} is invited as {{role}} of {{scope}}.",
    expires: "The invitation is valid until {{date}}.",
    newAccount: "No account yet? Create one with {{email}}. Once you confirm the address, you have the role.",
    signup: "Create an account",
    haveAccount: "Already have an account with this address? Log in; the role then starts.",
    login: "Log in",
    accept: "Accept the role",
    acceptIntro: "You are logged in as {{email}}. Accept the role to begin.",
    otherAccount:
      "You are logged in as {{current}}, but the invitation is for {{email}}. Log out and log in (or create an account) with {{email}}.",
    unverified: "First confirm your e-mail address with the link in the confirmation mail; the role then starts by itself.",
    alreadyYours: "You have already accepted this invitation: you are {{role}} of {{scope}}.",
    invalid: "This invitation is not valid (any more): it was used, revoked or has expired. Ask whoever invited you for a new one.",
  },
  juryInvite: {
    visitorIntro: "{{email}} is invited to the jury of {{award}}.",
    newAccount: "No account yet? Create one with {{email}}. As soon as you confirm that address, you are on the jury.",
    haveAccount:
      "Already have an account? Log in: with this address you are on the jury at once; with another address you accept the invitation here.",
    alreadyYours: "You are on the jury of {{award}}: this invitation is yours.",
    toJury: "To your jury work",
  },
  errors: {
    emailRequired: "Enter the e-mail address of the person to invite.",
    alreadyInvited: "This address already has an open invitation for this role.",
    alreadyMember: "This address already has this role.",
    invitationNotFound: "This invitation does not exist (any more) or is no longer open.",
    memberNotFound: "This role does not exist (any more).",
    lastMember: "This is the last one in the team with this role. Invite someone else first.",
    nothingToClaim: "There is no valid open invitation for your confirmed e-mail address.",
  },
  mail: {
    invite: {
      subject: "Invitation: {{role}} of {{scope}}",
      body: "{{inviter}} invites you as {{role}} of {{scope}} on Lauwer.\n\nSee the invitation and create an account or log in with this e-mail address:\n{{link}}\n\nThe invitation is valid for {{days}} days. If you do not know about this, ignore this mail: without an account with this address nothing happens.",
    },
  },
};
