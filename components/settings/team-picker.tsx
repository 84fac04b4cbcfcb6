"use client";
import { useTeams } from "@/lib/hooks/use-ownership";

/** Multi-select of teams as checkboxes named `teams` (a lead or viewer sees only these). */
export function TeamPicker({ defaultValue = [] }: { defaultValue?: string[] }) {
  const teams = useTeams();
  return (
    <fieldset className="team-picker">
      <legend className="field-label">Teams</legend>
      {teams.data?.teams.map((t) => (
        <label key={t.id} className="check">
          <input type="checkbox" name="teams" value={t.slug} defaultChecked={defaultValue.includes(t.slug)} /> {t.name}
        </label>
      ))}
    </fieldset>
  );
}
