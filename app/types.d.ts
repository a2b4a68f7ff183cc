import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** the client's address (server/app.js: the peer, or X-Forwarded-For behind a trusted proxy); null under other servers */
    clientIp: string | null;
    /** this response's Content-Security-Policy nonce (server/app.js); absent under other servers */
    cspNonce?: string;
  }
}
