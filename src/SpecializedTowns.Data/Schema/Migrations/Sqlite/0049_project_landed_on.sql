-- Version 49: the day a 招商 lead landed as the key project, kept on the project itself (until now written only into its
-- 建设内容 text). A project landed before this step takes the day its lead recorded, when one did.
-- Never edit a released step: add a new one.

ALTER TABLE "key_projects" ADD COLUMN "landed_on" TEXT NULL;

UPDATE "key_projects"
SET "landed_on" = (SELECT l."landed_on" FROM "investment_leads" l WHERE l."key_project_id" = "key_projects"."id" AND l."landed_on" IS NOT NULL ORDER BY l."id" LIMIT 1)
WHERE EXISTS (SELECT 1 FROM "investment_leads" l WHERE l."key_project_id" = "key_projects"."id" AND l."landed_on" IS NOT NULL);
