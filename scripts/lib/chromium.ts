// How the tests and scripts launch Chromium: Debian's package (Playwright's own browser download
// cannot work here), quiet (no first-run, sync, update or background traffic), and — for pictures
// compared pixel by pixel — the same pixels on every run.

export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

/** No LCD subpixel text, sRGB, no smooth-scroll timing: the visual suite's screenshots compare equal run after run. */
export const STABLE_PIXEL_ARGS = ["--font-render-hinting=none", "--disable-lcd-text", "--force-color-profile=srgb", "--disable-smooth-scrolling"] as const;
