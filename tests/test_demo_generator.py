"""The demonstration dataset: deterministic generation from data/demo/source and the shipped
COG, and the contract's main rules checked on the committed files with DuckDB (independently
of the importer), the territories being the région file `init --region 53` imports."""

from __future__ import annotations

import re
import subprocess
import sys

import duckdb
import pytest

from observatory import demo_generator, demo_tables, outlines_shipped, territory_reference
from observatory.datasets import (
    AGGREGATIONS,
    DATASETS,
    DIRECTIONS,
    LEGAL_FORMS,
    LEVELS,
    LOAD_ORDER,
    PUBLICS,
    STAGES,
    STATUSES,
    THEMATIQUES,
    THEMES,
    UNITS,
)
from observatory.demo import DEMO_FILES, DEMO_REGION, read_demo_file
from tests.conftest import PROJECT_ROOT

DEMO_DIR = PROJECT_ROOT / "data" / "demo"
ROW_COUNTS = {"indicateurs": 29, "observations": 200922, "initiatives": 320}
# Every commune of Bretagne in the COG 2026, every EPCI with a commune in it.
LEVEL_COUNTS = {"region": 1, "departement": 4, "epci": 61, "commune": 1202}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The committed demo files and the région file of the demo's territories as DuckDB tables
    named after the datasets, every column text."""
    connection = duckdb.connect()
    territories = tmp_path_factory.mktemp("demo") / "territoires.csv"
    territories.write_bytes(territory_reference.region_file(connection, DEMO_REGION))
    paths = {"territoires": territories} | {name: DEMO_DIR / file_name
                                            for name, file_name in DEMO_FILES.items()}
    for name in LOAD_ORDER:  # table names come from the contract's allow-list
        connection.execute(
            f"create table {name} as select * from read_csv($path, delim=';', header=true, "
            "quote='\"', all_varchar=true)", {"path": str(paths[name])})
    yield connection
    connection.close()


def rows(con, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def test_generation_gives_the_committed_bytes(tmp_path):
    paths = demo_generator.write_demo(tmp_path)

    assert list(paths) == [name for name in LOAD_ORDER if name != "territoires"]
    for name, path in paths.items():
        assert path.name == DEMO_FILES[name]
        # The CSV text, not the gzip bytes: another zlib may compress the same text otherwise.
        assert read_demo_file(path) == read_demo_file(DEMO_DIR / path.name), name


def test_the_tables_are_the_source_files():
    """Every file of data/demo/source is read by demo_tables (and said in its README)."""
    source = DEMO_DIR / "source"
    files = sorted(path.name for path in source.iterdir())
    read = [name for name in files if name != "README.md"]
    assert read == ["indicateurs.csv", "initiatives_reelles.csv", "parametres.toml",
                    "types_initiatives.csv"]
    code = (PROJECT_ROOT / "observatory" / "demo_tables.py").read_text(encoding="utf-8")
    readme = (source / "README.md").read_text(encoding="utf-8")
    assert [name for name in read if f'"{name}"' not in code or f"`{name}`" not in readme] == []
    assert sorted(path.name for path in DEMO_DIR.iterdir()) == sorted(
        [*DEMO_FILES.values(), "source"])


def test_loaded_tables_keep_their_types():
    assert demo_generator.places("region") == (("53", "Bretagne", "", 3449370, 48.17986, -2.83997),)
    assert demo_tables.REAL_INITIATIVES[0][6:9] == (True, "consolidation", None)
    assert demo_tables.KINDS[1][3:] == (("association", "scic"), ("seniors", "familles"), True)
    series = demo_tables.COMMUNE_SERIES["aides_innovation_sociale"]
    assert [type(value) for value in series] == [str, int, int, int, int, float, tuple]
    assert demo_tables.COMMUNE_SERIES["emplois_salaries"].shocks == ((2020, 0.92), (2021, 1.05))
    assert demo_tables.GAPS["neet_16_25", "56241"] == range(2016, 2025)
    assert demo_tables.STAGE_PROFILES["emergence"] == ((2022, 2024), (0.0, 1.5), (2, 15), (10, 150))
    assert list(demo_tables.HEADLINE_RANKS.values()) == list(range(1, 11))


@pytest.mark.slow
def test_module_command_writes_the_files(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "observatory.demo_generator", "--output", str(tmp_path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60, check=False)

    assert (result.returncode, result.stderr) == (0, "")
    expected = [
        f"{name} : {ROW_COUNTS[name]} lignes, {(tmp_path / file_name).stat().st_size} "
        f"octets ({tmp_path / file_name})" for name, file_name in DEMO_FILES.items()]
    assert result.stdout.splitlines() == expected
    for file_name in DEMO_FILES.values():
        assert read_demo_file(tmp_path / file_name) == read_demo_file(DEMO_DIR / file_name)


def test_headers_are_the_contract_columns_and_files_are_utf8():
    for name, file_name in DEMO_FILES.items():
        text = read_demo_file(DEMO_DIR / file_name).decode("utf-8")
        assert not text.startswith("\ufeff")
        assert text.split("\n", 1)[0] == ";".join(DATASETS[name].column_names)


def test_row_counts(demo):
    assert {name: rows(demo, f"select count(*) from {name}")[0][0] for name in ROW_COUNTS} \
        == ROW_COUNTS


def test_keys_are_unique(demo):
    for name in LOAD_ORDER:
        key = ", ".join(DATASETS[name].key)
        assert rows(demo, f"select {key} from {name} group by all having count(*) > 1") == []


def test_territory_levels_and_main_towns(demo):
    assert dict(rows(demo, "select niveau, count(*) from territoires group by niveau")) \
        == LEVEL_COUNTS
    prefectures = ("22278", "22050", "22070", "22113", "29232", "29019", "29026", "29151",
                   "35238", "35115", "35236", "35288", "56260", "56121", "56178")
    found = rows(demo, "select code, nom, departement, epci from territoires "
                       "where niveau = 'commune' and list_contains($1, code) order by code",
                 [list(prefectures)])
    assert found == [
        ("22050", "Dinan", "22", "200068989"), ("22070", "Guingamp", "22", "200067981"),
        ("22113", "Lannion", "22", "200065928"), ("22278", "Saint-Brieuc", "22", "200069409"),
        ("29019", "Brest", "29", "242900314"), ("29026", "Châteaulin", "29", "200067247"),
        ("29151", "Morlaix", "29", "242900835"), ("29232", "Quimper", "29", "200068120"),
        ("35115", "Fougères", "35", "200072452"), ("35236", "Redon", "35", "243500741"),
        ("35238", "Rennes", "35", "243500139"), ("35288", "Saint-Malo", "35", "243500782"),
        ("56121", "Lorient", "56", "200042174"), ("56178", "Pontivy", "56", "245614433"),
        ("56260", "Vannes", "56", "200067932")]
    # The two EPCIs reaching into Pays de la Loire, named so, counting their Breton part only.
    straddling = rows(demo, """
        select e.code, e.nom, e.population::bigint, sum(c.population::bigint), count(c.code)
        from territoires e join territoires c on c.epci = e.code and c.niveau = 'commune'
        where e.niveau = 'epci' and e.nom like '%(partie en Bretagne)' group by all order by all
    """)
    assert straddling == [
        ("243500741", "CA Redon Agglomération (partie en Bretagne)", 46346, 46346, 23),
        ("244400610", "CA de la Presqu'île de Guérande Atlantique (Cap Atlantique) "
                      "(partie en Bretagne)", 6767, 6767, 3)]


def test_territory_parents_exist_and_values_are_in_range(demo):
    assert rows(demo, "select distinct niveau from territoires where not list_contains($1, niveau)",
                [list(LEVELS)]) == []
    orphans = rows(demo, """
        select t.code, t.niveau from territoires t
        left join territoires r on r.code = t.region and r.niveau = 'region'
        left join territoires d on d.code = t.departement and d.niveau = 'departement'
        left join territoires e on e.code = t.epci and e.niveau = 'epci'
        where (t.niveau <> 'region' and r.code is null)
           or (t.niveau in ('epci', 'commune') and d.code is null)
           or (t.niveau = 'commune' and ((t.epci is not null and e.code is null)
                                         or left(t.code, 2) <> t.departement))
    """)
    assert orphans == []
    # The three island communes that belong to no EPCI in the COG.
    assert rows(demo, "select code, nom from territoires where niveau = 'commune' "
                      "and epci is null order by code") == [
        ("22016", "Île-de-Bréhat"), ("29083", "Île-de-Sein"), ("29155", "Ouessant")]
    assert rows(demo, """
        select code from territoires
        where population::bigint <= 0 or latitude::double not between 47.2 and 48.9
           or longitude::double not between -5.2 and -1.0
    """) == []


def test_catalogue_vocabularies_and_themes(demo):
    assert rows(demo, """
        select code from indicateurs
        where not regexp_full_match(code, '[a-z0-9_]+') or not list_contains($1, theme)
           or not list_contains($2, unite) or not list_contains($3, sens)
           or not list_contains($4, agregation) or secret_seuil::int < 0
           or source not like '%(données de démonstration)'
    """, [list(THEMES), list(UNITS), list(DIRECTIONS), list(AGGREGATIONS)]) == []
    per_theme = rows(demo, """
        select theme, count(*), count(*) filter (where agregation = 'ratio')
        from indicateurs group by theme order by theme
    """)
    assert per_theme == [("contexte", 4, 0), ("economie_circulaire", 6, 1), ("genre", 7, 2),
                         ("innovation_sociale", 6, 1), ("jeunesse", 6, 1)]
    ratios = rows(demo, """
        select r.code, n.code, n.agregation, d.code, d.agregation from indicateurs r
        left join indicateurs n on n.code = r.numerateur
        left join indicateurs d on d.code = r.denominateur
        where r.agregation = 'ratio' order by r.code
    """)
    assert ratios == [
        ("part_creations_femmes", "creations_par_femmes", "somme", "creations_entreprises", "somme"),
        ("part_dechets_reemployes", "dechets_reemployes", "somme", "dechets_menagers", "somme"),
        ("part_emplois_ess", "emplois_ess", "somme", "emplois_salaries", "somme"),
        ("part_femmes_dirigeantes_ess", "dirigeantes_ess", "somme", "dirigeants_ess", "somme"),
        ("taux_neet_16_25", "neet_16_25", "somme", "jeunes_16_25", "somme")]


def test_observations_reference_and_range(demo):
    assert rows(demo, """
        select o.indicateur, o.territoire, o.annee from observations o
        left join indicateurs i on i.code = o.indicateur
        left join territoires t on t.code = o.territoire
        where i.code is null or t.code is null or o.annee::int not between 2016 and 2024
           or not list_contains($1, o.statut)
           or not regexp_full_match(coalesce(o.valeur, '0'), '[0-9]+(\\.[0-9]+)?')
           or (i.unite = 'pourcentage' and o.valeur::double > 100)
    """, [list(STATUSES)]) == []
    stored_levels = rows(demo, """
        select i.agregation, t.niveau, count(*) from observations o
        join indicateurs i on i.code = o.indicateur join territoires t on t.code = o.territoire
        group by all order by all
    """)
    # every year of every commune for each `somme` series but the partial ones (parametres.toml)
    communes_n = LEVEL_COUNTS["commune"]
    series_years = sum(len(range(series.first_year, 2025))
                       for series in demo_tables.COMMUNE_SERIES.values()) + 9  # + population
    gaps_n = sum(len(years) for years in demo_tables.GAPS.values())
    regional_n = len(demo_tables.REGIONAL_SERIES) * 9
    assert stored_levels == [("aucune", "departement", 4 * regional_n), ("aucune", "region", regional_n),
                             ("somme", "commune", communes_n * series_years - gaps_n)]
    years = rows(demo, "select indicateur, min(annee), max(annee) from observations "
                       "group by all having min(annee) <> '2016' or max(annee) <> '2024' order by all")
    assert years == [("aides_innovation_sociale", "2018", "2024"),
                     ("projets_innovation_sociale", "2018", "2024")]


def test_ratio_components_are_consistent(demo):
    assert rows(demo, """
        select r.code, n.territoire, n.annee from indicateurs r
        join observations n on n.indicateur = r.numerateur
        join observations d on d.indicateur = r.denominateur
             and d.territoire = n.territoire and d.annee = n.annee
        where r.agregation = 'ratio' and n.valeur::double > d.valeur::double
    """) == []


def test_statuses_gaps_and_small_counts(demo):
    # 2024: every commune of the 19 `somme` series but the three left without a row all
    # along, and the région and départements of the five regional ones
    latest_n = 1202 * 19 - 3 + 5 * 5
    assert rows(demo, "select statut, count(*) from observations where annee = '2024' "
                      "group by statut") == [("provisoire", latest_n)]
    assert dict(rows(demo, "select statut, count(*) from observations group by statut")) == {
        "definitif": 177160, "provisoire": latest_n, "estime": 902}  # about 0.5 % estimated
    assert rows(demo, "select indicateur, territoire, annee from observations "
                      "where valeur is null order by all") == [
        ("dechets_menagers", "56152", "2019"), ("emplois_ess", "22047", "2020"),
        ("jeunes_accompagnes_mission_locale", "29081", "2021")]
    partial = rows(demo, """
        select indicateur, territoire, count(*) from observations o
        join indicateurs i on i.code = o.indicateur
        where i.agregation = 'somme' and i.code not like '%innovation_sociale'
        group by all having count(*) < 9 order by all
    """)
    assert partial == [("creations_par_femmes", "56196", 5), ("dechets_reemployes", "22218", 7),
                       ("dirigeantes_ess", "22321", 8), ("neet_16_25", "29134", 6)]
    missing_communes = rows(demo, """
        select i.code, t.code from indicateurs i cross join territoires t
        where i.agregation = 'somme' and t.niveau = 'commune' and not exists (
            select 1 from observations o where o.indicateur = i.code and o.territoire = t.code)
        order by all
    """)
    assert missing_communes == [("emplois_economie_circulaire", "29016"),
                                ("neet_16_25", "56241"), ("volontaires_service_civique", "35022")]
    below_threshold = rows(demo, """
        select o.indicateur, count(*) from observations o join indicateurs i on i.code = o.indicateur
        where o.valeur::double < i.secret_seuil::int group by all order by all
    """)
    assert below_threshold == [("creations_par_femmes", 6265), ("dirigeantes_ess", 8662),
                               ("jeunes_accompagnes_mission_locale", 2779), ("neet_16_25", 4200),
                               ("volontaires_service_civique", 9445)]


def test_initiatives_follow_the_contract(demo):
    ids = [row[0] for row in rows(demo, "select id from initiatives")]
    assert ids == [f"DEMO-{number:04d}" for number in range(1, 321)]
    assert sorted(row[0] for row in rows(demo, "select distinct thematique from initiatives")) \
        == sorted(THEMATIQUES)
    assert rows(demo, """
        select n.id from initiatives n
        left join territoires t on t.code = n.commune and t.niveau = 'commune'
        where t.code is null or not list_contains($1, n.forme_juridique)
           or not list_contains($2, n.stade)
           or not list_has_all($3, string_split(n.publics, '|'))
           or n.economie_circulaire not in ('oui', 'non')
           or coalesce(n.portee_par_une_femme, 'oui') not in ('oui', 'non')
           or n.annee_creation::int not between 1900 and 2024
           or n.annee_fin::int not between n.annee_creation::int + 1 and 2025
           or least(n.emplois_etp::double, n.benevoles::double, n.beneficiaires::double) < 0
           or (n.latitude is null) <> (n.longitude is null)
           or n.latitude::double not between 47.2 and 48.9
           or n.longitude::double not between -5.2 and -1.0
           or not starts_with(coalesce(n.site_web, 'https://'), 'https://')
    """, [list(LEGAL_FORMS), list(STAGES), list(PUBLICS)]) == []
    kinds = rows(demo, """
        select starts_with(description, 'Structure réelle'),
               starts_with(description, 'Initiative fictive (données de démonstration)'),
               count(*), count(emplois_etp), count(latitude)
        from initiatives group by all order by all
    """)
    # real structures get no invented figures; a few invented ones leave the jobs field blank
    assert kinds == [(False, True, 304, 252, 259), (True, False, 16, 0, 0)]
    stopped = rows(demo, """
        select stade, count(*) from initiatives where annee_fin is not null group by all order by all
    """)
    assert sorted(stage for stage, _ in stopped) == sorted(STAGES) and sum(n for _, n in stopped) == 48


def test_no_contact_data_in_any_file():
    phone = re.compile(r"0[1-9](?:[ .]?\d{2}){4}")
    for file_name in DEMO_FILES.values():
        text = read_demo_file(DEMO_DIR / file_name).decode("utf-8")
        assert "@" not in text and not phone.search(text), file_name


def test_every_commune_has_its_shipped_outline(demo):
    """The first map is all of Bretagne: the IGN file's old codes are dissolved into their
    communes nouvelles in the shipped outlines, so each commune of the COG 2026 has one."""
    shipped = outlines_shipped.read_shipped(outlines_shipped.shipped_files(DEMO_REGION)["commune"])
    ours = rows(demo, "select code from territoires where niveau = 'commune'")
    assert sorted(code for (code,) in ours) == sorted(shipped["code"])


@pytest.mark.slow
def test_places_match_the_real_boundaries(demo, shared_geo):
    """The invented initiatives stand on land (inside the unsimplified région)."""
    import geopandas as gpd

    region = gpd.read_file(shared_geo / "region-bretagne.geojson").to_crs(2154).union_all()
    points = demo.execute("select longitude::double lon, latitude::double lat from initiatives "
                          "where latitude is not null").df()
    located = gpd.GeoSeries(gpd.points_from_xy(points["lon"], points["lat"]), crs=4326)
    assert int((located.to_crs(2154).distance(region) > 0).sum()) == 0
