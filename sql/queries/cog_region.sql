-- A région's territories from the shipped COG (data/reference/cog/*.csv.gz), in the columns
-- of the `territoires` dataset. Parameters: the five file paths (régions, départements,
-- EPCI, communes, arrondissements municipaux), then the région code. Centroids come later,
-- from the shipped outlines.

-- name: cog_region_territories
-- one row per territory of the région (région, départements, EPCI with a commune in it, communes,
-- arrondissements municipaux)
with regions as (
    select * from read_csv(?, delim = ';', header = true, all_varchar = true)
),

departements as (
    select * from read_csv(?, delim = ';', header = true, all_varchar = true)
),

epcis as (
    select * from read_csv(?, delim = ';', header = true, all_varchar = true)
),

all_communes as (
    select * exclude (population), cast(nullif(population, '') as bigint) as population
    from read_csv(?, delim = ';', header = true, all_varchar = true)
),

all_arrondissements as (
    select * exclude (population), cast(nullif(population, '') as bigint) as population
    from read_csv(?, delim = ';', header = true, all_varchar = true)
),

wanted as (
    select code from regions where code = ?
),

communes as (
    select all_communes.* from all_communes inner join wanted on all_communes.region = wanted.code
),

-- an EPCI with a commune in the région: its in-région part, in the département holding most
-- of that part's inhabitants; one reaching outside is named as such
epci_parts as (
    select
        communes.epci as code,
        arg_max(communes.departement, communes.population) as departement,
        sum(communes.population) as population,
        count(*) as communes_n
    from communes
    where communes.epci <> ''
    group by communes.epci
),

epci_sizes as (
    select epci as code, count(*) as communes_n from all_communes where epci <> '' group by epci
),

final as (
    select regions.code, 'region' as niveau, regions.nom, null as region, null as departement,
           null as epci, null as commune, (select sum(population) from communes) as population,
           1 as level_rank
    from regions inner join wanted using (code)
    union all
    select departements.code, 'departement', departements.nom, departements.region, null, null, null,
           (select sum(population) from communes where communes.departement = departements.code), 2
    from departements inner join wanted on departements.region = wanted.code
    union all
    select epci_parts.code, 'epci',
           epcis.nom || case when epci_parts.communes_n < epci_sizes.communes_n
                             then ' (partie en ' || (select nom from regions inner join wanted using (code)) || ')'
                             else '' end,
           (select code from wanted), epci_parts.departement, null, null, epci_parts.population, 3
    from epci_parts
    inner join epcis using (code)
    inner join epci_sizes using (code)
    union all
    select code, 'commune', nom, region, departement, nullif(epci, ''), null, population, 4
    from communes
    union all
    -- counted in their commune, never beside it (the engine adds them up only for a commune
    -- without a value of its own)
    select code, 'arrondissement_municipal', nom, region, departement, null, commune, population, 5
    from all_arrondissements
    where region = (select code from wanted)
)

select code, niveau, nom, region, departement, epci, commune, population
from final
order by level_rank, code
