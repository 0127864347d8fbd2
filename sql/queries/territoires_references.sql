-- name: territoires_removed_references
-- one row per kind of data still using a territory of `territoires_change` marked removed: table, rows, example, example_with_commune
with removed as (
    select code, niveau from territoires_change where change = 'removed'
),

kept_territories as (
    select code, niveau, region, departement, epci, commune from territoires
    anti join removed using (code, niveau)
    union all
    select code, niveau, region, departement, epci, commune from territoires_change
    where change = 'incoming'
),

observation_refs as (
    select 'observations' as table_name, count(*) as rows_n,
        min(observations.territoire || ' (' || observations.niveau || ')') as example,
        example as example_with_commune
    from observations
    semi join removed on removed.code = observations.territoire and removed.niveau = observations.niveau
),

initiative_refs as (
    select 'initiatives' as table_name, count(*) as rows_n, min(initiatives.id) as example,
        min(initiatives.id || ' → ' || initiatives.commune) as example_with_commune
    from initiatives
    semi join removed on removed.code = initiatives.commune and removed.niveau = 'commune'
),

territory_refs as (
    select 'territoires' as table_name, count(*) as rows_n,
        min(kept.code || ' (' || kept.niveau || ')') as example,
        example as example_with_commune
    from kept_territories as kept
    semi join removed on (removed.niveau = 'region' and removed.code = kept.region)
        or (removed.niveau = 'departement' and removed.code = kept.departement)
        or (removed.niveau = 'epci' and removed.code = kept.epci)
        or (removed.niveau = 'commune' and removed.code = kept.commune)
),

final as (
    select * from observation_refs
    union all
    select * from initiative_refs
    union all
    select * from territory_refs
)

select * from final where rows_n > 0 order by table_name;
