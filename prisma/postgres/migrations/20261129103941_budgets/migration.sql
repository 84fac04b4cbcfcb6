-- AlterTable
ALTER TABLE "Budget" ADD COLUMN     "createdBy" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "customFrom" TEXT,
ADD COLUMN     "customTo" TEXT,
ADD COLUMN     "name" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "thresholds" SET DEFAULT '[{"percent":80,"action":"notify"},{"percent":100,"action":"require_approval"},{"percent":120,"action":"block"}]';

-- CreateTable
CREATE TABLE "BudgetEvent" (
    "id" TEXT NOT NULL,
    "budgetId" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "spendUsd" TEXT NOT NULL,
    "amountUsd" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BudgetEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BudgetEvent_budgetId_at_idx" ON "BudgetEvent"("budgetId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "BudgetEvent_budgetId_periodKey_kind_percent_key" ON "BudgetEvent"("budgetId", "periodKey", "kind", "percent");

-- AddForeignKey
ALTER TABLE "BudgetEvent" ADD CONSTRAINT "BudgetEvent_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

