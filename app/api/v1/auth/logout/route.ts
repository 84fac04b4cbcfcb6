import { z } from "zod";
import { route } from "@/lib/api/route";
import { signOut } from "@/lib/api/sign-in";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route({ query: z.object({}), auth: "open" }, ({ request }) => signOut(request));
