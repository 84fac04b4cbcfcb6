import type { Operation } from "@/lib/api/operation";
import { account } from "./account";
import { admin } from "./admin";
import { alerts } from "./alerts";
import { budgets } from "./budgets";
import { chargeback } from "./chargeback";
import { ingest } from "./ingest";
import { spend } from "./spend";

/**
 * Every operation of the API, in document order. Route files import their group (e.g. `spend.getSummary`)
 * and hand the operation to route(); the OpenAPI document (lib/api/openapi) is built from this list, and
 * tests/unit/openapi.test.ts checks that each route file serves exactly the operations whose path it is.
 */
export const OPERATIONS: readonly Operation[] = [spend, ingest, admin, chargeback, account, budgets, alerts].flatMap((group) => Object.values(group));
