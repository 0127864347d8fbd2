-- Territory structure used by the indicator engine: which territories a value is built from.

-- name: engine_components_view
-- one row per territory and each territory it is built from (itself included), from commune membership
create or replace view engine_components as
with levels as (
    select
        unnest(['region', 'departement', 'epci', 'commune']) as niveau,
        unnest([1, 2, 3, 4]) as depth
),

self_pairs as (
    select
        code as parent_code,
        niveau as parent_niveau,
        code as child_code,
        niveau as child_niveau
    from territoires
),

commune_pairs as (
    select communes.region as parent_code, 'region' as parent_niveau,
           communes.code as child_code, 'commune' as child_niveau
    from territoires as communes
    where communes.niveau = 'commune' and communes.region is not null
    union all
    select communes.departement, 'departement', communes.code, 'commune'
    from territoires as communes
    where communes.niveau = 'commune' and communes.departement is not null
    union all
    select communes.epci, 'epci', communes.code, 'commune'
    from territoires as communes
    where communes.niveau = 'commune' and communes.epci is not null
),

departement_pairs as (
    select
        departements.region as parent_code,
        'region' as parent_niveau,
        departements.code as child_code,
        'departement' as child_niveau
    from territoires as departements
    where departements.niveau = 'departement' and departements.region is not null
),

existing_parents as (
    select pairs.*
    from (select * from commune_pairs union all select * from departement_pairs) as pairs
    inner join territoires as parents
        on parents.code = pairs.parent_code and parents.niveau = pairs.parent_niveau
),

final as (
    select
        pairs.parent_code,
        pairs.parent_niveau,
        pairs.child_code,
        pairs.child_niveau,
        levels.depth as child_depth
    from (select * from self_pairs union all select * from existing_parents) as pairs
    inner join levels on levels.niveau = pairs.child_niveau
)

select * from final
;

-- name: engine_partitions_view
-- one row per parent territory, way of splitting it into published children, and child territory
create or replace view engine_partitions as
with communes as (
    select code, region, departement, epci
    from territoires
    where niveau = 'commune'
),

-- An EPCI lies wholly in a département (or région) when all its communes do; else it straddles.
epci_spans as (
    select
        communes.epci,
        case
            when count(distinct communes.departement) = 1
                and count(communes.departement) = count(*) then min(communes.departement)
        end as departement,
        case
            when count(distinct communes.region) = 1
                and count(communes.region) = count(*) then min(communes.region)
        end as region
    from communes
    semi join territoires as epcis on epcis.code = communes.epci and epcis.niveau = 'epci'
    group by communes.epci
),

level_splits as (
    select parent_code, parent_niveau, 'communes' as partition_name, child_code, child_niveau
    from engine_components
    where child_niveau = 'commune' and parent_niveau <> 'commune'
    union all
    select parent_code, parent_niveau, 'departements', child_code, child_niveau
    from engine_components
    where child_niveau = 'departement' and parent_niveau = 'region'
),

-- A département is also the sum of the EPCIs it wholly holds and of its other communes:
-- without this split, département − EPCI would reveal a hidden commune.
departement_splits as (
    select departement as parent_code, 'departement' as parent_niveau,
           'epci_communes' as partition_name, epci as child_code, 'epci' as child_niveau
    from epci_spans
    where departement is not null
    union all
    select communes.departement, 'departement', 'epci_communes', communes.code, 'commune'
    from communes
    left join epci_spans on epci_spans.epci = communes.epci
    where communes.departement is not null and epci_spans.departement is null
),

region_splits as (
    select region as parent_code, 'region' as parent_niveau,
           'epci_communes' as partition_name, epci as child_code, 'epci' as child_niveau
    from epci_spans
    where region is not null
    union all
    select communes.region, 'region', 'epci_communes', communes.code, 'commune'
    from communes
    left join epci_spans on epci_spans.epci = communes.epci
    where communes.region is not null and epci_spans.region is null
),

final as (
    select splits.*
    from (
        select * from level_splits
        union all
        select * from departement_splits
        union all
        select * from region_splits
    ) as splits
    semi join territoires as parents
        on parents.code = splits.parent_code and parents.niveau = splits.parent_niveau
)

select * from final
