"""Downloads hold exactly what is shown: the rows and columns of the table beside the chart.

The Indicateurs panels are built by the same functions the page calls, on a small published
database (tests/fixtures/engine). Each panel's downloads (through `ui.downloads`, the call
`show_figure` and `show_table` make) are read back with pandas and compared with the
panel's exact table, and with the readable table shown in the « Données » tab.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
import streamlit as st

from observatory import charts, db, export, importer, indicator_panels
from observatory.ui import indicator_reads, panels
from observatory.ui.frame import Selection
from observatory.ui.indicator_views import READS
from tests.engine_support import ENGINE_FIXTURES, FIXTURE_FILES

# Ille-et-Vilaine from 2016 to 2024, compared with its région; maps and rankings by commune.
SELECTION = Selection(code="35", name="Ille-et-Vilaine", level="departement", start=2016,
                      end=2024, lang="fr")
SETTINGS = indicator_panels.Settings("commune", None, "quantiles", ())
# Per panel: how the page builds it, and the columns its readable table starts with.
PANELS = {
    "evolution": (lambda ind: indicator_panels.trend_panel(READS, ind, SELECTION),
                  ("nom", "territoire", "annee")),
    "classement": (lambda ind: indicator_panels.ranking_panel(READS, ind, SETTINGS, SELECTION),
                   ("nom", "territoire")),
    "tableau": (lambda ind: indicator_panels.table_panel(READS, ind, SETTINGS, SELECTION),
                ("nom", "territoire", "annee")),
    "comparaison-evolution": (
        lambda ind: indicator_panels.comparison_panels(READS, ind, SETTINGS, SELECTION)[0],
        ("nom", "territoire", "annee")),
    "comparaison-dernieres": (
        lambda ind: indicator_panels.comparison_panels(READS, ind, SETTINGS, SELECTION)[1],
        ("nom", "territoire", "annee")),
}
SECRET_COLUMNS = export.SECRET_STATES
# Exported columns the readable table folds into others: unit and status into « Valeur »,
# the level into the title.
# Columns the reader's table says inside others (the unit with the value, « valeur de la
# source » with the status).
FOLDED = ("niveau", "unite", "etat", "valeur_source")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> str:
    """A published database of the engine fixtures (secret, computed and absent figures)."""
    path = tmp_path_factory.mktemp("downloads") / "observatory.duckdb"
    with db.writing(path) as con:
        for dataset, name in FIXTURE_FILES:
            report = importer.import_file(con, dataset, (ENGINE_FIXTURES / name).read_bytes(),
                                          name, "test")
            assert report.status == "applied", report.errors
    return str(path)


@pytest.fixture
def dashboard_on(published, monkeypatch):
    """Point the dashboard's cached reads at the published fixture database."""
    monkeypatch.setenv("OBSERVATORY_DB", published)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def indicator(code: str) -> indicator_panels.Indicator:
    catalogue = indicator_reads.indicator_catalogue()
    return indicator_panels.Indicator.from_row(catalogue.set_index("code", drop=False).loc[code])


def offered_downloads(monkeypatch, table: pd.DataFrame) -> dict[str, bytes]:
    """Return the bytes each download button of `ui.downloads(table, …)` would hand over."""
    builds = []
    monkeypatch.setattr(panels, "download_buttons",
                        lambda build, name, key, lang: builds.append(build))
    panels.downloads(table, "Titre", "cle", "fr")
    (build,) = builds
    return {fmt: build(fmt) for fmt in export.FORMATS}


def read_back(fmt: str, data: bytes, like: pd.DataFrame) -> pd.DataFrame:
    """Return a download read with pandas, typed like `like` (« secret » read as a gap)."""
    if fmt == "parquet":
        return pd.read_parquet(io.BytesIO(data))
    options = dict(sep=";", decimal=",", encoding="utf-8-sig") if fmt == "csv_fr" else {}
    text = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, **options)
    assert list(text.columns) == list(like.columns)
    out = pd.DataFrame(index=text.index)
    for column in like.columns:
        cells = text[column]
        if column in SECRET_COLUMNS and SECRET_COLUMNS[column] in like:
            # Secret figures read « secret », never a blank or a 0.
            secret = (like[SECRET_COLUMNS[column]] == "secret").to_numpy()
            assert (cells.to_numpy() == "secret").tolist() == secret.tolist(), column
            cells = cells.mask(cells == "secret", "")
        empty = cells == ""
        if pd.api.types.is_bool_dtype(like[column]):
            out[column] = cells.map({"True": True, "False": False})
        elif pd.api.types.is_numeric_dtype(like[column]):
            if fmt == "csv_fr":
                cells = cells.str.replace(",", ".", regex=False)
            out[column] = pd.to_numeric(cells.mask(empty, None))
        else:
            out[column] = cells.astype(object).mask(empty, None).astype(like[column].dtype)
    return out


@pytest.mark.parametrize("code", ["part_femmes", "emplois"])
@pytest.mark.parametrize("name", list(PANELS))
def test_every_download_holds_exactly_the_rows_and_columns_of_the_table_shown(
        dashboard_on, monkeypatch, name, code):
    build, shown_columns = PANELS[name]
    item = indicator(code)
    panel = build(item)
    assert not panel.table.empty
    downloads = offered_downloads(monkeypatch, panel.table)
    pd.testing.assert_frame_equal(read_back("parquet", downloads["parquet"], panel.table),
                                  panel.table.reset_index(drop=True))
    for fmt in ("csv_fr", "csv"):
        back = read_back(fmt, downloads[fmt], panel.table)
        pd.testing.assert_frame_equal(back, panel.table.reset_index(drop=True),
                                      check_dtype=False, obj=fmt)
        # The download, put in reading form, is the very table the reader is shown.
        pd.testing.assert_frame_equal(
            charts.display_table(back, item.unit, "fr", shown_columns), panel.display,
            check_dtype=False, obj=f"{fmt} shown")
    # Independently of how values are written: same rows in the same order, same columns.
    headers = charts.TABLE_HEADERS
    shown = panel.display
    # A ranking is of one year, given in its title: only its download repeats it per row.
    folded = FOLDED if "annee" in shown_columns else (*FOLDED, "annee")
    assert sorted(shown.columns) == sorted(headers[column] for column in panel.table.columns
                                           if column not in folded)
    assert shown[headers["territoire"]].tolist() == panel.table["territoire"].tolist()
    if headers["annee"] in shown:
        assert shown[headers["annee"]].tolist() == panel.table["annee"].tolist()


def test_the_fixture_panels_carry_secret_computed_and_unbatched_figures(dashboard_on):
    """The comparison above is only worth its data: secret, computed and batchless rows."""
    tables = [build(indicator(code)).table for build, _ in PANELS.values()
              for code in ("part_femmes", "emplois")]
    rows = pd.concat(tables, ignore_index=True)
    assert (rows["etat"] == "secret").any()
    assert rows["calcule"].astype(bool).any() and not rows["calcule"].astype(bool).all()
    assert rows["batch_id"].isna().any()


def test_the_trend_draws_exactly_the_published_rows_of_its_table(dashboard_on):
    panel = indicator_panels.trend_panel(READS, indicator("part_femmes"), SELECTION)
    table = panel.table
    drawn = sorted((trace.name, int(year), float(value)) for trace in panel.figure.data
                   for year, value in zip(trace.x, trace.y, strict=True) if value == value)
    published = table.loc[table["etat"] == "publie"]
    assert drawn == sorted(zip(published["nom"], published["annee"].astype(int),
                               published["valeur"].astype(float), strict=True))
    assert len(panel.display) == len(table)
