/**
 * GET /locales/<lng>/<ns>.json?v=<version>: one namespace's texts for the browser (docs/decisions/023).
 * Public (the sign-in page needs them too); cached for a year when asked under the current version.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { isLanguage, NAMESPACES } from "~/i18n/config";
import { resources, resourcesVersion } from "~/locales/index.server";

const paramsSchema = z.object({
  lng: z.string().refine(isLanguage),
  ns: z.enum(NAMESPACES),
});

export async function loader({ params, request }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) return new Response("Unknown language or namespace.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { lng, ns } = parsed.data;
  const current = new URL(request.url).searchParams.get("v") === resourcesVersion;
  return new Response(JSON.stringify(resources[lng as keyof typeof resources][ns]), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
      ETag: `"${resourcesVersion}-${lng}-${ns}"`,
    },
  });
}
