-- Version 27: the problem ledger lists the latest raised first. For an office whose scope is the whole database (the
-- province's own office) the page is then the first rows of this index, instead of sorting 20,000 problems for each page.
-- Never edit a released step: add a new one.

CREATE INDEX ix_problems_raised_at ON problems (raised_at_utc, id);
