-- (No semicolon in these comments: the migration runner splits the script on them.)
-- Finding participants by any part of their name, whatever the case and the accents ("aicha"
-- finds "Aïcha"), with a trigram index so that a search stays fast with thousands of people.
-- Both extensions ship with PostgreSQL (contrib), including the official Docker image.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change), so it cannot be indexed as it is: the
-- dictionary is named explicitly here, which makes the result fixed for a given text.
CREATE OR REPLACE FUNCTION compagnon_search_text(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE INDEX "Person_displayName_search_idx" ON "Person" USING gin (compagnon_search_text("displayName") gin_trgm_ops);

-- The participants page filters on these two.
CREATE INDEX "Enrolment_slippingAlertedAt_idx" ON "Enrolment"("slippingAlertedAt");
CREATE INDEX "Person_hubId_idx" ON "Person"("hubId");
