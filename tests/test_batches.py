"""Batches: journal, rollback, refusals (DATA-CONTRACT.md §3)."""

from __future__ import annotations

import pytest

from observatory import batches, dataset_sql, db
from observatory.errors import RollbackRefused
from tests.importing import database_checksum, import_text

HEADER = "indicateur;territoire;annee;valeur;statut\n"


def values(con) -> list[tuple]:
    return con.execute("select territoire, annee, valeur, statut, batch_id from observations "
                       "order by territoire, annee").fetchall()


def test_apply_reapply_update_rollback_then_refuse_the_older_batch(ref):
    first = import_text(ref, "observations", HEADER + "population;35238;2021;220000;definitif\n"
                                                     "population;35238;2022;222000;provisoire\n"
                                                     "population;35001;2022;7000;definitif\n")
    assert (first.status, first.inserted) == ("applied", 3)
    applied = values(ref)
    after_first = database_checksum(ref)

    again = import_text(ref, "observations", HEADER + "population;35238;2021;220000;definitif\n"
                                                     "population;35238;2022;222000;provisoire\n"
                                                     "population;35001;2022;7000;definitif\n")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert values(ref) == applied
    assert {k: v for k, v in database_checksum(ref).items() if k not in ("batches", "sequences")} == {
        k: v for k, v in after_first.items() if k not in ("batches", "sequences")}

    update = import_text(ref, "observations", HEADER + "population;35238;2022;222485;definitif\n"
                                                      "population;35001;2022;7000;definitif\n")
    assert (update.inserted, update.updated, update.unchanged) == (0, 1, 1)
    assert values(ref) == [
        ("35001", 2022, 7000.0, "definitif", first.batch_id),
        ("35238", 2021, 220000.0, "definitif", first.batch_id),
        ("35238", 2022, 222485.0, "definitif", update.batch_id),
    ]

    with pytest.raises(RollbackRefused) as refused:
        batches.rollback_batch(ref, first.batch_id, "test")
    assert str(refused.value) == (
        f"Le lot n° {first.batch_id} ne peut pas être annulé : le lot n° {update.batch_id}, "
        "appliqué ensuite, a modifié les mêmes lignes de « observations ». Annulez d'abord les "
        "lots plus récents, du plus récent au plus ancien.")

    summary = batches.rollback_batch(ref, update.batch_id, "camille")
    assert summary == batches.RollbackSummary(update.batch_id, "observations", 0, 1)
    assert values(ref) == applied
    assert ref.execute("select rolled_back_by from batches where batch_id = ?",
                       [update.batch_id]).fetchall() == [("camille",)]

    assert db.failed_checks(ref) == {}

    # The no-op batch (`again`) touched no row: it never blocks an older rollback.
    summary = batches.rollback_batch(ref, first.batch_id, "camille")
    assert summary == batches.RollbackSummary(first.batch_id, "observations", 3, 0)
    assert values(ref) == []
    assert db.failed_checks(ref) == {}


def test_rollback_of_an_older_batch_touched_later_is_refused_naming_every_later_batch(ref):
    first = import_text(ref, "observations", HEADER + "population;35238;2022;1;\npopulation;35001;2022;1;\n")
    second = import_text(ref, "observations", HEADER + "population;35238;2022;2;\n")
    third = import_text(ref, "observations", HEADER + "population;35001;2022;3;\n")
    before = database_checksum(ref)
    with pytest.raises(RollbackRefused, match=(
            f"^Le lot n° {first.batch_id} ne peut pas être annulé : les lots n° {second.batch_id}, "
            f"n° {third.batch_id}, appliqués ensuite, ont modifié les mêmes lignes")):
        batches.rollback_batch(ref, first.batch_id, "test")
    assert database_checksum(ref) == before


def test_rollback_of_unknown_or_already_rolled_back_batch_is_refused(ref):
    with pytest.raises(RollbackRefused, match="^Le lot n° 999 n'existe pas"):
        batches.rollback_batch(ref, 999, "test")
    report = import_text(ref, "observations", HEADER + "population;35;2022;1;\n")
    batches.rollback_batch(ref, report.batch_id, "test")
    with pytest.raises(RollbackRefused, match=f"^Le lot n° {report.batch_id} a déjà été annulé le "
                                              r"\d\d/\d\d/\d{4} à \d\d:\d\d par test : "):
        batches.rollback_batch(ref, report.batch_id, "test")


def test_rollback_of_territories_still_referred_to_is_refused(ref):
    territories = import_text(ref, "territoires", "code;niveau;nom;region;departement\n"
                                                  "35024;commune;Betton;53;35\n")
    import_text(ref, "observations", HEADER + "population;35024;2022;12000;\n")
    import_text(ref, "initiatives", "id;nom;commune;thematique\nA;Atelier;35024;culture\n")
    before = database_checksum(ref)
    with pytest.raises(RollbackRefused) as refused:
        batches.rollback_batch(ref, territories.batch_id, "test")
    assert str(refused.value) == (
        f"Le lot n° {territories.batch_id} ne peut pas être annulé : il a ajouté des lignes de "
        "« territoires » auxquelles d'autres données font encore référence — 1 ligne(s) de "
        "« initiatives » (par ex. A) ; 1 ligne(s) de « observations » (par ex. 35024 (commune)). "
        "Annulez ou corrigez d'abord ces données.")
    assert database_checksum(ref) == before


