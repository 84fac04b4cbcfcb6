import { defineOperations, json } from "@/lib/api/operation";
import { HealthResponse, LoginBody, LoginResponse } from "@/lib/schemas/api";
import { MeResponse } from "@/lib/schemas/settings";

/** Sign-in, the caller's identity, health and this document: the endpoints a client needs before anything else. */
export const account = defineOperations({
  login: {
    method: "post",
    path: "/api/v1/auth/login",
    tag: "Account",
    summary: "Sign in with email and password",
    description:
      "Sets the session cookie `tl_session` (HttpOnly) and the readable `tl_csrf` cookie whose value later changes echo in `x-csrf-token`. JSON only (Content-Type: application/json), which keeps cross-site forms out. Ten failed sign-ins for an email lock it for 15 minutes (429). Scripts should use an API token instead.",
    auth: "open",
    body: { name: "LoginBody", schema: LoginBody },
    responses: {
      "200": {
        ...json("Signed in.", "LoginResponse", LoginResponse),
        headers: { "Set-Cookie": { description: "tl_session and tl_csrf (SameSite=Lax, Path=/, Secure on https).", schema: { type: "string" } } },
      },
    },
    errors: ["unauthorized", "rate_limited"],
  },
  logout: {
    method: "post",
    path: "/api/v1/auth/logout",
    tag: "Account",
    summary: "Sign out",
    description: "Ends the session of the cookie, if any, and clears both cookies. Always 204.",
    auth: "open",
    responses: { "204": { description: "Signed out; Set-Cookie clears tl_session and tl_csrf." } },
  },
  me: {
    method: "get",
    path: "/api/v1/auth/me",
    tag: "Account",
    summary: "Who is calling",
    description: "The principal (user or API token) with its role and teams, and the team scope every spend query applies.",
    auth: "signed-in",
    responses: { "200": json("The caller.", "MeResponse", MeResponse) },
  },
  health: {
    method: "get",
    path: "/api/health",
    tag: "Meta",
    summary: "Health of both stores",
    description: "Probes the event store (ClickHouse or embedded chDB) and the metadata database, with their applied migrations. For load balancers and uptime checks.",
    auth: "open",
    responses: {
      "200": json("Both stores answer.", "HealthResponse", HealthResponse),
      "503": json("A store does not answer; its `error` says why.", "HealthResponse", HealthResponse),
    },
  },
  openapi: {
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "This document",
    description: "The OpenAPI 3.1 document of every endpoint, generated from the schemas the routes parse with. Load it into Swagger UI, Redoc or a client generator.",
    auth: "open",
    responses: { "200": { description: "The OpenAPI document.", content: { "application/json": { schema: { type: "object" } } } } },
  },
});
