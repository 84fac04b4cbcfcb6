import { AllocationError } from "@/lib/finops/allocation";
import { PeriodStateError } from "@/lib/db/chargeback";
import { ApiError } from "./errors";

/**
 * Domain errors of chargeback, mapped to HTTP here (domain errors below, HTTP above): a rule that cannot be
 * applied (bad percentages) is a 400 naming the field; closing a closed period, changing a closed period's
 * rule or closing one that has not ended is a 409.
 */
export async function chargebackCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AllocationError) throw new ApiError("bad_request", err.message, { fieldErrors: { [err.field]: [err.message] } });
    if (err instanceof PeriodStateError) throw new ApiError("conflict", err.message);
    if (err instanceof RangeError && /is not a month/.test(err.message)) throw new ApiError("bad_request", err.message);
    throw err;
  }
}
