/**
 * The root loader's data (signed-in user, permissions, company formatting) for any component, page
 * or hook — the one way to read it, so nothing below a route imports `~/root` (decision 016).
 */
import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/root";

/** The root loader's data as the browser receives it. */
export type RootData = NonNullable<ReturnType<typeof useRouteLoaderData<typeof loader>>>;

/** Everything the root loader returns; throws outside the root route (a programming error). */
export function useRootData(): RootData {
  const data = useRouteLoaderData<typeof loader>("root");
  if (!data) throw new Error("root loader data missing");
  return data;
}

/** The signed-in user, or null on the pages a signed-out person sees (sign-in, setup). */
export function useOptionalUser(): RootData["user"] {
  return useRootData().user;
}

/** The signed-in user on a page that requires one (its loader has already redirected everyone else). */
export function useUser(): NonNullable<RootData["user"]> {
  const user = useOptionalUser();
  if (!user) throw new Error("useUser() on a page without a signed-in user: use useOptionalUser()");
  return user;
}

/** The company's number, money and date formatting. */
export function useFormatting(): RootData["formatting"] {
  return useRootData().formatting;
}
