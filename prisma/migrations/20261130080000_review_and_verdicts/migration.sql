-- AlterTable
ALTER TABLE "workspaces" ADD COLUMN     "organisation_name" TEXT,
ADD COLUMN     "organisation_url" TEXT,
ADD COLUMN     "require_confirmation" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "required_verdicts" INTEGER NOT NULL DEFAULT 2;

-- AlterTable
ALTER TABLE "claims" ADD COLUMN     "pending_rating" TEXT,
ADD COLUMN     "resolved_at" TIMESTAMPTZ(3),
ADD COLUMN     "review_round" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "ratings" (
    "id" UUID NOT NULL,
    "workspace_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "colour" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "rating_value" INTEGER NOT NULL,
    "best_rating" INTEGER NOT NULL,
    "worst_rating" INTEGER NOT NULL,
    "alternate_name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ratings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verdicts" (
    "id" UUID NOT NULL,
    "claim_id" UUID NOT NULL,
    "reviewer_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "rating" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "evidence_ids" UUID[],
    "supersedes_id" UUID,
    "supersede_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verdicts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "claim_decisions" (
    "id" UUID NOT NULL,
    "claim_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "actor_id" UUID,
    "rating" TEXT,
    "rationale" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "claim_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ratings_workspace_id_key_key" ON "ratings"("workspace_id", "key");

-- CreateIndex
CREATE UNIQUE INDEX "verdicts_supersedes_id_key" ON "verdicts"("supersedes_id");

-- CreateIndex
CREATE INDEX "verdicts_claim_id_round_idx" ON "verdicts"("claim_id", "round");

-- CreateIndex
CREATE INDEX "claim_decisions_claim_id_idx" ON "claim_decisions"("claim_id");

-- AddForeignKey
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_decisions" ADD CONSTRAINT "claim_decisions_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "claims"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "claim_decisions" ADD CONSTRAINT "claim_decisions_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A verdict is never edited: a reviewer who changes their mind supersedes it with a new one.
CREATE FUNCTION verdicts_immutable() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''verdicts are never changed, a new one supersedes them''\073 END\073';

CREATE TRIGGER verdicts_no_update
  BEFORE UPDATE ON verdicts
  FOR EACH ROW EXECUTE FUNCTION verdicts_immutable();
