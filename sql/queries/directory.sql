-- The directory of initiatives: search, facets with counts, sorted results, one card.
-- The searches read the table macro `directory_listed` (sql/schema/013_directory_rows.sql,
-- over the table `directory_rows`): the initiatives matching the words and the territory,
-- with one boolean `ok_*` per facet.

-- name: directory_results
-- one row per initiative matching the search, the territory and every facet, in the asked order
-- (the first $limit rows when it is not null; matches_n counts them all). No `publics`: no
-- results view shows them (the card reads its own row), and pickling 100,000 lists into the
-- page cache cost a quarter of the Initiatives page's run.
with scoped as (
    select * from directory_listed(
        $terms::varchar[], $territory::varchar, $level::varchar, $thematique::varchar[],
        $public::varchar[], $stade::varchar[], $forme::varchar[], $creation::varchar[],
        $ec::varchar, $femme::varchar, $departement::varchar[], $epci::varchar[],
        $activite::varchar)
),

final as (
    select
        scoped.id,
        scoped.nom,
        scoped.porteur,
        scoped.commune,
        scoped.commune_nom,
        scoped.thematique,
        scoped.stade,
        scoped.forme_juridique,
        scoped.annee_creation,
        scoped.annee_fin,
        scoped.emplois_etp as jobs_fte,
        scoped.map_latitude as latitude,
        scoped.map_longitude as longitude,
        count(*) over () as matches_n,
        scoped.nom_cle,
        scoped.commune_cle
    from scoped
    where scoped.ok_thematique and scoped.ok_public and scoped.ok_stade and scoped.ok_forme
        and scoped.ok_creation and scoped.ok_ec and scoped.ok_femme
        and scoped.ok_departement and scoped.ok_epci and scoped.ok_activite
)

select * exclude (nom_cle, commune_cle) from final
order by
    case when $sort::varchar = 'creation' then annee_creation end desc nulls last,
    case when $sort::varchar = 'emplois' then jobs_fte end desc nulls last,
    case when $sort::varchar = 'commune' then commune_cle end nulls last,
    nom_cle,
    id
limit $limit;

-- name: directory_any_results
-- one row per initiative in the territory that passes every facet of at least one of
-- $facet_sets (lists of facet names; each facet bound as in directory_results and named in
-- one set at most), by name then id: the initiatives of a theme page, in one scan
with scoped as (
    select * from directory_listed(
        $terms::varchar[], $territory::varchar, $level::varchar, $thematique::varchar[],
        $public::varchar[], $stade::varchar[], $forme::varchar[], $creation::varchar[],
        $ec::varchar, $femme::varchar, $departement::varchar[], $epci::varchar[],
        $activite::varchar)
),

final as (
    select
        scoped.id,
        scoped.nom,
        scoped.porteur,
        scoped.commune,
        scoped.commune_nom,
        scoped.thematique,
        scoped.stade,
        scoped.forme_juridique,
        scoped.annee_creation,
        scoped.annee_fin,
        scoped.emplois_etp as jobs_fte,
        scoped.map_latitude as latitude,
        scoped.map_longitude as longitude,
        scoped.nom_cle
    from scoped
    where passes_any_facet_set(
        $facet_sets, scoped.ok_thematique, scoped.ok_public, scoped.ok_stade, scoped.ok_forme,
        scoped.ok_creation, scoped.ok_ec, scoped.ok_femme, scoped.ok_departement,
        scoped.ok_epci, scoped.ok_activite)
)

select * exclude (nom_cle) from final
order by nom_cle, id;

