-- CreateTable
CREATE TABLE "ChargebackSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "sharedTeams" TEXT NOT NULL DEFAULT '[]',
    "sharedServices" TEXT NOT NULL DEFAULT '[]',
    "evalToPool" BOOLEAN NOT NULL DEFAULT false,
    "wording" TEXT NOT NULL DEFAULT 'chargeback',
    "defaultRule" TEXT NOT NULL DEFAULT 'proportional',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChargebackSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChargebackRule" (
    "period" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "percentages" TEXT NOT NULL DEFAULT '{}',
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChargebackRule_pkey" PRIMARY KEY ("period")
);

-- CreateTable
CREATE TABLE "ChargebackSnapshot" (
    "id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "rule" TEXT NOT NULL,
    "report" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "totalUsd" TEXT NOT NULL,
    "closedBy" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "supersededAt" TIMESTAMP(3),
    "supersededBy" TEXT,

    CONSTRAINT "ChargebackSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChargebackLine" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "directUsd" TEXT NOT NULL DEFAULT '0.00',
    "allocatedUsd" TEXT NOT NULL DEFAULT '0.00',
    "adjustmentsUsd" TEXT NOT NULL DEFAULT '0.00',
    "totalUsd" TEXT NOT NULL,
    "sourcePeriod" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ChargebackLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChargebackSnapshot_period_idx" ON "ChargebackSnapshot"("period");

-- CreateIndex
CREATE INDEX "ChargebackLine_snapshotId_idx" ON "ChargebackLine"("snapshotId");

-- CreateIndex
CREATE INDEX "ChargebackLine_sourcePeriod_idx" ON "ChargebackLine"("sourcePeriod");

-- AddForeignKey
ALTER TABLE "ChargebackLine" ADD CONSTRAINT "ChargebackLine_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "ChargebackSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

