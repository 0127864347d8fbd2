-- Integrity checks of the stored data: each statement returns one row per violation, none when
-- the database keeps the data contract. The importer guarantees these invariants for every
-- batch; the checks prove it after imports and rollbacks (tests) and catch rows written another way.

-- name: check_observations_unknown_indicator
-- one row per observation whose indicator is not in the catalogue
select observations.indicateur, observations.territoire, observations.niveau, observations.annee
from observations
anti join indicateurs on indicateurs.code = observations.indicateur;

-- name: check_observations_unknown_territory
-- one row per observation whose territory (code and level) is not in the reference
select observations.indicateur, observations.territoire, observations.niveau, observations.annee
from observations
anti join territoires
    on territoires.code = observations.territoire and territoires.niveau = observations.niveau;

-- name: check_observations_out_of_range
-- one row per value outside its unit's range: pourcentage in [0, 100], counts, euros, tonnes, etp not negative
select observations.indicateur, observations.territoire, observations.niveau, observations.annee,
    observations.valeur, indicateurs.unite
from observations
inner join indicateurs on indicateurs.code = observations.indicateur
where (indicateurs.unite = 'pourcentage' and (observations.valeur < 0 or observations.valeur > 100))
    or (indicateurs.unite in ('nombre', 'euros', 'tonnes', 'etp') and observations.valeur < 0);

-- name: check_initiatives_unknown_commune
-- one row per initiative whose commune is not a commune of the reference
select initiatives.id, initiatives.commune
from initiatives
anti join territoires on territoires.code = initiatives.commune and territoires.niveau = 'commune';

-- name: check_territoires_unknown_parent
-- one row per parent code (région, département, EPCI, commune) of a territory that is not in the reference
with parents as (
    select code, niveau, 'region' as parent_level, region as parent_code from territoires
    union all
    select code, niveau, 'departement', departement from territoires
    union all
    select code, niveau, 'epci', epci from territoires
    union all
    select code, niveau, 'commune', commune from territoires
)

select parents.code, parents.niveau, parents.parent_level, parents.parent_code
from parents
anti join territoires
    on territoires.code = parents.parent_code and territoires.niveau = parents.parent_level
where parents.parent_code is not null;

-- name: check_indicateurs_ratio_components
-- one row per ratio indicator whose numerator or denominator is missing or not in the catalogue
with components as (
    select code, 'numerateur' as role, numerateur as component from indicateurs where agregation = 'ratio'
    union all
    select code, 'denominateur', denominateur from indicateurs where agregation = 'ratio'
)

select components.code, components.role, components.component
from components
anti join indicateurs on indicateurs.code = components.component;

-- name: check_rows_of_unknown_or_rolled_back_batches
-- one row per stored row stamped with a batch that does not exist or was rolled back
with stamped as (
    select 'territoires' as table_name, batch_id from territoires
    union all
    select 'indicateurs', batch_id from indicateurs
    union all
    select 'observations', batch_id from observations
    union all
    select 'initiatives', batch_id from initiatives
)

select stamped.table_name, stamped.batch_id, count(*) as rows_n
from stamped
left join batches using (batch_id)
where stamped.batch_id is not null
    and (batches.batch_id is null or batches.rolled_back_at is not null)
group by all
order by all;

-- name: check_batches_history_counts
-- one row per batch whose kept history does not match its counts (one insert row per row added, one update row per row changed)
with history as (
    select history_batch_id, action from territoires_history
    union all
    select history_batch_id, action from indicateurs_history
    union all
    select history_batch_id, action from observations_history
    union all
    select history_batch_id, action from initiatives_history
),

counted as (
    select
        history_batch_id as batch_id,
        count(*) filter (where action = 'insert') as inserted_kept,
        count(*) filter (where action = 'update') as updated_kept
    from history
    group by history_batch_id
)

select
    coalesce(batches.batch_id, counted.batch_id) as batch_id,
    batches.inserted,
    batches.updated,
    coalesce(counted.inserted_kept, 0) as inserted_kept,
    coalesce(counted.updated_kept, 0) as updated_kept
from batches
full join counted on counted.batch_id = batches.batch_id
where batches.batch_id is null
    or batches.inserted <> coalesce(counted.inserted_kept, 0)
    or batches.updated <> coalesce(counted.updated_kept, 0)
order by 1;

-- name: check_published_by_territory_matches
-- one row per published figure found in only one of its two orders (or a different number of times)
(select 'published_values' as missing_from, * from published_by_territory
 except all
 select 'published_values', * from published_values)
union all
(select 'published_by_territory', * from published_values
 except all
 select 'published_by_territory', * from published_by_territory);