-- name: directory_map_communes
-- one row per commune of the initiatives of directory_any_results: how many, how many located
-- (own position or the commune's), their mean position and their most frequent thématique
-- (ties: the first in order); what a map draws when its points are too many to draw one by one
with scoped as (
    select * from directory_listed(
        $terms::varchar[], $territory::varchar, $level::varchar, $thematique::varchar[],
        $public::varchar[], $stade::varchar[], $forme::varchar[], $creation::varchar[],
        $ec::varchar, $femme::varchar, $departement::varchar[], $epci::varchar[],
        $activite::varchar)
),

matching as (
    select
        scoped.commune,
        scoped.commune_nom,
        scoped.thematique,
        scoped.map_latitude,
        scoped.map_longitude,
        scoped.map_latitude is not null and scoped.map_longitude is not null as located
    from scoped
    where passes_any_facet_set(
        $facet_sets, scoped.ok_thematique, scoped.ok_public, scoped.ok_stade, scoped.ok_forme,
        scoped.ok_creation, scoped.ok_ec, scoped.ok_femme, scoped.ok_departement,
        scoped.ok_epci, scoped.ok_activite)
),

-- One grouping by commune and thematique, then by commune: the matching rows are read once
-- (a second reader of `matching` made DuckDB materialize it: twice the time).
per_theme as (
    select
        commune,
        thematique,
        any_value(commune_nom) as commune_nom,
        count(*) as initiatives_n,
        count(*) filter (where located) as located_n,
        sum(map_latitude) filter (where located) as latitude_sum,
        sum(map_longitude) filter (where located) as longitude_sum
    from matching
    group by commune, thematique
),

final as (
    select
        commune,
        any_value(commune_nom) as commune_nom,
        sum(initiatives_n) as initiatives_n,
        sum(located_n) as located_n,
        sum(latitude_sum) / nullif(sum(located_n), 0) as latitude,
        sum(longitude_sum) / nullif(sum(located_n), 0) as longitude,
        first(thematique order by located_n desc, thematique) filter (where located_n > 0)
            as thematique
    from per_theme
    group by commune
)

select * from final
order by located_n desc, commune;

-- name: directory_facet_counts
-- one row per facet and value: initiatives matching the search, the territory and every other facet
with scoped as (
    select * from directory_listed(
        $terms::varchar[], $territory::varchar, $level::varchar, $thematique::varchar[],
        $public::varchar[], $stade::varchar[], $forme::varchar[], $creation::varchar[],
        $ec::varchar, $femme::varchar, $departement::varchar[], $epci::varchar[],
        $activite::varchar)
),

-- Standard faceting: an initiative counts for a facet's values when it passes every other
-- facet, that is when it misses no facet, or misses only that one.
missed as (
    select
        scoped.*,
        (not scoped.ok_thematique)::integer + (not scoped.ok_public)::integer
            + (not scoped.ok_stade)::integer + (not scoped.ok_forme)::integer
            + (not scoped.ok_creation)::integer + (not scoped.ok_ec)::integer
            + (not scoped.ok_femme)::integer + (not scoped.ok_departement)::integer
            + (not scoped.ok_epci)::integer + (not scoped.ok_activite)::integer as misses_n
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
         'counted': missed.misses_n = 0 or not missed.ok_femme},
        {'facet': 'departement', 'value_code': missed.commune_departement,
         'counted': missed.misses_n = 0 or not missed.ok_departement},
        {'facet': 'epci', 'value_code': missed.commune_epci,
         'counted': missed.misses_n = 0 or not missed.ok_epci},
        {'facet': 'activite',
         'value_code': case when missed.annee_fin is null then 'en_activite' else 'arretee' end,
         'counted': missed.misses_n = 0 or not missed.ok_activite}
    ]) as pair
    from missed
    union all
    select {'facet': 'public', 'value_code': audiences.value_code,
            'counted': audiences.counted} as pair
    -- unnest in the select list: as a lateral join (`cross join unnest(…)`) DuckDB grouped
    -- and hash-joined every distinct list, 80 % of the query at 100,000 initiatives
    from (
        select unnest(missed.publics) as value_code,
            missed.misses_n = 0 or not missed.ok_public as counted
        from missed
    ) as audiences
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
        initiatives.annee_fin,
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

-- name: directory_rows_rewrite
-- no row: rewrites `directory_rows`, the directory located and folded
-- (sql/schema/013_directory_rows.sql), after an import or any other write
delete from directory_rows;
insert into directory_rows by name
select * from directory_located()
order by commune_region, commune_departement, commune_epci, commune, id;
