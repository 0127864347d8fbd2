"""`python -m observatory audit-secret …` (DATA-CONTRACT.md §4 and §7) on the demo."""

from __future__ import annotations

import json

import pytest

from observatory import cli, confidentiality


@pytest.mark.slow
def test_demo_has_no_exposed_cell_and_stays_proportionate(use_demo, capsys):
    """The whole demo (1,202 communes, about 60,000 secret cells): about 10 s of programmes."""
    capsys.readouterr()
    assert cli.main(["audit-secret", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report) == ["cells_secret", "cells_primary", "exposed"]
    assert report["exposed"] == []
    assert 0 < report["cells_primary"] <= report["cells_secret"] <= 2.5 * report["cells_primary"]


def test_text_report_in_french(use_demo, capsys):
    capsys.readouterr()
    assert cli.main(["audit-secret", "--indicator", "neet_16_25"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Chiffres secrets : ")
    assert "Aucun chiffre secret ne peut être encadré plus étroitement que son seuil." in out


def test_unknown_indicator_is_a_usage_error_in_french(use_demo, capsys):
    assert cli.main(["audit-secret", "--indicator", "inconnu"]) == 2
    assert "Indicateur inconnu « inconnu »" in capsys.readouterr().err


def test_exposed_cells_are_listed_with_their_interval_and_fail(use_demo, capsys, monkeypatch):
    # The audit rebuilds the figures itself: without secondary suppression they expose cells.
    monkeypatch.setattr(confidentiality, "apply_secondary", lambda con: 0)
    capsys.readouterr()
    assert cli.main(["audit-secret", "--indicator", "jeunes_accompagnes_mission_locale",
                     "--format", "json"]) == 1
    exposed = json.loads(capsys.readouterr().out)["exposed"]
    assert exposed
    assert all(list(cell) == ["indicateur", "territoire", "niveau", "annee", "seuil", "min",
                              "max"] for cell in exposed)
    assert all(cell["max"] - cell["min"] < cell["seuil"] for cell in exposed)
