-- Generated files for the import benchmark (benchmarks/import_speed.py).

-- name: import_benchmark_observations
-- one row per generated observation, as a French spreadsheet writes it; params: départements, communes per file, bad row, bad value, indicators, years, rows
with communes as (
    select
        list_extract($departements::varchar[], (i % len($departements))::integer + 1)
            || lpad(((i // len($departements)) + 1)::varchar, 3, '0') as code,
        i as commune_n
    from range($communes_n) as numbers(i)
),

generated as (
    select
        'bench_' || lpad(indicator_n::varchar, 2, '0') as indicateur,
        communes.code as territoire,
        2000 + year_n as annee,
        hash(indicator_n, communes.commune_n, year_n) % 100000 / 100.0 as valeur_n
    from range($indicators_n) as indicators(indicator_n), communes, range($years_n) as years(year_n)
),

numbered as (
    select *, row_number() over (order by annee, indicateur, territoire) as row_n
    from generated
),

final as (
    select
        indicateur,
        territoire,
        annee,
        case when row_n = $bad_row then $bad_value
            else replace(printf('%.2f', valeur_n), '.', ',') end as valeur,
        'definitif' as statut,
        'Source de test' as source
    from numbered
    where row_n <= $rows_n
    order by row_n
)

select * from final;
