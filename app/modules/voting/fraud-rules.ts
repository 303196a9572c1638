// When a voting pattern is a fraud signal: client-safe, so the round page can explain each threshold.

export const SIGNAL_WINDOW_MINUTES = 10;

/**
 * Up to this many counted ballots a round's signals are computed on each view of the organizer's page;
 * above it the page shows them as last computed, at most a minute old while the round is open (ADR 0038).
 */
export const LIVE_SIGNAL_BALLOTS = 20_000;

/**
 * When a pattern is a signal. IP, network and device are absolute counts of distinct accounts (an
 * office behind one address reaches ten in ten minutes only at a busy moment; one device shared by
 * three accounts is rare). New accounts are judged against the round's own baseline: a round whose
 * voters all registered for it (a demo, a new community) is ordinary, a sudden crowd of fresh
 * accounts for one candidate in a round of established voters is not.
 */
export const THRESHOLDS = {
  ip: 10,
  network: 25,
  device: 3,
  /** At least this many new accounts for one candidate within one window … */
  newAccounts: 10,
  /** … making up at least this share of all ballots of that window … */
  newAccountsMinShare: 0.5,
  /** … and at least this many times the share of new accounts in the rest of the round. */
  newAccountsFactor: 3,
  /** The rest of the round is a baseline only with this many ballots; else the whole round is. */
  baselineMinBallots: 20,
  /** An account is new when it was created less than this many hours before its ballot. */
  newAccountHours: 24,
} as const;

export type SignalKind = "ip" | "network" | "newAccounts" | "device";
export interface Signal {
  kind: SignalKind;
  /** The value to filter ballots by: an IP, a /24 network, a nominee id, a device hash. */
  key: string;
  label: string;
  ballots: number;
  accounts: number;
  from: string;
  /** New accounts: their share of the window's ballots and the round's baseline share (0–1). */
  share?: number;
  baseline?: number;
}
