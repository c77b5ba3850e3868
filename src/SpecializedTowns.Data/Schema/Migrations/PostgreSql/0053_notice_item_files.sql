-- Version 53: a finding of a 督办通知书 keeps several evidence files (整改佐证) instead of one. A file names its finding
-- (notice_files.notice_item_id; null for one uploaded to the notice and given to no finding yet) and the finding's single
-- attachment_id goes. A file an item named moves to that item; a file two items named stays with the first and the other
-- gets its own copy, so that taking it off one finding leaves the other's evidence in place.
-- Never edit a released step: add a new one.

ALTER TABLE notice_files ADD COLUMN notice_item_id integer;

ALTER TABLE notice_files ADD CONSTRAINT "FK_notice_files_notice_items_notice_item_id"
    FOREIGN KEY (notice_item_id) REFERENCES notice_items (id) ON DELETE CASCADE;

UPDATE notice_files f SET notice_item_id = (
    SELECT i.id FROM notice_items i WHERE i.attachment_id = f.id ORDER BY i.position LIMIT 1);

INSERT INTO notice_files (notice_id, notice_item_id, file_name, content_type, size, content, uploaded_by_user_id, uploaded_by, uploaded_at_utc)
SELECT i.notice_id, i.id, f.file_name, f.content_type, f.size, f.content, f.uploaded_by_user_id, f.uploaded_by, f.uploaded_at_utc
FROM notice_items i JOIN notice_files f ON f.id = i.attachment_id
WHERE f.notice_item_id <> i.id
ORDER BY i.id;

CREATE INDEX ix_notice_files_item ON notice_files (notice_item_id);

-- Its foreign key and index ix_notice_items_attachment go with it.
ALTER TABLE notice_items DROP COLUMN attachment_id;
