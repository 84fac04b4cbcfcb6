"use client";
import { useEffect, useState } from "react";
import { completeDate } from "@/lib/finops/range-presets";

/**
 * A date field that commits only a complete, valid date, on blur or Enter: typing "10012026" passes through
 * "0002-10-01" and "0020-10-01" on its way, and committing each keystroke would load those periods. A pick
 * from the calendar popup commits the same way, when the field is left or Enter is pressed. Escape, or an
 * invalid date on blur, puts the committed value back.
 */
export function DateInput({ label, value, min, onCommit }: { label: string; value: string; min?: string; onCommit: (date: string) => void }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const valid = draft === "" || completeDate(draft) !== null;

  function commit() {
    const date = completeDate(draft);
    if (date && date !== value) onCommit(date);
    else if (!date) setDraft(value);
  }
  return (
    <label className="field inline">
      <span className="field-label">{label}</span>
      <input
        type="date"
        aria-label={label}
        value={draft}
        min={min}
        aria-invalid={!valid || undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") setDraft(value);
        }}
      />
    </label>
  );
}
