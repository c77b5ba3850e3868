-- Version 15: an enterprise's own industry (所属产业) and industry category, so that 储备培育 can map township × industry
-- clusters beyond the enterprises of existing specialized towns (永济 五（三）梳理溯源; 朔政办发〔2023〕19号 三（一）储备).
-- Hand-written. Never edit a released step: add a new one.

ALTER TABLE enterprises ADD COLUMN industry character varying(50);

ALTER TABLE enterprises ADD COLUMN industry_category character varying(40);
