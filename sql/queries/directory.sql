-- The directory of initiatives: search, facets with counts, sorted results, one card.
-- Every filter is a boolean column `ok_*` bound to one parameter; results need them all,
-- a facet's counts need all the others (standard faceting). An empty list means "any".

-- name: directory_results
-- one row per initiative matching the search, the territory and every facet, in the asked order
-- (the first $limit rows when it is not null; matches_n counts them all)
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
    -- Folding accents and case of three text columns is the costliest step of the query
    -- (a third of a second over 100,000 initiatives): done only when words were typed.
    where len(params.terms) = 0
        or list_bool_and(list_transform(params.terms, lambda term: contains(
            strip_accents(lower(concat_ws(' ', located.nom, located.porteur, located.description))),
            term)))
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
        flagged.map_longitude as longitude,
        count(*) over () as matches_n
    from flagged
    where flagged.ok_territory and flagged.ok_thematique and flagged.ok_public
        and flagged.ok_stade and flagged.ok_forme and flagged.ok_creation and flagged.ok_ec
        and flagged.ok_femme
)

select * from final
order by
    case when $sort::varchar = 'creation' then annee_creation end desc nulls last,
    case when $sort::varchar = 'emplois' then jobs_fte end desc nulls last,
    case when $sort::varchar = 'commune' then strip_accents(lower(commune_nom)) end nulls last,
    strip_accents(lower(nom)),
    id
limit $limit;

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

-- The search and the territory apply to every count.
scoped as (
    select
        located.*,
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
    where (
            params.territory is null
            or (params.territory_level = 'commune' and located.commune = params.territory)
            or (params.territory_level = 'epci' and located.commune_epci = params.territory)
            or (params.territory_level = 'departement' and located.commune_departement = params.territory)
            or (params.territory_level = 'region' and located.commune_region = params.territory)
        )
        -- Folding accents and case is the costliest step: only when words were typed.
        and (len(params.terms) = 0
            or list_bool_and(list_transform(params.terms, lambda term: contains(
                strip_accents(lower(concat_ws(' ', located.nom, located.porteur, located.description))),
                term))))
),

-- Standard faceting: an initiative counts for a facet's values when it passes every other
-- facet, that is when it misses no facet, or misses only that one.
missed as (
    select
        scoped.*,
        (not scoped.ok_thematique)::integer + (not scoped.ok_public)::integer
            + (not scoped.ok_stade)::integer + (not scoped.ok_forme)::integer
            + (not scoped.ok_creation)::integer + (not scoped.ok_ec)::integer
            + (not scoped.ok_femme)::integer as misses_n
    from scoped
    where misses_n <= 1
),

-- One (facet, value) pair per initiative and facet it counts for, read in one pass
-- (a scan per facet cost seven scans of the directory).
pairs as (
    select unnest([
        {'facet': 'thematique', 'value_code': missed.thematique,
         'counted': missed.misses_n = 0 or not missed.ok_thematique},
        {'facet': 'stade', 'value_code': missed.stade,
         'counted': missed.misses_n = 0 or not missed.ok_stade},
        {'facet': 'forme', 'value_code': missed.forme_juridique,
         'counted': missed.misses_n = 0 or not missed.ok_forme},
        {'facet': 'creation', 'value_code': missed.creation_period,
         'counted': missed.misses_n = 0 or not missed.ok_creation},
        {'facet': 'ec',
         'value_code': case missed.economie_circulaire when true then 'oui' when false then 'non' end,
         'counted': missed.misses_n = 0 or not missed.ok_ec},
        {'facet': 'femme',
         'value_code': case missed.portee_par_une_femme when true then 'oui' when false then 'non' end,
         'counted': missed.misses_n = 0 or not missed.ok_femme}
    ]) as pair
    from missed
    union all
    select {'facet': 'public', 'value_code': audiences.value_code,
            'counted': missed.misses_n = 0 or not missed.ok_public} as pair
    from missed
    cross join unnest(missed.publics) as audiences (value_code)
),

final as (
    select pairs.pair.facet, pairs.pair.value_code, count(*) as initiatives_n
    from pairs
    where pairs.pair.counted and pairs.pair.value_code is not null
    group by all
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
