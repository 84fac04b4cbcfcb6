import { HealthResponse, LoginBody, LoginResponse } from "@/lib/schemas/api";
import { MeResponse } from "@/lib/schemas/settings";
import type { Spec } from "./builder";

/** Sign-in, the caller's identity, health and this document: the endpoints a client needs before anything else. */
export function addAccount(spec: Spec): void {
  const tag = "Account";
  spec.add("post", "/api/v1/auth/login", {
    id: "login",
    tag,
    summary: "Sign in with email and password",
    description:
      "Sets the session cookie `tl_session` (HttpOnly) and the readable `tl_csrf` cookie whose value later changes echo in `x-csrf-token`. JSON only (Content-Type: application/json), which keeps cross-site forms out. Ten failed sign-ins for an email lock it for 15 minutes (429). Scripts should use an API token instead.",
    auth: "open",
    body: { name: "LoginBody", schema: LoginBody },
    responses: {
      "200": {
        ...spec.json("Signed in.", "LoginResponse", LoginResponse),
        headers: { "Set-Cookie": { description: "tl_session and tl_csrf (SameSite=Lax, Path=/, Secure on https).", schema: { type: "string" } } },
      },
    },
    errors: ["unauthorized", "rate_limited"],
  });
  spec.add("post", "/api/v1/auth/logout", {
    id: "logout",
    tag,
    summary: "Sign out",
    description: "Ends the session of the cookie, if any, and clears both cookies. Always 204.",
    auth: "open",
    responses: { "204": { description: "Signed out; Set-Cookie clears tl_session and tl_csrf." } },
  });
  spec.add("get", "/api/v1/auth/me", {
    id: "me",
    tag,
    summary: "Who is calling",
    description: "The principal (user or API token) with its role and teams, and the team scope every spend query applies.",
    auth: "signed-in",
    responses: { "200": spec.json("The caller.", "MeResponse", MeResponse) },
  });
  spec.add("get", "/api/health", {
    id: "health",
    tag: "Meta",
    summary: "Health of both stores",
    description: "Probes the event store (ClickHouse or embedded chDB) and the metadata database, with their applied migrations. For load balancers and uptime checks.",
    auth: "open",
    responses: {
      "200": spec.json("Both stores answer.", "HealthResponse", HealthResponse),
      "503": { description: "A store does not answer; its `error` says why.", content: { "application/json": { schema: { $ref: "#/components/schemas/HealthResponse" } } } },
    },
  });
  spec.add("get", "/api/v1/openapi.json", {
    id: "openapi",
    tag: "Meta",
    summary: "This document",
    description: "The OpenAPI 3.1 document of every endpoint, generated from the schemas the routes parse with. Load it into Swagger UI, Redoc or a client generator.",
    auth: "open",
    responses: { "200": { description: "The OpenAPI document.", content: { "application/json": { schema: { type: "object" } } } } },
  });
}
