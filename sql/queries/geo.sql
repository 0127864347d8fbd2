-- Outlines of territories (table `outlines`), read and written by observatory/outlines.py.
-- `outline_upload` and `outline_map_upload` are data frames registered for one statement.

-- name: geo_outlines_upsert
-- one row per territory outline of the uploaded frame (code, niveau, geometry_wkb, source)
insert or replace into outlines (code, niveau, geometry_wkb, map_geojson, source, loaded_at)
select
    upload.code as code,
    upload.niveau as niveau,
    upload.geometry_wkb as geometry_wkb,
    null as map_geojson,
    upload.source as source,
    current_timestamp as loaded_at
from outline_upload as upload

-- name: geo_outline_geometries
-- one row per territory of the level that has an outline (full-resolution WKB, WGS84)
select
    outlines.code as code,
    territoires.nom as nom,
    outlines.geometry_wkb as geometry_wkb
from outlines
left join territoires
    on territoires.code = outlines.code and territoires.niveau = outlines.niveau
where outlines.niveau = ?
order by outlines.code

-- name: geo_map_geojson_update
-- one row per outline of the level: its simplified GeoJSON geometry for maps
update outlines
set map_geojson = upload.map_geojson
from outline_map_upload as upload
where outlines.code = upload.code and outlines.niveau = ?

-- name: geo_map_features
-- one row per territory of the level with a simplified map outline, in code order
select
    outlines.code as code,
    outlines.map_geojson as map_geojson
from outlines
where outlines.niveau = ? and outlines.map_geojson is not null
order by outlines.code

-- name: geo_map_outline_count
-- one row: how many territories of the level have a map outline
select count(*) as outlines_n
from outlines
where outlines.niveau = ? and outlines.map_geojson is not null

-- name: geo_reference_codes
-- one row per territory of the level in the reference (code, name, parents)
select
    territoires.code as code,
    territoires.nom as nom,
    territoires.region as region,
    territoires.departement as departement,
    territoires.epci as epci
from territoires
where territoires.niveau = ?
order by territoires.code

-- name: geo_status
-- one row per level: territories in the reference and how many have a map outline
with levels as (
    select unnest(['region', 'departement', 'epci', 'commune', 'arrondissement_municipal']) as niveau
),

reference as (
    select territoires.niveau as niveau, count(*) as territories_n
    from territoires
    group by territoires.niveau
),

drawn as (
    select outlines.niveau as niveau, count(*) as with_outline_n
    from outlines
    inner join territoires
        on territoires.code = outlines.code and territoires.niveau = outlines.niveau
    where outlines.map_geojson is not null
    group by outlines.niveau
),

final as (
    select
        levels.niveau as niveau,
        coalesce(reference.territories_n, 0) as territories_n,
        coalesce(drawn.with_outline_n, 0) as with_outline_n
    from levels
    left join reference on reference.niveau = levels.niveau
    left join drawn on drawn.niveau = levels.niveau
)

select * from final

-- name: geo_territory_points
-- one row per territory of the level with a centroid (WGS84), for the circles fallback
select
    territoires.code as territoire,
    territoires.nom as nom,
    territoires.latitude as latitude,
    territoires.longitude as longitude
from territoires
where territoires.niveau = ? and territoires.latitude is not null and territoires.longitude is not null
order by territoires.code

-- name: geo_map_codes
-- one row per territory of the level with a simplified map outline
select outlines.code as code
from outlines
where outlines.niveau = ? and outlines.map_geojson is not null
order by outlines.code

-- name: geo_commune_epci
-- one row per commune of the reference that belongs to an EPCI: the commune and its EPCI
select
    territoires.code as code,
    territoires.epci as epci
from territoires
where territoires.niveau = 'commune' and territoires.epci is not null
order by territoires.code

-- name: geo_region_codes
-- one row per territory of the level that lies in the région (the région itself for level region)
select territoires.code as code
from territoires
where territoires.niveau = ?
    and (territoires.region = ? or (territoires.niveau = 'region' and territoires.code = ?))
order by territoires.code

-- name: geo_outlines_of_source
-- one row per stored outline of the level from the given source (code, full-resolution WKB)
select
    outlines.code as code,
    outlines.geometry_wkb as geometry_wkb
from outlines
where outlines.niveau = ? and outlines.source = ?
order by outlines.code
