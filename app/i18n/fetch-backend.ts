/**
 * The browser's i18next backend: a namespace's texts come from /locales/<lng>/<ns>.json, under the
 * version of the texts the server rendered with (cached for a year; a new version is a new URL).
 */
import type { BackendModule, ReadCallback } from "i18next";

export function localesUrl(language: string, namespace: string, version: string): string {
  return `/locales/${encodeURIComponent(language)}/${encodeURIComponent(namespace)}.json?v=${encodeURIComponent(version)}`;
}

export function fetchBackend(version: string): BackendModule {
  return {
    type: "backend",
    init() {},
    read(language: string, namespace: string, callback: ReadCallback) {
      fetch(localesUrl(language, namespace, version), { credentials: "same-origin" })
        .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`${res.status} for ${language}/${namespace}`))))
        .then(
          (data) => callback(null, data),
          (err: Error) => callback(err, false),
        );
    },
  };
}
