"use client";
import { useEffect } from "react";

/**
 * Marks the document once React has hydrated it (`<html data-hydrated>`). Before that, server-rendered
 * buttons are visible but inert; browser tests wait for this mark after a full page load so a click is never
 * lost on a slow machine. Placed after the page in the root layout, so its effect runs after the page's own.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
