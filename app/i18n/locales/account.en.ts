import type { accountNl } from "./account.nl";
import type { Shape } from "./nl";

export const accountEn: Shape<typeof accountNl> = {
  signup: {
    checkMail:
      "Check your mailbox: we have sent an email to the address you gave. Confirm your address with it and log in below with the password you chose.",
  },
  login: {
    throttledSeconds_one: "Too many failed attempts. Wait {{count}} second and try again, or reset your password.",
    throttledSeconds_other: "Too many failed attempts. Wait {{count}} seconds and try again, or reset your password.",
    throttledMinutes_one:
      "Too many failed attempts. Wait {{count}} minute and try again, or reset your password. When an account is tried from many places, its owner gets an email with a link to unlock it.",
    throttledMinutes_other:
      "Too many failed attempts. Wait {{count}} minutes and try again, or reset your password. When an account is tried from many places, its owner gets an email with a link to unlock it.",
  },
  password: {
    heading: "Change password",
    intro: "Choose a new password. You will then be logged out on your other devices and receive a confirmation by email.",
    current: "Current password",
    confirm: "Repeat the new password",
    submit: "Change password",
    changed: "Your password has been changed. You have been logged out on your other devices.",
    noneYet:
      "You sign in through your organisation and have no password at Lauwer. Would you like to be able to sign in with a password too? Ask for a link to set one; it is sent to your email address.",
    setOne: "Set a password",
  },
  errors: {
    sessionGone: "That device is already signed out.",
    passwordBlank: "A password of spaces only is not possible. Choose a password with letters, digits or symbols.",
    passwordMismatch: "The two new passwords differ. Type the new password the same way twice.",
    wrongCurrentPassword: "This is not your current password. Please try again.",
  },
  unlock: {
    title: "Unlock account",
    intro:
      "Someone tried to log in to your account with wrong passwords from many places. Press the button to be able to log in on this device again.",
    submit: "Unlock account",
    done: "Your account is unlocked. Log in with your password.",
    invalid: "This link is invalid, expired or already used. You get a new one if your account is tried often again.",
  },
  hub: {
    intro: "Manage your account and your data here.",
    tasksHeading: "What do you want to do?",
    profile: "Change name and organisation",
    email: "Change email address",
    password: "Change password",
    twoFactor: "Two-step verification and passkeys",
    sessions: "See signed-in devices and sign out",
    identities: "See or unlink organisation accounts",
    notices: "Choose which emails you get",
    data: "Download my data",
    delete: "Delete my account",
  },
  profile: {
    title: "Name and organisation",
    intro: "Your name is shown with your proposals and comments. Your organisation helps organizers recognise you.",
    submit: "Save",
    saved: "Your name and organisation have been saved.",
  },
  email: {
    heading: "Change email address",
    intro:
      "Your current address is {{email}}. After saving we send a link to the new address. Your address only changes when you click that link. Your old address is told afterwards.",
    newEmail: "New email address",
    password: "Current password",
    submit: "Send confirmation link",
    sent: "Check the mailbox of your new address and click the link. Until then your old address stays in use.",
    changed: "Your email address has been changed.",
    confirmTitle: "Confirm new email address",
    confirmIntro: "Click the button to confirm your new email address.",
    errors: {
      same: "This already is your email address. Enter a different address.",
      invalidLink: "This link is invalid, expired or already used. Request a new one on your account page.",
      taken: "This email address now belongs to another account. Your address has not been changed.",
    },
  },
  sessions: {
    title: "Signed-in devices",
    intro: "You are signed in on these devices and browsers. Do you not recognise one? Sign it out and change your password.",
    tableCaption: "Devices you are signed in on",
    device: "Browser",
    method: "Signed in with",
    signedIn: "Signed in on",
    lastSeen: "Last seen",
    action: "Action",
    unknownBrowser: "Unknown browser",
    browserOn: "{{browser}} on {{system}}",
    thisDevice: "this device",
    methodPassword: "password",
    methodOidc: "organisation account ({{provider}})",
    secondFactor: "with second step",
    signOut: "Sign out",
    signOutLabel: "Sign out {{device}} (signed in on {{date}})",
    signOutOthers: "Sign out everywhere else",
    noOthers: "You are not signed in anywhere else.",
    ended: "That device has been signed out.",
    endedOthers: "You have been signed out everywhere else.",
  },
  data: {
    title: "Download my data",
    intro:
      "You get a JSON file with everything Lauwer keeps about you (GDPR articles 15 and 20): your account, your nominations, your votes with their receipt codes, your jury scores, your proposals, endorsements, comments, claims and texts, your signed-in devices, your email choices, the emails we sent you (without their contents) and the audit log entries about you. Your password and secret codes are not in it.",
    download: "Download my data (JSON)",
  },
  delete: {
    title: "Delete my account",
    intro: "When you delete your account, the following happens. This cannot be undone.",
    ballots_one: "Your {{count}} vote still counts, but is no longer linked to you.",
    ballots_other: "Your {{count}} votes still count, but are no longer linked to you.",
    nominations_one: "Your {{count}} nomination stays, without your name.",
    nominations_other: "Your {{count}} nominations stay, without your name.",
    proposals_one: "Your {{count}} proposal will show ‘a deleted member’.",
    proposals_other: "Your {{count}} proposals will show ‘a deleted member’.",
    comments_one: "Your {{count}} comment will show ‘a deleted member’.",
    comments_other: "Your {{count}} comments will show ‘a deleted member’.",
    portraits: "These portraits assigned to you go back to the editors: {{names}}.",
    always:
      "Your roles, signed-in devices, endorsements and claims, email choices and the emails to you are erased. You get one more email confirming the deletion.",
    nominated:
      "You are (or were) a candidate for an award yourself. That data belongs to the edition and stays, unless you also choose below to be erased as a candidate.",
    dataFirst: "Do you want to keep your data first?",
    juryScores_one:
      "Your {{count}} jury score still counts in the result, but is no longer in your name: the organizers will see ‘a deleted juror’.",
    juryScores_other:
      "Your {{count}} jury scores still count in the result, but are no longer in your name: the organizers will see ‘a deleted juror’.",
    writtenPortraits:
      "These portraits you are writing go back to the editors; your text stays with the book, under ‘a deleted member’: {{names}}.",
    finishedPortraits: "These finished portraits stay in the book, under ‘a deleted member’: {{names}}.",
    onlyAdmin: "You cannot delete your account now: you are the only platform admin. Give someone else that role first.",
    eraseEverywhere:
      "Also erase everything others entered about me with my e-mail address: my nominations as a candidate in every award, me as a reference, invitations and my e-mail address in texts. Votes and results stay correct but no longer name me.",
    confirmHeading: "Confirm",
    password: "Your password",
    confirmEmail: "Type your email address ({{email}})",
    submit: "Delete my account permanently",
    done: "Your account has been deleted. You are signed out.",
    errors: {
      gone: "This account no longer exists.",
      typeAddress: "Type exactly your email address to confirm.",
      onlyAdmin: "You are the only platform admin. Give someone else that role first.",
    },
  },
  mail: {
    greeting: "Hello,",
    emailChangeConfirm: {
      subject: "Confirm your new email address for Lauwer",
      body: "You asked to use this address for your Lauwer account. Confirm it with this link (valid for 24 hours, works once):\n\n{{link}}\n\nDid you not ask for this? Then ignore this email; nothing changes.",
    },
    emailChangeTaken: {
      subject: "Someone wanted to use this email address for a Lauwer account",
      body: "Someone tried to change the email address of another Lauwer account to this address. This address already has an account, so nothing has changed.\n\nWas that you and have you forgotten your password? Set a new one at {{link}}.",
    },
    emailChanged: {
      subject: "The email address of your Lauwer account has changed",
      body: "The email address of your Lauwer account has been changed to {{newEmail}}. Emails from Lauwer now go to that address.\n\nWas this not you? Set a new password at once at {{link}} and contact Lauwer's administrator.",
    },
    deleted: {
      subject: "Your Lauwer account has been deleted",
      body: "Your Lauwer account has been deleted, as you asked. Your votes and jury scores count without your name; your proposals, comments and portrait texts now show a deleted member.\n\nWant to take part again later? Create a new account at {{link}}.",
    },
    portraitsReleased: {
      subject: "Portraits back with the editors: {{project}}",
      body: "The author of these portraits of {{project}} has deleted their account: {{names}}.\n\nThe portraits are back on the assignment board without an author. What was already written stays with the portrait (under a deleted member) and is where the author who takes it over starts:\n\n{{link}}",
    },
    signupExisting: {
      subject: "Someone tried to create a Lauwer account with your email address",
      body: "Someone just tried to create an account at Lauwer with this email address. You already have an account here, so nothing has changed.\n\nWas that you? Then log in with your password. If you do not remember it, set a new password via {{link}}.\n\nWas it not you? Then you can ignore this email.",
    },
    resetNoAccount: {
      subject: "Password reset at Lauwer",
      body: "Someone asked for a new password for this email address at Lauwer, but no account belongs to this address.\n\nWould you like an account? Create one via {{link}}.\n\nDid you not ask for this? Then you can ignore this email.",
    },
    unlock: {
      subject: "Your Lauwer account was tried often",
      body: "Someone tried to log in to your Lauwer account with wrong passwords from many places. For now, logging in is therefore only possible from places where you logged in before.\n\nWant to log in somewhere else? Open this link on that device and press the button:\n\n{{link}}\n\nThe link is valid for 24 hours and works once. In doubt whether your password is safe? Set a new one via Forgot password.",
    },
  },
};
