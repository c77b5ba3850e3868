-- Version 49: the day a 招商 lead landed as the key project, kept on the project itself (until now written only into its
-- 建设内容 text). A project landed before this step takes the day its lead recorded, when one did.
-- Never edit a released step: add a new one.

ALTER TABLE key_projects ADD COLUMN landed_on date;

UPDATE key_projects p
SET landed_on = l.landed_on
FROM (SELECT DISTINCT ON (key_project_id) key_project_id, landed_on FROM investment_leads
      WHERE key_project_id IS NOT NULL AND landed_on IS NOT NULL ORDER BY key_project_id, id) l
WHERE l.key_project_id = p.id;
