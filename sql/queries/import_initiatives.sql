-- Import of the directory of initiatives (dataset `initiatives`, key id).

-- name: import_initiatives_typed
-- one row per data row of the file: typed values, commune code repaired (commune_written) and an old
-- commune code moved to its commune nouvelle (commune); params: true words, false words
create or replace temp table import_typed as
with staged as (
    select
        row_n,
        id,
        nom,
        upper(commune) as commune_raw,
        import_word(thematique) as thematique,
        description,
        porteur,
        import_word(forme_juridique) as forme_juridique,
        nullif(import_list(publics), []) as publics,
        case
            when list_contains($true_words, import_word(economie_circulaire)) then true
            when list_contains($false_words, import_word(economie_circulaire)) then false
        end as economie_circulaire,
        case
            when list_contains($true_words, import_word(portee_par_une_femme)) then true
            when list_contains($false_words, import_word(portee_par_une_femme)) then false
        end as portee_par_une_femme,
        import_word(stade) as stade,
        try_cast(import_integer(annee_creation) as integer) as annee_creation,
        try_cast(import_integer(annee_fin) as integer) as annee_fin,
        import_number(emplois_etp) as emplois_etp,
        import_number(benevoles) as benevoles,
        import_number(beneficiaires) as beneficiaires,
        import_number(latitude) as latitude,
        import_number(longitude) as longitude,
        site_web
    from import_staging
),

communes as (
    select code from territoires where niveau = 'commune'
),

old_codes as (
    select ancien, actuel from import_old_codes where actuel_in_base
),

repaired as (
    -- An old commune code counts as known here: its zero eaten, it is repaired then converted.
    select
        staged.*,
        import_zero_repair(staged.commune_raw, as_is.code is not null or as_is_old.ancien is not null,
            padded.code is not null or padded_old.ancien is not null) as commune_written
    from staged
    left join communes as as_is on as_is.code = staged.commune_raw
    left join communes as padded on padded.code = '0' || staged.commune_raw
    left join old_codes as as_is_old on as_is_old.ancien = staged.commune_raw
    left join old_codes as padded_old on padded_old.ancien = '0' || staged.commune_raw
),

final as (
    select repaired.*, coalesce(old_codes.actuel, repaired.commune_written) as commune
    from repaired
    left join old_codes on old_codes.ancien = repaired.commune_written
)

select * from final;

-- name: import_initiatives_problems
-- one row per unknown commune, web address that is not http(s), end before creation, e-mail address or phone number in a text
insert into import_problems
with unknown_communes as (
    -- detail: the commune of an arrondissement municipal typed instead of it
    select import_typed.row_n, 'commune' as column_name, import_typed.commune_raw as raw_value,
        'unknown_commune' as problem, arrondissements.commune as detail
    from import_typed
    left join territoires as arrondissements
        on arrondissements.niveau = 'arrondissement_municipal'
        and arrondissements.code = import_typed.commune
    where import_typed.commune is not null
        and import_typed.commune not in (select code from territoires where niveau = 'commune')
),

bad_addresses as (
    select row_n, 'site_web' as column_name, site_web as raw_value, 'url' as problem, null::varchar as detail
    from import_typed
    where not regexp_full_match(site_web, '(?i)https?://[^\s/$.?#][^\s]*')
),

ended_before_creation as (
    select row_n, 'annee_fin' as column_name, annee_fin::varchar as raw_value,
        'end_before_creation' as problem, annee_creation::varchar as detail
    from import_typed
    where annee_fin < annee_creation
),

texts as (
    select row_n, 'nom' as column_name, nom as text_value from import_typed
    union all
    select row_n, 'porteur', porteur from import_typed
    union all
    select row_n, 'description', description from import_typed
),

personal_data as (
    -- The directory describes structures, not people (PRODUCT.md): no e-mail, no phone number.
    select
        row_n,
        column_name,
        coalesce(import_email(text_value), import_phone(text_value)) as raw_value,
        case when import_email(text_value) is not null then 'email' else 'phone' end as problem,
        null::varchar as detail
    from texts
    where coalesce(import_email(text_value), import_phone(text_value)) is not null
),

final as (
    select * from unknown_communes
    union all
    select * from bad_addresses
    union all
    select * from ended_before_creation
    union all
    select * from personal_data
)

select * from final;

-- name: import_initiatives_repairs
-- one row per code cell whose leading zero was restored: row, column, value as written, repaired value
create or replace temp table import_repairs as
with repaired as (
    select row_n, 'commune' as column_name, commune_raw as raw_value, commune_written as fixed_value
    from import_typed
    where commune_written is distinct from commune_raw
)

select * from repaired;

-- name: import_initiatives_conversions
-- one row per initiative in an old commune: row, column, code as written (zero restored), commune nouvelle
create or replace temp table import_conversions as
select row_n, 'commune' as column_name, commune_written as raw_value, commune as fixed_value
from import_typed
where commune is distinct from commune_written;

-- name: import_initiatives_final
-- one row per data row, shaped like the table `initiatives`
insert into import_final by name
select
    id, nom, commune, thematique, description, porteur, forme_juridique, publics, economie_circulaire,
    portee_par_une_femme, stade, annee_creation, annee_fin, emplois_etp, benevoles, beneficiaires, latitude, longitude,
    site_web
from import_typed;
