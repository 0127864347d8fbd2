-- The catalogue's headlines: `a_la_une` ranks the indicators the overview and their theme page
-- show first (empty: not a headline). The history table keeps the same columns as the table.
alter table indicateurs add column if not exists a_la_une integer;
alter table indicateurs_history add column if not exists a_la_une integer;
