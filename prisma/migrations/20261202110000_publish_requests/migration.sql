-- Four eyes (issue 10): with PROVISO_FOUR_EYES=1 a publish is a request that
-- a different admin approves or rejects with a comment. The request keeps the
-- source it was made with, so the approver reviews what will be published.
CREATE TABLE "publish_requests" (
    "id" TEXT NOT NULL DEFAULT gen_random_uuid()::text,
    "document_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "base_version" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "comment" TEXT,
    "published_version" INTEGER,
    CONSTRAINT "publish_requests_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "publish_requests_document_id_fkey" FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE CASCADE,
    CONSTRAINT "publish_requests_status_check" CHECK ("status" IN ('pending', 'approved', 'rejected')),
    CONSTRAINT "publish_requests_decision_check" CHECK (("status" = 'pending') = ("decided_by" IS NULL))
);
CREATE INDEX "publish_requests_status_requested_at_idx" ON "publish_requests"("status", "requested_at");
CREATE INDEX "publish_requests_document_id_idx" ON "publish_requests"("document_id");
