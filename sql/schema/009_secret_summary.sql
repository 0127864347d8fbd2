-- How many published cells statistical confidentiality hides, per indicator: all secret cells and
-- the primary ones among them (Données & méthodes reports both; DATA-CONTRACT.md §7). Counts only:
-- which cells are primary is never published (it would tell that they are below the threshold).
-- Rebuilt with `published_values` (sql/queries/engine_build.sql).
create table if not exists secret_summary (
    indicateur text not null,
    cells_secret integer not null,
    cells_primary integer not null
);
