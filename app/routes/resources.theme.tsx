import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { parseForm, badRequest } from "~/lib/forms.server";
import { safeRedirectPath } from "~/utils/http.server";
import { serializeTheme, ThemeFormSchema } from "~/utils/theme.server";

/** Sets the theme cookie and goes back (works without JavaScript). */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), ThemeFormSchema);
  if (!parsed.ok) return badRequest(parsed.reply);
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await serializeTheme(parsed.data.theme) },
  });
}

export async function loader() {
  return redirect("/");
}
