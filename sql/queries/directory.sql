-- The directory of initiatives: search, facets with counts, sorted results, one card.
-- Every filter is a boolean column `ok_*` bound to one parameter; results need them all,
-- a facet's counts need all the others (standard faceting). An empty list means "any".

-- name: directory_results
-- one row per initiative matching the search, the territory and every facet, in the asked order
with params as (
    select
        list_transform($terms::varchar[], lambda term: strip_accents(lower(term))) as terms,
        $territory::varchar as territory,
        $level::varchar as territory_level,
        $thematique::varchar[] as thematiques,
        $public::varchar[] as audiences,
        $stade::varchar[] as stages,
        $forme::varchar[] as legal_forms,
        $creation::varchar[] as creation_periods,
        $ec::varchar as circular_flag,
        $femme::varchar as woman_flag
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
        strip_accents(lower(concat_ws(' ', initiatives.nom, initiatives.porteur, initiatives.description)))
            as search_text,
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
),

flagged as (
    select
        located.*,
        coalesce(list_bool_and(list_transform(params.terms,
            lambda term: contains(located.search_text, term))), true) as ok_search,
        params.territory is null
            or (params.territory_level = 'commune' and located.commune = params.territory)
            or (params.territory_level = 'epci' and located.commune_epci = params.territory)
            or (params.territory_level = 'departement' and located.commune_departement = params.territory)
            or (params.territory_level = 'region' and located.commune_region = params.territory)
            as ok_territory,
        len(params.thematiques) = 0 or list_contains(params.thematiques, located.thematique) as ok_thematique,
        len(params.audiences) = 0 or coalesce(list_has_any(located.publics, params.audiences), false) as ok_public,
        len(params.stages) = 0 or coalesce(list_contains(params.stages, located.stade), false) as ok_stade,
        len(params.legal_forms) = 0 or coalesce(list_contains(params.legal_forms, located.forme_juridique), false)
            as ok_forme,
        len(params.creation_periods) = 0 or coalesce(list_contains(params.creation_periods, located.creation_period), false)
            as ok_creation,
        params.circular_flag is null
            or coalesce(located.economie_circulaire = (params.circular_flag = 'oui'), false) as ok_ec,
        params.woman_flag is null
            or coalesce(located.portee_par_une_femme = (params.woman_flag = 'oui'), false) as ok_femme
    from located
    cross join params
),

final as (
    select
        flagged.id,
        flagged.nom,
        flagged.porteur,
        flagged.commune,
        flagged.commune_nom,
        flagged.thematique,
        flagged.publics,
        flagged.stade,
        flagged.forme_juridique,
        flagged.annee_creation,
        flagged.emplois_etp as jobs_fte,
        flagged.map_latitude as latitude,
        flagged.map_longitude as longitude
    from flagged
    where flagged.ok_search and flagged.ok_territory and flagged.ok_thematique and flagged.ok_public
        and flagged.ok_stade and flagged.ok_forme and flagged.ok_creation and flagged.ok_ec
        and flagged.ok_femme
)

select * from final
order by
    case when $sort::varchar = 'creation' then annee_creation end desc nulls last,
    case when $sort::varchar = 'emplois' then jobs_fte end desc nulls last,
    case when $sort::varchar = 'commune' then strip_accents(lower(commune_nom)) end nulls last,
    strip_accents(lower(nom)),
    id;

-- name: directory_facet_counts
-- one row per facet and value: initiatives matching the search, the territory and every other facet
with params as (
    select
        list_transform($terms::varchar[], lambda term: strip_accents(lower(term))) as terms,
        $territory::varchar as territory,
        $level::varchar as territory_level,
        $thematique::varchar[] as thematiques,
        $public::varchar[] as audiences,
        $stade::varchar[] as stages,
        $forme::varchar[] as legal_forms,
        $creation::varchar[] as creation_periods,
        $ec::varchar as circular_flag,
        $femme::varchar as woman_flag
),

located as (
    select
        initiatives.*,
        communes.region as commune_region,
        communes.departement as commune_departement,
        communes.epci as commune_epci,
        strip_accents(lower(concat_ws(' ', initiatives.nom, initiatives.porteur, initiatives.description)))
            as search_text,
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
),

