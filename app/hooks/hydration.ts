/**
 * Whether the first page has finished hydrating. Charts use it to leave their server-rendered SVG
 * alone while the page hydrates (drawing it again with recharts only when a pointer comes to it),
 * and to draw at once when they mount later, on a client-side navigation, where there is no SVG
 * from the server to keep. The root marks it in its first effect, after every child's.
 */
let hydrated = false;

export function isPageHydrated(): boolean {
  return hydrated;
}

export function markPageHydrated(): void {
  hydrated = true;
}
