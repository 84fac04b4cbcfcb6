-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Alert" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "seriesKey" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "scopeType" TEXT NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "team" TEXT NOT NULL DEFAULT '',
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "lastFlaggedAt" DATETIME NOT NULL,
    "peakValue" REAL NOT NULL,
    "peakExpected" REAL NOT NULL,
    "peakScore" REAL NOT NULL,
    "impactUsd" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'open',
    "snoozedUntil" DATETIME,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" DATETIME,
    "resolvedBy" TEXT,
    "resolvedAt" DATETIME,
    "incidentKind" TEXT NOT NULL DEFAULT '',
    "shiftAt" DATETIME,
    "levelBefore" REAL,
    "levelAfter" REAL,
    "outliers" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Alert_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Alert" ("acknowledgedAt", "acknowledgedBy", "createdAt", "grain", "id", "impactUsd", "lastFlaggedAt", "metric", "peakExpected", "peakScore", "peakValue", "points", "resolvedAt", "resolvedBy", "ruleId", "scopeType", "scopeValue", "seriesKey", "snoozedUntil", "status", "team", "updatedAt", "windowEnd", "windowStart") SELECT "acknowledgedAt", "acknowledgedBy", "createdAt", "grain", "id", "impactUsd", "lastFlaggedAt", "metric", "peakExpected", "peakScore", "peakValue", "points", "resolvedAt", "resolvedBy", "ruleId", "scopeType", "scopeValue", "seriesKey", "snoozedUntil", "status", "team", "updatedAt", "windowEnd", "windowStart" FROM "Alert";
DROP TABLE "Alert";
ALTER TABLE "new_Alert" RENAME TO "Alert";
CREATE INDEX "Alert_seriesKey_windowEnd_idx" ON "Alert"("seriesKey", "windowEnd");
CREATE INDEX "Alert_status_windowStart_idx" ON "Alert"("status", "windowStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

