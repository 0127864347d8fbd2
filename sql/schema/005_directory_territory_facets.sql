-- The directory's scope with the département and EPCI facets (values from the data): one more
-- boolean `ok_*` each, beside those of `directory_scope` (sql/schema/003_directory_scope.sql).
-- An empty list means "any".

-- one row per initiative of `directory_scope`, with ok_departement and ok_epci
create or replace macro directory_placed(
    terms, territory, territory_level, thematiques, audiences, stages, legal_forms,
    creation_periods, circular_flag, woman_flag, departements, epcis
) as table
select
    scoped.*,
    len(departements) = 0
        or coalesce(list_contains(departements, scoped.commune_departement), false)
        as ok_departement,
    len(epcis) = 0 or coalesce(list_contains(epcis, scoped.commune_epci), false) as ok_epci
from directory_scope(
    terms, territory, territory_level, thematiques, audiences, stages, legal_forms,
    creation_periods, circular_flag, woman_flag
) as scoped;
