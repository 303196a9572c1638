import type { accountNl } from "./account.nl";
import type { Shape } from "./nl";

export const accountEn: Shape<typeof accountNl> = {
  signup: {
    checkMail:
      "Check your mailbox: we have sent an e-mail to the address you gave. Confirm your address with it and log in below with the password you chose.",
  },
  login: {
    throttledSeconds_one: "Too many failed attempts. Wait {{count}} second and try again, or reset your password.",
    throttledSeconds_other: "Too many failed attempts. Wait {{count}} seconds and try again, or reset your password.",
    throttledMinutes_one:
      "Too many failed attempts. Wait {{count}} minute and try again, or reset your password. When an account is tried from many places, its owner gets an e-mail with a link to unlock it.",
    throttledMinutes_other:
      "Too many failed attempts. Wait {{count}} minutes and try again, or reset your password. When an account is tried from many places, its owner gets an e-mail with a link to unlock it.",
  },
  password: {
    heading: "Change password",
    intro: "Choose a new password. You will then be logged out on your other devices and receive a confirmation by e-mail.",
    current: "Current password",
    confirm: "Repeat the new password",
    submit: "Change password",
    changed: "Your password has been changed. You have been logged out on your other devices.",
  },
  errors: {
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
  mail: {
    greeting: "Hello,",
    signupExisting: {
      subject: "Someone tried to create a Lauwer account with your e-mail address",
      body: "Someone just tried to create an account at Lauwer with this e-mail address. You already have an account here, so nothing has changed.\n\nWas that you? Then log in with your password. If you do not remember it, set a new password via {{link}}.\n\nWas it not you? Then you can ignore this e-mail.",
    },
    resetNoAccount: {
      subject: "Password reset at Lauwer",
      body: "Someone asked for a new password for this e-mail address at Lauwer, but no account belongs to this address.\n\nWould you like an account? Create one via {{link}}.\n\nDid you not ask for this? Then you can ignore this e-mail.",
    },
    unlock: {
      subject: "Your Lauwer account was tried often",
      body: "Someone tried to log in to your Lauwer account with wrong passwords from many places. For now, logging in is therefore only possible from places where you logged in before.\n\nWant to log in somewhere else? Open this link on that device and press the button:\n\n{{link}}\n\nThe link is valid for 24 hours and works once. In doubt whether your password is safe? Set a new one via Forgot password.",
    },
  },
};
