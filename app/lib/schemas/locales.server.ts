/** The texts route's URL (server-only). */
import { z } from "zod";
import { isLanguage } from "~/i18n/config";

/** /locales/<lng>.json: a language the app has. */
export const LocaleParamsSchema = z.object({ lng: z.string().refine(isLanguage) });
