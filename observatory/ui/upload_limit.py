"""One upload limit: OBSERVATORY_UPLOAD_MAX_MB, applied to Streamlit's upload endpoint too.

Streamlit refuses a larger request on its own (`server.maxUploadSize`, read at each upload
request), before the import sees the file. The dashboard sets that option from the setting
at every run, so a plain `streamlit run dashboard.py` needs no matching config value.
"""

from __future__ import annotations

import logging

from streamlit import config

from observatory import csvread
from observatory.errors import ConfigurationError

log = logging.getLogger(__name__)
_OPTION = "server.maxUploadSize"


def limit_mb() -> int:
    """Return OBSERVATORY_UPLOAD_MAX_MB (French ConfigurationError when it is not ≥ 1)."""
    megabytes = csvread.upload_limit_bytes() // (1024 * 1024)
    if megabytes < 1:
        raise ConfigurationError(
            f"Le réglage OBSERVATORY_UPLOAD_MAX_MB vaut {megabytes} : indiquez une taille en "
            "mégaoctets d'au moins 1.")
    return megabytes


def apply_to_server() -> None:
    """Set Streamlit's `server.maxUploadSize` to the setting (the Import page reports a bad one)."""
    try:
        megabytes = limit_mb()
    except ConfigurationError as error:
        log.warning("server.maxUploadSize left as it is: %s", error)
        return
    if config.get_option(_OPTION) != megabytes:
        config.set_option(_OPTION, megabytes, where_defined="OBSERVATORY_UPLOAD_MAX_MB")
