-- Notices about the account itself (a sign-up attempted with its address) belong to no workspace.
ALTER TABLE "notifications" ALTER COLUMN "workspace_id" DROP NOT NULL;
