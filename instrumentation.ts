/** Next.js calls register() once when the server starts, before it serves a request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServerOrExit } = await import("./lib/boot");
  await bootServerOrExit();
}
