-- Version 23: each key project's warning level and next planned date, kept so the library sorts, filters, pages and counts
-- by warning in SQL instead of working out the warnings of every project in scope on each request (20,000 at province
-- scale). A row holds what the rules gave on one day under one set of settings (basis); rows of another day are worked
-- out again before they are read, and a save of the project or its progress deletes its row (ProjectWarningStore).
-- Never edit a released step: add a new one.

CREATE TABLE project_warnings (
    project_id integer NOT NULL,
    level integer NOT NULL,
    next_planned_on date,
    basis character varying(60) NOT NULL,
    CONSTRAINT "PK_project_warnings" PRIMARY KEY (project_id),
    CONSTRAINT "FK_project_warnings_key_projects_project_id" FOREIGN KEY (project_id) REFERENCES key_projects (id) ON DELETE CASCADE
);
