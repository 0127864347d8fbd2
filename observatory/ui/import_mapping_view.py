"""The Import page's mapping panel: template, sheet, header row, column mapping, --replace.

It offers without typing what the command line's options say (DATA-CONTRACT.md §6): the
headers the importer will read, each with a suggested target, and the equivalent command
line. It returns the importer's options; validation and preview then run on them.
"""

from __future__ import annotations

import streamlit as st

from observatory import import_mapping, reference, templates, textsafety
from observatory.datasets import get_dataset
from observatory.errors import ObservatoryError
from observatory.fileshape import FileShape
from observatory.importer import contract_columns
from observatory.ui.connection import fresh_cursor

_COLUMNS_PER_ROW = 3


def mapping_panel(view, dataset: str, data: bytes, file_name: str, fingerprint: str) -> dict:
    """Show the mapping controls of an uploaded file; return the importer's options."""
    t = view.t
    con = fresh_cursor()
    saved = templates.names(con, dataset)
    template = st.selectbox(
        t("Modèle d'import"), ["", *saved], key="import.template",
        format_func=lambda name: name or t("(aucun : correspondance ci-dessous)"),
        help=t("Un modèle reprend la feuille, la ligne d'en-tête et la correspondance "
               "enregistrées pour un partenaire."))
    base = FileShape()
    if template:
        base = templates.load(con, template, dataset)
    sheet, header_row = _sheet_and_header(view, con, dataset, data, fingerprint, base)
    options = {"replace": st.checkbox(
        t("Remplacer : le fichier est le jeu de données entier (les lignes absentes de la base "
          "seront supprimées ; pour les observations, celles des indicateurs du fichier)"),
        key="import.replace")}
    if template:
        options["template"] = template
        options["shape"] = FileShape(sheet, header_row)
        st.caption(t("Correspondance du modèle : {mapping}",
                     mapping=textsafety.markdown(base.describe() or t("(aucune)"))))
    else:
        options["shape"] = _column_mapping(view, con, dataset, data, fingerprint, sheet, header_row)
    shape = base.merged_with(options["shape"]) if template else options["shape"]
    command = " ".join(["python -m observatory import", dataset, _quoted(file_name)]
                       + [_quoted(part) for part in _command_parts(shape)]
                       + (["--replace"] if options["replace"] else []))
    st.caption(t("Commande équivalente :"))
    st.code(command, language="bash")
    return options


def _sheet_and_header(view, con, dataset, data, fingerprint, base) -> tuple[str | None, int | None]:
    t = view.t
    sheet = None
    try:
        header = import_mapping.inspect(con, dataset, data, base)
    except ObservatoryError:
        return base.sheet, base.header_row  # validation reports why the file cannot be read
    if header.sheets:
        chosen = st.selectbox(
            t("Feuille"), ["", *header.sheets], key=f"import.sheet.{fingerprint[:12]}",
            format_func=lambda name: name or t("(automatique : {sheet})", sheet=header.sheet))
        sheet = chosen or None
    forced = st.number_input(
        t("Ligne d'en-tête (0 : trouvée automatiquement sous les lignes de titre)"),
        min_value=0, step=1, value=0, key=f"import.header_row.{fingerprint[:12]}")
    return sheet or base.sheet, int(forced) or base.header_row


def _column_mapping(view, con, dataset, data, fingerprint, sheet, header_row) -> FileShape:
    """Show each header with its suggested target; return the shape of the choices."""
    t = view.t
    try:
        header = import_mapping.inspect(con, dataset, data, FileShape(sheet, header_row))
    except ObservatoryError:
        return FileShape(sheet, header_row)
    where = (t("Feuille « {sheet} », ligne {row}", sheet=header.sheet, row=header.header_row)
             if header.sheet else t("Ligne {row}", row=header.header_row))
    st.markdown(f"#### {t('Correspondance des colonnes')}")
    st.caption(t("{where} : en-tête lu. Choisissez pour chaque colonne du fichier la colonne du "
                 "jeu de données qu'elle donne ; les suggestions sont déjà choisies.",
                 where=textsafety.markdown(where)))
    choices = ["", *[column.name for column in contract_columns(get_dataset(dataset))]]
    if dataset == "observations":
        choices.append(import_mapping.WIDE)
    labels = {"": t("(ignorée)"), import_mapping.WIDE: t("valeurs par année (une ligne par cellule)")}
    suggested = import_mapping.suggest(dataset, header)
    targets = []
    named = [(position, name) for position, name in enumerate(header.names) if name.strip()]
    for start in range(0, len(named), _COLUMNS_PER_ROW):
        cells = st.columns(_COLUMNS_PER_ROW)
        for cell, (position, name) in zip(cells, named[start:start + _COLUMNS_PER_ROW], strict=False):
            targets.append((position, cell.selectbox(
                textsafety.strip_bidi(name.strip()), choices, index=choices.index(suggested[position]),
                key=f"import.map.{fingerprint[:12]}.{position}",
                format_func=lambda target: labels.get(target, target))))
    chosen = [""] * len(header.names)
    for position, target in targets:
        chosen[position] = target
    indicators = {}
    codes = reference.indicator_themes(con)["code"].tolist()
    for pattern in import_mapping.wide_patterns(header, chosen):
        if "{indicateur}" in pattern:
            continue
        indicators[pattern] = st.selectbox(
            t("Indicateur des colonnes « {pattern} »", pattern=pattern), ["", *codes],
            key=f"import.wide.{fingerprint[:12]}.{pattern}",
            format_func=lambda code: code or t("(colonne « indicateur » du fichier)"))
    return import_mapping.build_shape(header, chosen, indicators, {}, sheet, header_row)


def _command_parts(shape: FileShape) -> list[str]:
    parts = []
    if shape.sheet:
        parts += ["--sheet", shape.sheet]
    if shape.header_row:
        parts += ["--header-row", str(shape.header_row)]
    for source, target in shape.renames:
        parts += ["--map", f"{source}={target}"]
    for column, value in shape.constants:
        parts += ["--set", f"{column}={value}"]
    for wide in shape.wide:
        parts += ["--wide", wide.pattern + (f"={wide.indicator}" if wide.indicator else "")]
    return parts


def _quoted(text: str) -> str:
    plain = text.replace("_", "").replace("-", "").replace("=", "").replace(".", "").replace("/", "")
    return text if plain.isalnum() else "'" + text.replace("'", "'\\''") + "'"
