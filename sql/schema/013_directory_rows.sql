-- The directory as readers search it, written once per write instead of on every query:
-- each initiative with its commune's names and codes, its map position, its creation period
-- and its name and text folded (accents and case). At 100,000 initiatives, the join and the
-- folding on every query cost 40 ms to list a département's first initiatives by name and
-- half a second to search words; read from this table, 12 ms and 40 ms.
-- Rewritten by every import of initiatives or territories and by every publication
-- (sql/queries/engine_build.sql, engine_build_publish_directory). A migration that adds a
-- column to `initiatives` adds it here too (the rewrite inserts by name).

-- one row per initiative, located and folded (what `directory_rows` holds)
create or replace macro directory_located() as table
select
    initiatives.*,
    communes.nom as commune_nom,
    communes.region as commune_region,
    communes.departement as commune_departement,
    communes.epci as commune_epci,
    coalesce(initiatives.latitude, communes.latitude) as map_latitude,
    coalesce(initiatives.longitude, communes.longitude) as map_longitude,
    case
        when initiatives.annee_creation < 2000 then 'avant-2000'
        when initiatives.annee_creation < 2010 then '2000-2009'
        when initiatives.annee_creation < 2015 then '2010-2014'
        when initiatives.annee_creation < 2020 then '2015-2019'
        when initiatives.annee_creation >= 2020 then '2020-et-apres'
    end as creation_period,
    strip_accents(lower(initiatives.nom)) as nom_cle,
    strip_accents(lower(communes.nom)) as commune_cle,
    strip_accents(lower(concat_ws(' ', initiatives.nom, initiatives.porteur,
                                  initiatives.description))) as texte_cle
from initiatives
left join territoires as communes
    on communes.code = initiatives.commune and communes.niveau = 'commune';

-- Ordered by place, so a territory's rows sit together and its filter skips the others.
create or replace table directory_rows as
select * from directory_located()
order by commune_region, commune_departement, commune_epci, commune, id;

-- one row per initiative matching the search words and the territory, with one boolean
-- `ok_*` per facet (not applied here: results need them all, a facet's counts need all the
-- others). An empty list means "any", a null flag too. Same signature and columns as
-- migration 010's; one macro over the table instead of three nested ones (003, 005, 010):
-- binding the nest cost 5 ms of every directory query.
create or replace macro directory_listed(
    terms, territory, territory_level, thematiques, audiences, stages, legal_forms,
    creation_periods, circular_flag, woman_flag, departements, epcis, activity
) as table
select
    located.*,
    len(thematiques) = 0 or list_contains(thematiques, located.thematique) as ok_thematique,
    len(audiences) = 0 or coalesce(list_has_any(located.publics, audiences), false) as ok_public,
    len(stages) = 0 or coalesce(list_contains(stages, located.stade), false) as ok_stade,
    len(legal_forms) = 0 or coalesce(list_contains(legal_forms, located.forme_juridique), false)
        as ok_forme,
    len(creation_periods) = 0
        or coalesce(list_contains(creation_periods, located.creation_period), false) as ok_creation,
    circular_flag is null
        or coalesce(located.economie_circulaire = (circular_flag = 'oui'), false) as ok_ec,
    woman_flag is null
        or coalesce(located.portee_par_une_femme = (woman_flag = 'oui'), false) as ok_femme,
    len(departements) = 0
        or coalesce(list_contains(departements, located.commune_departement), false)
        as ok_departement,
    len(epcis) = 0 or coalesce(list_contains(epcis, located.commune_epci), false) as ok_epci,
    activity is null
        or (activity = 'en_activite' and located.annee_fin is null)
        or (activity = 'arretee' and located.annee_fin is not null) as ok_activite
from directory_rows as located
where (
        territory is null
        or (territory_level = 'commune' and located.commune = territory)
        or (territory_level = 'epci' and located.commune_epci = territory)
        or (territory_level = 'departement' and located.commune_departement = territory)
        or (territory_level = 'region' and located.commune_region = territory)
    )
    -- The words straight from the parameter, not from a joined table: without words the
    -- condition folds to true and the folded texts (descriptions) are not even read.
    and (len(terms::varchar[]) = 0
        or list_bool_and(list_transform(terms::varchar[], lambda term: contains(
            located.texte_cle, strip_accents(lower(term))))));

-- The nest it replaces, read by nothing else.
drop macro table if exists directory_placed;
drop macro table if exists directory_scope;

-- whether a row of `directory_listed` passes every facet of at least one of `facet_sets`
-- (lists of facet names: the theme pages' « any of these » and the maps' initiatives), given
-- the row's ok_* flags in the order of the case below (a row passed whole, as a struct, cost
-- seven times more: the struct is built for every row)
create or replace macro passes_any_facet_set(
    facet_sets, thematique, public, stade, forme, creation, ec, femme, departement, epci,
    activite
) as
list_bool_or(list_transform(facet_sets::varchar[][], lambda facets: list_bool_and(
    list_transform(facets, lambda facet: case facet
        when 'thematique' then thematique
        when 'public' then public
        when 'stade' then stade
        when 'forme' then forme
        when 'creation' then creation
        when 'ec' then ec
        when 'femme' then femme
        when 'departement' then departement
        when 'epci' then epci
        when 'activite' then activite
    end))));