def test_rollback_of_indicators_still_referred_to_is_refused(ref):
    catalogue = import_text(ref, "indicateurs", "code;libelle;theme;unite;agregation\n"
                                                "benevoles_n;Bénévoles;innovation_sociale;nombre;somme\n")
    import_text(ref, "indicateurs", "code;libelle;theme;unite;agregation;numerateur;denominateur\n"
                                    "part_benevoles;Part;innovation_sociale;pourcentage;ratio;"
                                    "benevoles_n;population\n")
    with pytest.raises(RollbackRefused, match=r"1 ligne\(s\) de « indicateurs » \(par ex. part_benevoles\)"):
        batches.rollback_batch(ref, catalogue.batch_id, "test")


def test_rollback_restores_previous_versions_of_territories(ref):
    update = import_text(ref, "territoires", "code;niveau;nom;region;population\n"
                                             "35;departement;Ille-et-Vilaine (35);53;1200000\n")
    assert (update.updated, update.inserted) == (1, 0)
    batches.rollback_batch(ref, update.batch_id, "test")
    assert ref.execute("select nom, population from territoires where code = '35'").fetchall() == [
        ("Ille-et-Vilaine", 1100000)]


def test_list_batches_newest_first(ref):
    import_text(ref, "observations", HEADER + "population;35;2022;1;\n", user="camille")
    frame = batches.list_batches(ref)
    assert list(frame.columns) == [
        "batch_id", "dataset", "file_name", "sha256", "user_name", "applied_at", "rows_read",
        "inserted", "updated", "unchanged", "deleted", "warnings", "rolled_back_at", "rolled_back_by"]
    assert frame[["batch_id", "dataset", "user_name", "rows_read", "inserted"]].values.tolist() == [
        [3, "observations", "camille", 1, 1], [2, "indicateurs", "test", 6, 6],
        [1, "territoires", "test", 10, 10]]


def test_the_rendered_statements_use_each_tables_key_as_the_schema_declares_it(con):
    schema = dict(con.execute("select table_name, constraint_column_names from duckdb_constraints() "
                              "where constraint_type = 'PRIMARY KEY'").fetchall())
    assert {name: tuple(schema[name]) for name in dataset_sql.TABLE_KEYS} == dataset_sql.TABLE_KEYS
    assert dataset_sql.TABLE_KEYS["observations"] == ("indicateur", "territoire", "niveau", "annee")
    with pytest.raises(KeyError):
        dataset_sql.per_dataset("batches_rollback_delete", "batches; drop table territoires")


@pytest.mark.slow
def test_the_demo_is_recognised_by_its_batch_flag_not_by_a_file_name(ref):
    from observatory import demo, themes

    report = import_text(ref, "observations", "indicateur;territoire;annee;valeur\n"
                                              "population;35238;2022;222000\n", user="démo")
    assert report.status == "applied"  # a partner's observations.csv, even by a user « démo »
    assert themes.is_demo_data(ref) is False
    con = db.connect_memory()
    try:
        demo.load_demo(con)
        assert themes.is_demo_data(con) is True
        # the territories too: the région file of the shipped COG, loaded as init --region does
        assert con.execute("select list(dataset order by batch_id), bool_and(demo) "
                           "from batches").fetchall() == [
            (["territoires", "indicateurs", "observations", "initiatives"], True)]
    finally:
        con.close()
    # A database whose demo batches predate the flag gets it from the migration.
    legacy = db.connect_memory()
    try:
        legacy.execute("alter table batches drop column demo")
        legacy.execute("delete from schema_migrations where version = 7")
        legacy.execute("insert into batches (batch_id, dataset, file_name, sha256, user_name, "
                       "applied_at, rows_read, inserted, updated, unchanged) values (1, 'territoires', "
                       "'t.csv', '', 'démo', current_timestamp, 0, 0, 0, 0)")
        db.migrate(legacy)
        assert themes.is_demo_data(legacy) is True
    finally:
        legacy.close()


def test_the_history_is_shown_in_either_language_and_offers_only_live_batches(ref):
    from observatory import updates

    first = import_text(ref, "observations", HEADER + "population;35238;2021;220000;definitif\n")
    second = import_text(ref, "observations", HEADER + "population;35001;2021;7000;definitif\n")
    batches.rollback_batch(ref, second.batch_id, "camille")
    recorded = batches.list_batches(ref)
    # Rolling back is offered from the batches' own state, never from a shown word.
    assert updates.applied_batches(recorded) == [
        batch for batch in recorded["batch_id"] if batch != second.batch_id]
    assert first.batch_id in updates.applied_batches(recorded)
    french = updates.history_table(recorded, "fr")
    english = updates.history_table(recorded, "en")
    assert list(french.columns)[-1] == "État" and list(english.columns)[-1] == "State"
    assert english["State"].iloc[-1] == "applied"
    assert english["State"].iloc[0].startswith("rolled back on ")
    assert english["State"].iloc[0].endswith(" by camille")
    assert french["État"].iloc[0].startswith("annulé le ")
