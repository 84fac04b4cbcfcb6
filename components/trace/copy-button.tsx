"use client";
import { useState } from "react";

/** A small button that copies a value (an id shown shortened, a session) and says so for a moment. */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="copy-button"
      aria-label={label}
      title={done ? "Copied" : `${label}: ${value}`}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        });
      }}
    >
      {done ? "✓" : "⧉"}
    </button>
  );
}
