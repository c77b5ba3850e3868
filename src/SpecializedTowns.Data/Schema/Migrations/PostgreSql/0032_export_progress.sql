-- Version 32: how far a long export has got (企业名录: 300,000 rows take 5–10 s), so the page that asked for it can show
-- its progress. Kept in the database, not in the process, because behind a load balancer the page's polls may reach
-- another web process than the one writing the file. A row lives for the export and is removed an hour later.
-- Never edit a released step: add a new one.

CREATE TABLE export_progress (
    id uuid NOT NULL,
    user_id integer NOT NULL,
    done integer NOT NULL,
    total integer,
    finished boolean NOT NULL,
    failure character varying(500),
    touched_at_utc timestamp with time zone NOT NULL,
    CONSTRAINT "PK_export_progress" PRIMARY KEY (id)
);

CREATE INDEX ix_export_progress_touched ON export_progress (touched_at_utc);