flagged as (
    select
        located.*,
        coalesce(list_bool_and(list_transform(params.terms,
            lambda term: contains(located.search_text, term))), true)
        and (
            params.territory is null
            or (params.territory_level = 'commune' and located.commune = params.territory)
            or (params.territory_level = 'epci' and located.commune_epci = params.territory)
            or (params.territory_level = 'departement' and located.commune_departement = params.territory)
            or (params.territory_level = 'region' and located.commune_region = params.territory)
        ) as ok_scope,
        len(params.thematiques) = 0 or list_contains(params.thematiques, located.thematique) as ok_thematique,
        len(params.audiences) = 0 or coalesce(list_has_any(located.publics, params.audiences), false) as ok_public,
        len(params.stages) = 0 or coalesce(list_contains(params.stages, located.stade), false) as ok_stade,
        len(params.legal_forms) = 0 or coalesce(list_contains(params.legal_forms, located.forme_juridique), false)
            as ok_forme,
        len(params.creation_periods) = 0 or coalesce(list_contains(params.creation_periods, located.creation_period), false)
            as ok_creation,
        params.circular_flag is null
            or coalesce(located.economie_circulaire = (params.circular_flag = 'oui'), false) as ok_ec,
        params.woman_flag is null
            or coalesce(located.portee_par_une_femme = (params.woman_flag = 'oui'), false) as ok_femme
    from located
    cross join params
),

thematique_counts as (
    select 'thematique' as facet, flagged.thematique as value_code, count(*) as initiatives_n
    from flagged
    where flagged.ok_scope and flagged.ok_public and flagged.ok_stade and flagged.ok_forme
        and flagged.ok_creation and flagged.ok_ec and flagged.ok_femme
    group by all
),

public_counts as (
    select 'public' as facet, audiences.value_code, count(*) as initiatives_n
    from flagged
    cross join unnest(flagged.publics) as audiences (value_code)
    where flagged.ok_scope and flagged.ok_thematique and flagged.ok_stade and flagged.ok_forme
        and flagged.ok_creation and flagged.ok_ec and flagged.ok_femme
    group by all
),

stade_counts as (
    select 'stade' as facet, flagged.stade as value_code, count(*) as initiatives_n
    from flagged
    where flagged.stade is not null
        and flagged.ok_scope and flagged.ok_thematique and flagged.ok_public and flagged.ok_forme
        and flagged.ok_creation and flagged.ok_ec and flagged.ok_femme
    group by all
),

forme_counts as (
    select 'forme' as facet, flagged.forme_juridique as value_code, count(*) as initiatives_n
    from flagged
    where flagged.forme_juridique is not null
        and flagged.ok_scope and flagged.ok_thematique and flagged.ok_public and flagged.ok_stade
        and flagged.ok_creation and flagged.ok_ec and flagged.ok_femme
    group by all
),

creation_counts as (
    select 'creation' as facet, flagged.creation_period as value_code, count(*) as initiatives_n
    from flagged
    where flagged.creation_period is not null
        and flagged.ok_scope and flagged.ok_thematique and flagged.ok_public and flagged.ok_stade
        and flagged.ok_forme and flagged.ok_ec and flagged.ok_femme
    group by all
),

ec_counts as (
    select 'ec' as facet, if(flagged.economie_circulaire, 'oui', 'non') as value_code,
        count(*) as initiatives_n
    from flagged
    where flagged.economie_circulaire is not null
        and flagged.ok_scope and flagged.ok_thematique and flagged.ok_public and flagged.ok_stade
        and flagged.ok_forme and flagged.ok_creation and flagged.ok_femme
    group by all
),

femme_counts as (
    select 'femme' as facet, if(flagged.portee_par_une_femme, 'oui', 'non') as value_code,
        count(*) as initiatives_n
    from flagged
    where flagged.portee_par_une_femme is not null
        and flagged.ok_scope and flagged.ok_thematique and flagged.ok_public and flagged.ok_stade
        and flagged.ok_forme and flagged.ok_creation and flagged.ok_ec
    group by all
),

final as (
    select * from thematique_counts
    union all select * from public_counts
    union all select * from stade_counts
    union all select * from forme_counts
    union all select * from creation_counts
    union all select * from ec_counts
    union all select * from femme_counts
)

select * from final order by facet, value_code;

-- name: directory_detail
-- one row for the initiative with the given id (no row when unknown), with its commune's name
with final as (
    select
        initiatives.id,
        initiatives.nom,
        initiatives.porteur,
        initiatives.commune,
        communes.nom as commune_nom,
        initiatives.thematique,
        initiatives.publics,
        initiatives.stade,
        initiatives.forme_juridique,
        initiatives.annee_creation,
        initiatives.emplois_etp as jobs_fte,
        initiatives.benevoles as volunteers_n,
        initiatives.beneficiaires as beneficiaries_n,
        initiatives.site_web,
        initiatives.description,
        initiatives.economie_circulaire,
        initiatives.portee_par_une_femme
    from initiatives
    left join territoires as communes
        on communes.code = initiatives.commune and communes.niveau = 'commune'
    where initiatives.id = $id
)

select * from final;

-- name: directory_initiative_ids
-- one row per initiative id (the `initiative` URL vocabulary)
with final as (
    select initiatives.id from initiatives
)

select * from final order by id;
