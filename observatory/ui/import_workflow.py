"""The Import page's two panels: upload → report → preview → apply, and history → roll back."""

from __future__ import annotations

import hashlib

import streamlit as st

from observatory import batches, textsafety, updates
from observatory.datasets import DATASETS, LOAD_ORDER
from observatory.errors import DatabaseBusy, ObservatoryError, RollbackRefused
from observatory.formatting import format_number
from observatory.ui.connection import fresh_cursor
from observatory.ui.import_mapping_view import mapping_panel
from observatory.ui.upload_limit import limit_mb as upload_limit_mb

_APPLIED = "import.applied"


def upload_panel(view, user: str) -> None:
    """Choose a dataset, upload a file, show its report and preview, apply it."""
    t = view.t
    dataset = st.selectbox(t("Jeu de données"), LOAD_ORDER, key="import.dataset",
                           format_func=lambda name: DATASETS[name].label)
    limit_mb = upload_limit_mb()
    upload = st.file_uploader(
        t("Fichier CSV (séparateur ; , ou tabulation, UTF-8 ou Windows-1252) ou classeur "
          ".xlsx / .ods"),
        key="import.file", max_upload_size=limit_mb)
    # Streamlit's own limit text and refusal are in English: the limit is stated here too.
    st.caption(t("Taille maximale : {n} Mo.", n=format_number(limit_mb, lang=view.lang)))
    _show_last_applied(view)
    if upload is None:
        st.caption(t("Le fichier est entièrement vérifié avant toute écriture ; rien n'est "
                     "modifié tant que vous n'avez pas cliqué sur « Appliquer »."))
        return
    data = upload.getvalue()
    fingerprint = hashlib.sha256(data).hexdigest()
    options = mapping_panel(view, dataset, data, upload.name, fingerprint)
    report = updates.validate_upload(fresh_cursor(), dataset, data, upload.name, **options)
    show_report(view, report)
    if report.status != "validated":
        return
    save_as = st.text_input(
        t("Enregistrer cette correspondance comme modèle (facultatif)"), key="import.template.save",
        placeholder=t("par ex. insee_population"),
        help=t("Le modèle est enregistré avec l'import ; il se réutilise ensuite ici ou avec "
               "--template."))
    label = (t("Appliquer ce fichier ({n} lignes ajoutées, {m} modifiées, {d} supprimées)",
               n=format_number(report.inserted, lang=view.lang),
               m=format_number(report.updated, lang=view.lang),
               d=format_number(report.deleted, lang=view.lang)) if options.get("replace") else
             t("Appliquer ce fichier ({n} lignes ajoutées, {m} modifiées)",
               n=format_number(report.inserted, lang=view.lang),
               m=format_number(report.updated, lang=view.lang)))
    if st.button(label, type="primary", key=f"import.apply.{fingerprint[:12]}"):
        _apply(view, dataset, data, upload.name, user, dict(options, save_template=save_as.strip() or None))


def _apply(view, dataset: str, data: bytes, file_name: str, user: str, options: dict) -> None:
    try:
        report = updates.apply_upload(dataset, data, file_name, user, **options)
    except (DatabaseBusy, ObservatoryError) as busy:
        st.error(textsafety.markdown(busy))
        return
    if report.status == "applied":
        st.session_state[_APPLIED] = (report.batch_id, report.file, report.inserted,
                                      report.updated, report.unchanged, report.deleted)
        st.rerun()
    st.error(view.t("Le fichier a été refusé au moment de l'appliquer (la base a changé "
                    "entre-temps) : rien n'a été écrit."))
    show_report(view, report)


def _show_last_applied(view) -> None:
    applied = st.session_state.get(_APPLIED)
    if applied and applied[0] is None:
        st.info(view.t("« {name} » ne change rien à la base : aucun lot n'a été enregistré.",
                       name=textsafety.markdown(applied[1])), icon=":material/info:")
    elif applied:
        batch_id, name, inserted, updated, unchanged, deleted = applied
        if deleted:
            st.success(view.t("Lot n° {batch} appliqué (« {name} ») : {i} ligne(s) ajoutée(s), "
                              "{u} modifiée(s), {d} supprimée(s), {k} inchangée(s).",
                              batch=batch_id, name=textsafety.markdown(name), i=inserted,
                              u=updated, d=deleted, k=unchanged), icon=":material/check_circle:")
            return
        st.success(view.t("Lot n° {batch} appliqué (« {name} ») : {i} ligne(s) ajoutée(s), "
                          "{u} modifiée(s), {k} inchangée(s). Les pages affichent déjà ces données.",
                          batch=batch_id, name=textsafety.markdown(name), i=inserted, u=updated, k=unchanged),
                   icon=":material/check_circle:")


