-- CreateTable
CREATE TABLE "BudgetEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "budgetId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "spendUsd" TEXT NOT NULL,
    "amountUsd" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BudgetEvent_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Budget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL DEFAULT '',
    "scopeType" TEXT NOT NULL,
    "scopeValue" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT,
    "period" TEXT NOT NULL DEFAULT 'month',
    "customFrom" TEXT,
    "customTo" TEXT,
    "amountUsd" TEXT NOT NULL,
    "thresholds" TEXT NOT NULL DEFAULT '[{"percent":80,"action":"notify"},{"percent":100,"action":"require_approval"},{"percent":120,"action":"block"}]',
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Budget_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Budget" ("amountUsd", "createdAt", "id", "period", "scopeType", "scopeValue", "teamId", "thresholds", "updatedAt") SELECT "amountUsd", "createdAt", "id", "period", "scopeType", "scopeValue", "teamId", "thresholds", "updatedAt" FROM "Budget";
DROP TABLE "Budget";
ALTER TABLE "new_Budget" RENAME TO "Budget";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BudgetEvent_budgetId_at_idx" ON "BudgetEvent"("budgetId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetEvent_budgetId_periodKey_kind_percent_key" ON "BudgetEvent"("budgetId", "periodKey", "kind", "percent");

