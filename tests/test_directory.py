"""The directory of initiatives: accent-insensitive search, territory, facets, sentence, card."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from observatory import aggregation, db, directory, directory_map, sqlstore
from observatory.directory import DirectoryQuery
from tests.importing import fixture_bytes, import_text, load_reference

INITIATIVES_CSV = """\
id;nom;commune;thematique;porteur;description;forme_juridique;publics;economie_circulaire;portee_par_une_femme;stade;annee_creation;emplois_etp;latitude;longitude;site_web;annee_fin
INI-1;Café réparation;35238;reemploi_economie_circulaire;Association Répare;Un café où l'on répare;association;tous;oui;oui;consolidation;2019;2,5;48,11;-1,68;https://example.org/cafe;
INI-2;Épicerie solidaire 50%_off;35001;alimentation;Coop Acigné;;cooperative;familles|jeunes;non;oui;emergence;2021;1;;;;
INI-3;Atelier vélo;35238;mobilite;Association Cyclo;Réparation de vélos;association;jeunes;oui;non;experimentation;1998;;;;;2022
INI-4;Recyclerie de l'Ain;01004;reemploi_economie_circulaire;SCIC Ain;Réemploi;scic;tous;oui;non;essaimage;2012;12;45,96;5,36;;
"""


TERRITOIRES_RENAMED = fixture_bytes("territoires.csv").decode("utf-8").replace(
    "35001;commune;Acigné;", "35001;commune;Acigné-sur-Vilaine;")


@pytest.fixture(scope="module")
def con():
    """An in-memory database with the reference territories and four initiatives."""
    connection = db.connect_memory()
    load_reference(connection)
    report = import_text(connection, "initiatives", INITIATIVES_CSV)
    assert report.status == "applied", report.errors
    yield connection
    connection.close()


def folded(text: str) -> str:
    """Return a name without accents, in lower case (how the directory sorts names)."""
    return "".join(char for char in unicodedata.normalize("NFD", text.lower())
                   if not unicodedata.combining(char))


def ids(con, sort: str = "nom", **filters) -> list[str]:
    return directory.search_initiatives(con, DirectoryQuery(**filters), sort)["id"].tolist()


@pytest.mark.parametrize(("text", "expected"), [
    ("cafe", ["INI-1"]),                   # « Café » found without its accent
    ("REPAR", ["INI-3", "INI-1"]),         # name, porteur and description; case ignored
    ("cafe  répare", ["INI-1"]),           # every word must match
    ("50%_", ["INI-2"]),                   # % and _ are literal, not wildcards
    ("%", ["INI-2"]),
    ("vélos réemploi", []),
    ("", ["INI-3", "INI-1", "INI-2", "INI-4"]),
])
def test_search_ignores_accents_and_case_and_treats_wildcards_literally(con, text, expected):
    assert ids(con, q=text) == expected


@pytest.mark.parametrize(("level", "code", "expected"), [
    ("region", "53", ["INI-3", "INI-1", "INI-2"]),
    ("region", "84", ["INI-4"]),
    ("departement", "35", ["INI-3", "INI-1", "INI-2"]),
    ("epci", "243500139", ["INI-3", "INI-1", "INI-2"]),
    ("commune", "35238", ["INI-3", "INI-1"]),
    ("departement", "53", []),             # Mayenne: same code as the région Bretagne
])
def test_an_initiative_is_in_a_territory_when_its_commune_belongs_to_it(con, level, code, expected):
    assert ids(con, territory=code, level=level) == expected


def test_sorts_come_from_an_allow_list(con):
    assert ids(con, "creation") == ["INI-2", "INI-1", "INI-4", "INI-3"]
    assert ids(con, "emplois") == ["INI-4", "INI-1", "INI-2", "INI-3"]
    assert ids(con, "commune") == ["INI-2", "INI-4", "INI-3", "INI-1"]
    assert ids(con, "nom desc; drop table initiatives") == ["INI-3", "INI-1", "INI-2", "INI-4"]


def test_a_limit_keeps_the_first_rows_and_counts_every_match(con):
    first = directory.search_initiatives(con, DirectoryQuery(), "nom", limit=2)
    assert first[["id", "matches_n"]].values.tolist() == [["INI-3", 4], ["INI-1", 4]]
    assert directory.search_initiatives(con, DirectoryQuery(q="vélo"), limit=2)[
        "matches_n"].tolist() == [1]


def test_results_have_coordinates_or_their_commune_centre(con):
    results = directory.search_initiatives(con, DirectoryQuery())
    located = results.set_index("id")[["commune_nom", "latitude", "longitude"]]
    assert located.loc["INI-2"].tolist() == ["Acigné", 48.13, -1.54]
    assert located.loc["INI-1"].tolist() == ["Rennes", 48.11, -1.68]


def test_facet_counts_apply_every_other_facet(con):
    query = DirectoryQuery(thematique=("reemploi_economie_circulaire",), femme="oui")
    counts = directory.count_facets(con, query)
    expected = pd.DataFrame({
        "facet": ["activite", "creation", "departement", "ec", "epci", "femme", "femme", "forme",
                  "public", "stade", "thematique", "thematique"],
        "value_code": ["en_activite", "2015-2019", "35", "oui", "243500139", "non", "oui",
                       "association", "tous", "consolidation", "alimentation",
                       "reemploi_economie_circulaire"],
        "initiatives_n": [1] * 12,
    })
    pd.testing.assert_frame_equal(counts.reset_index(drop=True), expected)


def test_departement_and_epci_facets_count_and_filter_within_the_territory(con):
    counts = directory.count_facets(con, DirectoryQuery())
    options = directory.facet_options(counts, DirectoryQuery(), "departement")
    assert options == {"35": 3, "01": 1}  # most initiatives first
    assert ids(con, departement=("35",)) == ["INI-3", "INI-1", "INI-2"]
    assert ids(con, departement=("01",), territory="53", level="region") == []
    assert ids(con, epci=("243500139",), thematique=("mobilite",)) == ["INI-3"]
    # Standard faceting: the EPCI counts follow the chosen département, not the reverse.
    chosen = DirectoryQuery(departement=("01",))
    counts = directory.count_facets(con, chosen)
    assert directory.facet_options(counts, chosen, "departement") == {"35": 3, "01": 1}
    assert directory.facet_options(counts, chosen, "epci") == {}  # Ambérieu: no EPCI given
    rennes = DirectoryQuery(departement=("35",))
    assert directory.facet_options(directory.count_facets(con, rennes), rennes, "epci") == {
        "243500139": 3}
    names = {"35": "Ille-et-Vilaine", "243500139": "Rennes Métropole"}
    assert directory.filter_sentence(3, DirectoryQuery(departement=("35",)), names=names) == (
        "3 initiatives — département Ille-et-Vilaine")
    assert directory.pill_label("epci", "243500139", 3, names=names) == "Rennes Métropole (3)"


def test_a_stopped_initiative_stays_listed_and_is_filterable(con):
    assert ids(con) == ["INI-3", "INI-1", "INI-2", "INI-4"]
    assert ids(con, activite="arretee") == ["INI-3"]
    assert ids(con, activite="en_activite") == ["INI-1", "INI-2", "INI-4"]
    counts = directory.count_facets(con, DirectoryQuery(activite="arretee"))
    assert directory.facet_options(counts, DirectoryQuery(activite="arretee"), "activite") == {
        "en_activite": 3, "arretee": 1}
    assert directory.filter_sentence(1, DirectoryQuery(activite="arretee")) == (
        "1 initiative — arrêtées")


def test_facet_counts_follow_search_and_territory(con):
    counts = directory.count_facets(con, DirectoryQuery(q="repar", territory="35238",
                                                        level="commune"))
    thematiques = counts[counts["facet"] == "thematique"]
    assert dict(zip(thematiques["value_code"], thematiques["initiatives_n"], strict=True)) == {
        "mobilite": 1, "reemploi_economie_circulaire": 1}
    publics = counts[counts["facet"] == "public"]
    assert dict(zip(publics["value_code"], publics["initiatives_n"], strict=True)) == {
        "jeunes": 1, "tous": 1}


def test_facet_options_keep_chosen_values_in_vocabulary_order(con):
    query = DirectoryQuery(thematique=("logement",), territory="35", level="departement")
    counts = directory.count_facets(con, query)
    assert directory.facet_options(counts, query, "thematique") == {
        "alimentation": 1, "mobilite": 1, "logement": 0, "reemploi_economie_circulaire": 1}
    assert directory.search_initiatives(con, query).empty


def test_unknown_facet_values_are_not_bound(con):
    params = DirectoryQuery(thematique=("xyz", "mobilite"), ec="peut-etre", q="a b").params()
    assert params["thematique"] == ["mobilite"]
    assert params["ec"] is None
    assert params["terms"] == ["a", "b"]


def test_filter_sentence_says_every_filter():
    query = DirectoryQuery(territory="35", level="departement", territory_name="Ille-et-Vilaine",
                           q="vélo", thematique=("mobilite", "alimentation"), femme="oui",
                           ec="non", creation=("avant-2000",))
    assert directory.filter_sentence(1234, query) == (
        "1\u202f234 initiatives — Ille-et-Vilaine, recherche « vélo », thématique Mobilité ou "
        "Alimentation, créées Avant 2000, hors économie circulaire, portées par une femme")
    assert directory.filter_sentence(1234, query, "en") == (
        "1,234 initiatives — Ille-et-Vilaine, search “vélo”, theme Mobility or Food, founded "
        "Before 2000, outside the circular economy, led by a woman")
    assert directory.filter_sentence(1, DirectoryQuery(territory_name="Bretagne")) == (
        "1 initiative — Bretagne")
    assert directory.filter_sentence(0, DirectoryQuery()) == "0 initiative"
    assert directory.filter_sentence(0, DirectoryQuery(), "en") == "0 initiatives"


def test_pill_label_counts_in_french():
    assert directory.pill_label("thematique", "mobilite", 1200) == "Mobilité (1\u202f200)"
    assert directory.pill_label("public", "demandeurs_emploi", 3, "en") == "Jobseekers (3)"


def test_results_table_is_what_is_shown(con):
    results = directory.search_initiatives(con, DirectoryQuery(territory="35238", level="commune"))
    table = directory.results_table(results)
    expected = pd.DataFrame({
        "Identifiant": ["INI-3", "INI-1"],
        "Nom": ["Atelier vélo", "Café réparation"],
        "Commune": ["Rennes", "Rennes"],
        "Thématique": ["Mobilité", "Réemploi et économie circulaire"],
        "Stade": ["Expérimentation", "Consolidation"],
        "Forme juridique": ["Association", "Association"],
        "Année de création": pd.array([1998, 2019], dtype="Int64"),
        "Activité": ["arrêtée en 2022", "en activité"],
        "Emplois (ETP)": [float("nan"), 2.5],
    })
    pd.testing.assert_frame_equal(table.reset_index(drop=True), expected)
    shown = directory.display_table(table)
    assert shown["Année de création"].tolist() == ["1998", "2019"]
    assert shown["Emplois (ETP)"].tolist() == ["", "2,5"]


def test_read_initiative_and_its_card(con):
    assert directory.read_initiative(con, "NOPE") is None
    assert directory.read_initiative(con, "") is None
    initiative = directory.read_initiative(con, "INI-1")
    assert directory.detail_fields(initiative) == [
        ("Porteur", "Association Répare"), ("Commune", "Rennes"),
        ("Thématique", "Réemploi et économie circulaire"), ("Publics", "Tout public"),
        ("Stade", "Consolidation"), ("Forme juridique", "Association"),
        ("Année de création", "2019"), ("Activité", "en activité"), ("Emplois (ETP)", "2,5"),
        ("Bénévoles", "non renseigné"), ("Bénéficiaires", "non renseigné")]
    assert directory.detail_fields(initiative, "en")[8] == ("Jobs (FTE)", "2.5")
    stopped = directory.read_initiative(con, "INI-3")
    assert ("Activité", "arrêtée en 2022") in directory.detail_fields(stopped)
    assert ("Activity", "stopped in 2022") in directory.detail_fields(stopped, "en")
    assert directory.website(initiative) == "https://example.org/cafe"
    assert directory.website({"site_web": "javascript:alert(1)"}) is None
    assert directory.website(directory.read_initiative(con, "INI-3")) is None


def test_map_summary_counts_located_initiatives(con):
    points = directory_map.map_points(con, DirectoryQuery())
    assert not points.dense and (points.matches_n, points.located_n) == (4, 4)
    assert directory_map.map_summary(points) == (
        "4 initiatives sur la carte, colorées par thématique.")
    assert directory_map.map_table(points)["Identifiant"].tolist() == ["INI-3", "INI-1", "INI-2", "INI-4"]
    # With facet sets: those passing any set, in the query's territory.
    themed = directory_map.map_points(con, DirectoryQuery("35", "departement"),
                                  ({"femme": "oui"}, {"public": ("jeunes",)}))
    assert sorted(themed.points["id"]) == ["INI-1", "INI-2", "INI-3"]
    assert directory_map.map_points(con, DirectoryQuery(ec="non")).points["id"].tolist() == ["INI-2"]


DENSE_CSV_HEADER = "id;nom;commune;thematique;annee_creation;latitude;longitude\n"


def dense_directory(rows: list[tuple[str, str, str]]):
    """Return an in-memory database whose initiatives are (commune, thématique, latitude) rows."""
    connection = db.connect_memory()
    load_reference(connection)
    lines = [f"D-{number:04d};Initiative {number};{commune};{theme};2020;{latitude};-1,6"
             for number, (commune, theme, latitude) in enumerate(rows)]
    report = import_text(connection, "initiatives", DENSE_CSV_HEADER + "\n".join(lines) + "\n")
    assert report.status == "applied", report.errors
    return connection


def test_dense_map_points_are_counted_per_commune_by_the_database():
    """Past 150 located initiatives, one circle per commune: its count, mean position and most
    frequent thématique (a tie goes to the first in order), computed by the SQL, not pandas."""
    rows = ([("35238", "culture", "48,0")] * 90 + [("35238", "alimentation", "48,2")] * 60
            + [("35001", "sante", "48,1")] * 2 + [("35001", "culture", "48,1")] * 2
            + [("01004", "mobilite", "")] * 3)  # no position of its own: the commune's centre
    connection = dense_directory(rows)
    try:
        points = directory_map.map_points(connection, DirectoryQuery())
        assert points.dense and points.points.empty
        assert (points.matches_n, points.located_n) == (157, 157)
        communes = points.communes.set_index("commune")
        assert communes["located_n"].to_dict() == {"35238": 150, "35001": 4, "01004": 3}
        assert communes["thematique"].to_dict() == {
            "35238": "culture", "35001": "culture", "01004": "mobilite"}
        assert communes.loc["35238", "latitude"] == pytest.approx((90 * 48.0 + 60 * 48.2) / 150)
        assert communes.loc["01004", "latitude"] == pytest.approx(45.96)
        assert directory_map.map_summary(points) == (
            "157 initiatives sur la carte, regroupées par commune (surface du cercle "
            "proportionnelle au nombre d'initiatives).")
        table = directory_map.map_table(points)
        assert table["Commune"].tolist() == ["Rennes", "Acigné", "Ambérieu-en-Bugey"]
        assert table["Initiatives"].tolist() == [150, 4, 3]
        assert table["Thématique la plus fréquente"].tolist()[0] == "Culture"
        # Within a territory and a facet, the same counts as the search itself.
        brittany = directory_map.map_points(connection, DirectoryQuery("35", "departement",
                                                                   thematique=("culture",)))
        assert not brittany.dense and brittany.located_n == len(directory.search_initiatives(
            connection, DirectoryQuery("35", "departement", thematique=("culture",)))) == 92
    finally:
        connection.close()


def test_the_directory_read_by_pages_follows_every_write():
    """`directory_rows` (names folded, communes joined) is rewritten by imports and publication."""
    connection = db.connect_memory()
    try:
        load_reference(connection)
        assert import_text(connection, "initiatives", INITIATIVES_CSV).status == "applied"
        renamed = TERRITOIRES_RENAMED
        assert import_text(connection, "territoires", renamed).status == "applied"
        found = directory.search_initiatives(connection, DirectoryQuery(q="acigne"))
        assert found["commune_nom"].tolist() == ["Acigné-sur-Vilaine"]
        # A write outside the importer (a migration, a geography import) is published too.
        connection.execute("update initiatives set nom = 'Zèbre solidaire' where id = 'INI-2'")
        aggregation.rebuild_published_values(connection)
        assert ids(connection, q="zebre") == ["INI-2"]
        assert ids(connection)[-1] == "INI-2"  # « Zèbre » sorts last, accents folded
    finally:
        connection.close()


@pytest.mark.parametrize("facet_sets", [
    ({"femme": "oui"}, {"public": ("jeunes",)}),
    ({"ec": "oui"}, {"thematique": ("reemploi_economie_circulaire",)}),
    ({"public": ("jeunes",)},),
    ({"ec": "oui", "stade": ("essaimage",)}, {"femme": "oui"}),
])
@pytest.mark.parametrize(("territory", "level"), [(None, "region"), ("35", "departement"),
                                                  ("35238", "commune")])
def test_search_any_is_the_union_of_each_sets_search_by_name(con, facet_sets, territory, level):
    expected = pd.concat([directory.search_initiatives(con, DirectoryQuery(territory, level,
                                                                           **facets))
                          for facets in facet_sets]).drop_duplicates("id")
    # By name with accents and case folded, as the results list (« Épicerie » before « Recyclerie »).
    expected = expected.assign(key=expected["nom"].map(folded)).sort_values(["key", "id"])
    expected = expected["id"].tolist()
    found = directory.search_any(con, territory, level, facet_sets)
    assert found["id"].tolist() == expected
    assert "publics" not in found and {"commune_nom", "latitude", "thematique"} <= set(found)


def test_search_any_refuses_a_facet_named_in_two_sets(con):
    with pytest.raises(ValueError):
        directory.search_any(con, None, "region", ({"ec": "oui"}, {"ec": "non"}))
    with pytest.raises(ValueError):
        directory.search_any(con, None, "region", ({"couleur": "bleu"},))


@pytest.mark.parametrize("filters", [{}, {"territory": "35", "level": "departement"},
                                     {"q": "aucune initiative ne porte ce nom"}, {"ec": "non"}])
@pytest.mark.parametrize("limit", [None, 2])
def test_results_frame_is_what_duckdb_df_gives(con, filters, limit):
    """Read through Arrow for speed, the frame keeps `.df()`'s dtypes (nullable ints, empty text)."""
    query = DirectoryQuery(**filters)
    expected = con.execute(sqlstore.sql("directory_results"),
                           {**query.params(), "sort": "creation", "limit": limit}).df()
    pd.testing.assert_frame_equal(directory.search_initiatives(con, query, "creation", limit),
                                  expected)


