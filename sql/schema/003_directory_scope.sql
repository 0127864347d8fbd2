-- The directory's search scope as a table macro, shared by sql/queries/directory.sql.
-- A migration rather than a view: views are recreated on every write, and a rejected
-- import must leave the working file byte-identical.

-- one row per initiative matching the search words and the territory, with its commune,
-- map position and creation period, and one boolean `ok_*` per facet (not applied here:
-- results need them all, a facet's counts need all the others). An empty list means "any".
create or replace macro directory_scope(
    terms, territory, territory_level, thematiques, audiences, stages, legal_forms,
    creation_periods, circular_flag, woman_flag
) as table
with words as (
    select list_transform(terms::varchar[], lambda term: strip_accents(lower(term))) as folded
),

located as (
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
        end as creation_period
    from initiatives
    left join territoires as communes
        on communes.code = initiatives.commune and communes.niveau = 'commune'
)

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
        or coalesce(located.portee_par_une_femme = (woman_flag = 'oui'), false) as ok_femme
from located
cross join words
where (
        territory is null
        or (territory_level = 'commune' and located.commune = territory)
        or (territory_level = 'epci' and located.commune_epci = territory)
        or (territory_level = 'departement' and located.commune_departement = territory)
        or (territory_level = 'region' and located.commune_region = territory)
    )
    -- Folding accents and case of three text columns is the costliest step of the query
    -- (a third of a second over 100,000 initiatives): done only when words were typed.
    and (len(words.folded) = 0
        or list_bool_and(list_transform(words.folded, lambda term: contains(
            strip_accents(lower(concat_ws(' ', located.nom, located.porteur, located.description))),
            term))));