def show_report(view, report) -> None:
    """Show a validation report: status, counts, warnings, errors table, preview."""
    t, lang = view.t, view.lang
    columns = st.columns(4)
    columns[0].metric(t("Lignes lues"), format_number(report.rows_read, lang=lang))
    if report.status == "rejected":
        columns[1].metric(t("Erreurs"), format_number(report.errors_total, lang=lang))
        st.error(t("Fichier refusé : corrigez les erreurs ci-dessous puis déposez-le de nouveau. "
                   "La base n'a pas été modifiée."), icon=":material/error:")
    else:
        columns[1].metric(t("À ajouter"), format_number(report.inserted, lang=lang))
        columns[2].metric(t("À modifier"), format_number(report.updated, lang=lang))
        columns[3].metric(t("Inchangées"), format_number(report.unchanged, lang=lang))
        if report.deleted:
            st.metric(t("À supprimer"), format_number(report.deleted, lang=lang))
        st.success(t("Fichier valide : vérifiez l'aperçu, puis appliquez-le."),
                   icon=":material/task_alt:")
    for warning in report.warnings:
        st.warning(textsafety.markdown(warning), icon=":material/info:")
    if report.errors:
        st.markdown(f"#### {t('Erreurs à corriger')}")
        st.dataframe(updates.errors_table(report, lang), hide_index=True, key="import.errors")
    if report.preview is not None:
        _show_preview(view, report.preview)


def _show_preview(view, preview) -> None:
    t = view.t
    names = [t("Lignes ajoutées ({n})", n=preview.added_total),
             t("Lignes modifiées ({n})", n=preview.changed_total)]
    if preview.deleted is not None:
        names.append(t("Lignes supprimées ({n})", n=preview.deleted_total))
    added, changed, *deleted = st.tabs(names)
    for tab in deleted:
        with tab:
            if preview.deleted.empty:
                st.caption(t("Aucune ligne supprimée."))
            else:
                st.caption(t("Ces lignes de la base sont absentes du fichier : elles seront "
                             "supprimées (un retour arrière les rétablit)."))
                st.dataframe(preview.deleted, hide_index=True, key="import.preview.deleted")
    with added:
        if preview.added.empty:
            st.caption(t("Aucune ligne nouvelle."))
        else:
            st.dataframe(preview.added, hide_index=True, key="import.preview.added")
    with changed:
        if preview.changed.empty:
            st.caption(t("Aucune ligne modifiée."))
        else:
            st.caption(t("Chaque ligne montre une valeur modifiée : avant → après."))
            st.dataframe(preview.changed, hide_index=True, key="import.preview.changed")
    st.caption(t("{n} ligne(s) du fichier sont identiques à la base et ne changeront pas.",
                 n=preview.unchanged))


def history_panel(view, user: str) -> None:
    """Show every batch, newest first, and roll one back after a confirmation."""
    t = view.t
    recorded = batches.list_batches(fresh_cursor())
    if recorded.empty:
        st.info(t("Aucun lot : la base n'a encore reçu aucun import."))
        return
    st.dataframe(updates.history_table(recorded, view.lang), hide_index=True,
                 key="import.history")
    applied = updates.applied_batches(recorded)
    if not applied:
        return
    st.markdown(f"#### {t('Annuler un lot')}")
    batch_id = st.selectbox(t("Lot à annuler"), applied, key="import.rollback.batch")
    confirmed = st.checkbox(
        t("Je confirme l'annulation du lot n° {n} : ses lignes ajoutées seront supprimées et "
          "ses lignes modifiées rétablies.", n=batch_id), key="import.rollback.confirm")
    if st.button(t("Annuler le lot"), disabled=not confirmed, key="import.rollback.go"):
        try:
            summary = updates.rollback(int(batch_id), user)
        except (RollbackRefused, DatabaseBusy) as refused:
            st.error(textsafety.markdown(refused))
            return
        st.success(t("Lot n° {n} annulé : {d} ligne(s) supprimée(s), {r} rétablie(s).",
                     n=summary.batch_id, d=summary.deleted, r=summary.restored))
