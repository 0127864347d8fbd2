-- The published figures again, ordered by territory: what one territory's pages read (portrait,
-- key figures, sparklines). `published_values` is ordered by indicator for maps and rankings;
-- DuckDB skips row groups by their min/max, so a territory's 1,500 rows of 3,000,000 cost a
-- full scan there (10–25 ms) and two row groups here (about 2 ms).
-- Filled with `published_values` by every rebuild (sql/queries/engine_build.sql); the columns
-- follow it.
create table if not exists published_by_territory as
select * from published_values
limit 0;
