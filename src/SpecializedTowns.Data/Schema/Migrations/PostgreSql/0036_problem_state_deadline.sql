-- Version 36: the problems not answered by their deadline (已逾期) are counted for the bell on every page, by state and
-- deadline. With an index on state alone the province's 20,000 problems were read for it (PostgreSQL 4–6 ms a page);
-- by state and then deadline each open state is one range of the index. It serves whatever the state index served.
-- Never edit a released step: add a new one.

DROP INDEX ix_problems_state;

CREATE INDEX ix_problems_state_deadline ON problems (state, deadline);
