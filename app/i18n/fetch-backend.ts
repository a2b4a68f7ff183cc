/**
 * The browser's i18next backend: a language's texts come in one file, /locales/<lng>.json, under the
 * version of the texts the server rendered with (cached for a year; a new version is a new URL).
 * Each namespace i18next asks for is read from that one download.
 */
import type { BackendModule, ReadCallback } from "i18next";

export function localesUrl(language: string, version: string): string {
  return `/locales/${encodeURIComponent(language)}.json?v=${encodeURIComponent(version)}`;
}

export function fetchBackend(version: string): BackendModule {
  const bundles = new Map<string, Promise<Record<string, Record<string, string>>>>();
  const bundle = (language: string) => {
    let pending = bundles.get(language);
    if (!pending) {
      pending = fetch(localesUrl(language, version), { credentials: "same-origin" }).then((res) =>
        res.ok ? res.json() : Promise.reject(new Error(`${res.status} for the ${language} texts`)),
      );
      // a failed download is tried again on the next request, not remembered
      pending.catch(() => bundles.delete(language));
      bundles.set(language, pending);
    }
    return pending;
  };
  return {
    type: "backend",
    init() {},
    read(language: string, namespace: string, callback: ReadCallback) {
      bundle(language).then(
        (all) => callback(null, all[namespace] ?? {}),
        (err: Error) => callback(err, false),
      );
    },
  };
}
