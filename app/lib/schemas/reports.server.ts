import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { BOARD_PACK_SECTION_IDS, COMMENTARY_MAX } from "~/lib/board-pack";
import { monthSchema } from "~/lib/validation.server";

/** Schemas of the board pack's URL and forms (server-only: zod stays out of the browser bundle). */

/** `/reports/board/<month>`: a month as YYYY-MM in 2000–2100. */
export const boardPackMonthSchema = monthSchema;

/** One section's commentary (an empty text removes it). Line endings normalised, outer spaces trimmed. */
export const BoardPackCommentSchema = z.object({
  section: z.enum(BOARD_PACK_SECTION_IDS as [string, ...string[]], { error: N_("is not a section of the pack") }),
  text: z
    .string({ error: N_("is required") })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(COMMENTARY_MAX, { error: () => serverT("must be at most {{max}} characters", { max: COMMENTARY_MAX }) })),
});

/** Publishing asks the CEO to confirm: the figures are frozen for good. */
export const BoardPackPublishSchema = z.object({
  confirm: z.literal("yes", { error: N_("tick to confirm: a published pack can no longer change") }),
});
