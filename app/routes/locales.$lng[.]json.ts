/**
 * GET /locales/<lng>.json?v=<version>: every text of a language, by namespace, for the browser
 * (docs/decisions/023). One file rather than one per namespace: a page renders components of
 * several domains, and a namespace missing at hydration would show the English key. Public (the
 * sign-in page needs it); cached for a year when asked under the current version.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { LocaleParamsSchema } from "~/lib/schemas/locales.server";
import { resources, resourcesVersion } from "~/locales/index.server";

/** Serialised once per language: the texts change only with a new build. */
const bodies = new Map<string, string>();

export async function loader({ params, request }: LoaderFunctionArgs) {
  const parsed = LocaleParamsSchema.safeParse(params);
  if (!parsed.success) return new Response("Unknown language.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const lng = parsed.data.lng as keyof typeof resources;
  let body = bodies.get(lng);
  if (body === undefined) {
    body = JSON.stringify(resources[lng]);
    bodies.set(lng, body);
  }
  const current = new URL(request.url).searchParams.get("v") === resourcesVersion;
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
      ETag: `"${resourcesVersion}-${lng}"`,
    },
  });
}
