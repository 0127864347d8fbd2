-- The figures the dashboard publishes, rebuilt from observations before every snapshot
-- (observatory/aggregation.py): aggregation up the territory levels, then confidentiality.
-- `valeur` is NULL unless `etat` = 'publie', so a secret figure never leaves the working database.

-- one row per indicator, territory (and level) and year where the indicator exists
create table if not exists published_values (
    indicateur text not null,
    territoire text not null,
    niveau text not null,
    annee integer not null,
    valeur double,
    etat text not null,
    calcule boolean not null,
    composantes_n integer,
    composantes_total integer,
    couverture text,
    complet boolean not null,
    statut text,
    source text,
    batch_id integer
);
