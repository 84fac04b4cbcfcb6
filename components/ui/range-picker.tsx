"use client";
import { DateInput } from "@/components/ui/date-input";
import { addDays, TIME_ZONES } from "@/lib/finops/date-range";
import { useOrgCalendar } from "@/components/ui/org-calendar";
import { isPresetRange, presetRange, RANGE_PRESETS, type DayRange } from "@/lib/finops/range-presets";

/**
 * Period presets, From and Through dates and the zone: one control for every page, so a range means the same
 * everywhere. People see the last day included ("Through"); the URL and the API keep `to` exclusive.
 */
export function RangePicker({ range, tz, onChange, presets = RANGE_PRESETS.map((p) => p.id) }: { range: DayRange; tz: string; onChange: (patch: Partial<DayRange & { tz: string }>) => void; presets?: readonly string[] }) {
  // Presets cut months and weeks with the organisation's calendar, in the page's zone.
  const cal = { ...useOrgCalendar(), timeZone: tz };
  const now = new Date();
  const through = addDays(range.to, -1);
  // Moving one end past the other drags the other along, rather than refusing the edit.
  const setFrom = (from: string) => onChange({ from, to: from >= range.to ? addDays(from, 1) : range.to });
  const setThrough = (day: string) => onChange({ from: day < range.from ? day : range.from, to: addDays(day, 1) });
  return (
    <>
      <div className="segmented preset-group" role="group" aria-label="Period">
        {RANGE_PRESETS.filter((p) => presets.includes(p.id)).map((p) => (
          <button key={p.id} type="button" className="button small" aria-pressed={isPresetRange(p.id, range, now, cal)} onClick={() => onChange(presetRange(p.id, new Date(), cal))}>
            {p.label}
          </button>
        ))}
      </div>
      <DateInput label="From" value={range.from} onCommit={setFrom} />
      <DateInput label="Through" value={through} onCommit={setThrough} />
      <label className="field inline">
        <span className="field-label">Time zone</span>
        <select aria-label="Time zone" value={tz} onChange={(e) => onChange({ tz: e.target.value })}>
          {[...new Set([tz, ...TIME_ZONES])].map((z) => <option key={z}>{z}</option>)}
        </select>
      </label>
    </>
  );
}
