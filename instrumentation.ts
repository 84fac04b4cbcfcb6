/** Next.js calls register() once when the server starts, before it serves a request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("./lib/boot");
  try {
    await bootServer();
  } catch (err) {
    // A server that cannot own its store must not half-run: say why and stop.
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
