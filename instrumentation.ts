/** Next's start-up hook: server/start.ts in the Node runtime (environment check, peer addresses). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./server/start");
}