def test_each_facet_is_one_row_that_the_url_the_query_and_the_sql_all_follow(con):
    from observatory import facets, reference, urlstate
    from observatory.i18n import english_catalogue

    listed = con.execute(
        "select * from directory_listed([], null, 'region', [], [], [], [], [], null, null, [], "
        "[], null) limit 0").fetchdf().columns
    fields = {item.name: item for item in urlstate.PAGE_FIELDS["initiatives"]}
    params = DirectoryQuery().params()
    vocabulary = reference.vocabulary(con)
    for facet in facets.FACETS:
        assert facet.predicate in listed, facet.name
        assert (fields[facet.name].kind, fields[facet.name].vocabulary) == (
            facet.url_kind, facet.url_vocabulary)
        assert fields[facet.name].default == facet.empty == getattr(DirectoryQuery(), facet.name)
        assert facet.name in params
        assert facet.url_vocabulary in vocabulary.allowed, facet.name
        for value in facet.values:  # every value named, in French and in English
            name = facet.names[value]
            assert name in english_catalogue() or name[:4].isdigit(), (facet.name, value)
            if not facet.multiple:
                assert facet.value_sentences[value] in english_catalogue()
        assert facet.label in english_catalogue()
    assert facets.TERRITORY_FACETS == ("departement", "epci")
    assert facets.FACETS_BY_NAME["stade"].value_name("essaimage", "en") == "Scaling"
