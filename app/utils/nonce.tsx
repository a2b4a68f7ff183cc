import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the response being rendered (server/app.js makes one per
 * request; entry.server.tsx provides it). Every inline <script> the app renders must carry it.
 * In the browser it is undefined: scripts are only rendered on the server.
 */
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
