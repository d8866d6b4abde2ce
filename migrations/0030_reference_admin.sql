-- Administration of the reference data (issue 14, docs/admin.md): what the review of users'
-- product submissions needs in food_products.
--
-- A submission is reviewed by an admin: approved, it becomes the public row of its barcode
-- (submitted_by NULL, as migration 0024's CHECK requires of a published row) and remembers who
-- contributed it; rejected, it keeps its submitter and says why, for the submitter to read.
ALTER TABLE food_products
  -- Why a rejected submission was refused, shown to its submitter.
  ADD COLUMN review_reason text CHECK (length(review_reason) BETWEEN 1 AND 500),
  ADD COLUMN reviewed_at timestamptz,
  -- SET NULL: the review outlives the admin's account, as the audit log's entries do.
  ADD COLUMN reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  -- The submitter of an approved (now public) product, so their list of submissions keeps
  -- showing it. SET NULL on erasure: the public product stays, without naming them.
  ADD COLUMN contributed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD CONSTRAINT food_products_rejection_check
    CHECK ((status = 'rejected') = (review_reason IS NOT NULL));

-- The admin review queue (GET /admin/nutrition/products/submissions): pending first, oldest
-- first; users' products only (submitted, or contributed and now public).
CREATE INDEX food_products_review_idx ON food_products ((status <> 'pending'), created_at, id)
  WHERE submitted_by IS NOT NULL OR contributed_by IS NOT NULL;
-- GET /nutrition/products/mine lists the caller's approved contributions too.
CREATE INDEX food_products_contributed_idx ON food_products (contributed_by)
  WHERE contributed_by IS NOT NULL;
