-- Core tables of the data contract, the batch journal and the row history.
-- Every data table carries `batch_id`: the batch that last wrote the row (provenance).

create sequence if not exists batch_id_seq start 1;

-- one row per import applied (or rolled back)
create table if not exists batches (
    batch_id integer primary key,
    dataset text not null,
    file_name text not null,
    sha256 text not null,
    user_name text not null,
    applied_at timestamptz not null,
    rows_read integer not null,
    inserted integer not null,
    updated integer not null,
    unchanged integer not null,
    warnings text[],
    rolled_back_at timestamptz,
    rolled_back_by text
);

-- one row per territory and level
create table if not exists territoires (
    code text not null,
    niveau text not null,
    nom text not null,
    region text,
    departement text,
    epci text,
    population bigint,
    latitude double,
    longitude double,
    batch_id integer,
    primary key (code, niveau)
);

-- one row per indicator of the catalogue
create table if not exists indicateurs (
    code text primary key,
    libelle text not null,
    theme text not null,
    unite text not null,
    description text,
    source text,
    sens text not null default 'neutre',
    agregation text not null default 'aucune',
    numerateur text,
    denominateur text,
    secret_seuil integer not null default 0,
    batch_id integer
);

-- one row per indicator, territory and year; `niveau` is resolved at import
create table if not exists observations (
    indicateur text not null,
    territoire text not null,
    niveau text not null,
    annee integer not null,
    valeur double,
    statut text not null default 'definitif',
    source text,
    note text,
    batch_id integer,
    primary key (indicateur, territoire, niveau, annee)
);

-- one row per initiative of the directory
create table if not exists initiatives (
    id text primary key,
    nom text not null,
    commune text not null,
    thematique text not null,
    description text,
    porteur text,
    forme_juridique text,
    publics text[],
    economie_circulaire boolean,
    portee_par_une_femme boolean,
    stade text,
    annee_creation integer,
    emplois_etp double,
    benevoles double,
    beneficiaires double,
    latitude double,
    longitude double,
    site_web text,
    batch_id integer
);

-- Row history: for each batch, every key it touched; `action` is insert or update,
-- and for an update the other columns hold the previous version of the row.
create table if not exists territoires_history as
    select null::integer as history_batch_id, null::text as action, * from territoires limit 0;
create table if not exists indicateurs_history as
    select null::integer as history_batch_id, null::text as action, * from indicateurs limit 0;
create table if not exists observations_history as
    select null::integer as history_batch_id, null::text as action, * from observations limit 0;
create table if not exists initiatives_history as
    select null::integer as history_batch_id, null::text as action, * from initiatives limit 0;

-- one row per territory outline, per level (WKB in WGS84; simplified copy for maps)
create table if not exists outlines (
    code text not null,
    niveau text not null,
    geometry_wkb blob not null,
    map_geojson text,
    source text,
    loaded_at timestamptz,
    primary key (code, niveau)
);
