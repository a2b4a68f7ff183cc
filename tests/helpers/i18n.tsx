/**
 * Components under test in a language: an i18next instance built from app/locales (every
 * namespace), as the server renders a page, and a provider around the node.
 */
import i18next, { type i18n } from "i18next";
import type { ReactNode } from "react";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions, NAMESPACES, type Language } from "~/i18n/config";
import { resources } from "~/locales/index.server";

const instances = new Map<Language, i18n>();

/** The (cached) instance for `lng`. */
export function testI18n(lng: Language = "en"): i18n {
  let instance = instances.get(lng);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({ ...i18nOptions, ns: [...NAMESPACES], resources, lng, initImmediate: false });
    instances.set(lng, instance);
  }
  return instance;
}

/** `node` rendered in `lng` (default English). */
export function withI18n(node: ReactNode, lng: Language = "en"): ReactNode {
  return <I18nextProvider i18n={testI18n(lng)}>{node}</I18nextProvider>;
}
