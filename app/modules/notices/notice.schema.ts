import * as z from "zod/mini";
import { checkbox } from "~/lib/checkbox";

// Client-safe: the topics a person can stop (or start), and the forms that choose them.

/** Every kind of lifecycle mail belongs to one topic; a person's choice per topic applies to all of its kinds. */
export const TOPICS = ["nominations", "nominee", "votes", "results", "jury", "book"] as const;
export type Topic = (typeof TOPICS)[number];

/** Without a choice: news about your own nominations, jury work and portraits comes; news for every member only when asked for. */
export const TOPIC_DEFAULT: Record<Topic, boolean> = {
  nominations: true,
  nominee: true,
  votes: false,
  results: false,
  jury: true,
  book: true,
};

/** The topics a member chooses on their account page (`nominee` is for nominees, who need no account). */
export const ACCOUNT_TOPICS = ["nominations", "votes", "results", "jury", "book"] as const satisfies readonly Topic[];

/** The account page's preferences: one checkbox per topic. */
export const NoticePreferencesSchema = z.object({
  nominations: checkbox,
  votes: checkbox,
  results: checkbox,
  jury: checkbox,
  book: checkbox,
});
export type NoticePreferencesInput = z.infer<typeof NoticePreferencesSchema>;

/** The unsubscribe link's token (from the link, or the confirm form's hidden field). */
export const UnsubscribeSchema = z.object({
  token: z
    .string()
    .check(z.trim(), z.minLength(1, { error: "notices.errors.badToken" }), z.maxLength(200, { error: "notices.errors.badToken" })),
});
