"""Outlines for the pages' maps: sent once as static files, circles' centroids otherwise.

A choropleth that embeds its GeoJSON re-sends it on every rerun (422 KB for Bretagne's
communes). With `server.enableStaticServing`, the simplified outlines are written once per
outline version under `static/outlines/<version>/` and the figure carries only their URL:
the browser fetches and caches the file, a rerun sends the values alone.
"""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from observatory import maps, settings
from observatory.ui.connection import cached, cached_resource

log = logging.getLogger(__name__)

outlines_loaded = cached(maps.outlines_available)
level_points = cached(maps.territory_points)


def static_folder() -> Path:
    """Return where outline files go: OBSERVATORY_STATIC_DIR, by default `static/`.

    Streamlit serves the `static/` folder next to the main script (dashboard.py) at
    app/static/; another folder is only useful as the target that one links to.
    """
    return settings.static_dir()


@cached_resource
def static_files(con, folder: str) -> dict[str, Path]:
    """Write every level's outline file once per data version; return {level: path}."""
    return maps.export_static_outlines(con, Path(folder))


@cached_resource
def level_outlines(con, level: str) -> maps.MapOutlines:
    """Return a level's outlines by URL when static serving is on, else embedded in the figure."""
    if st.get_option("server.enableStaticServing"):
        folder = static_folder()
        try:
            paths = static_files(str(folder))
        except OSError as error:
            # A read-only install still works, only heavier on the network.
            log.warning("outlines embedded in the figures: cannot write %s (%s)", folder, error)
        else:
            if level in paths:
                url = maps.static_outline_url(paths[level].parent.name, level)
                return maps.map_outlines(con, level, url=url)
    return maps.map_outlines(con, level)
