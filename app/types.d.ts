import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** the peer address, set by server.js (null under other servers) */
    clientIp: string | null;
  }
}
export {};
