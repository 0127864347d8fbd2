"""The upload limit: OBSERVATORY_UPLOAD_MAX_MB sets Streamlit's own limit and is stated in French."""

from __future__ import annotations

import pytest
from streamlit import config

from tests.pages.conftest import app_test, texts
from tests.pages.test_import_page import PASSWORD, signed_in


@pytest.fixture
def server_limit():
    """Put Streamlit's upload limit back after the test (the option is process-wide)."""
    saved = config.get_option("server.maxUploadSize")
    yield
    config.set_option("server.maxUploadSize", saved)


def test_the_setting_becomes_streamlits_limit_and_is_stated_beside_the_uploader(
        demo_env, monkeypatch, server_limit):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    monkeypatch.setenv("OBSERVATORY_UPLOAD_MAX_MB", "1500")
    config.set_option("server.maxUploadSize", 200)
    app = signed_in()
    uploader = app.get("file_uploader")[0]
    assert uploader.proto.max_upload_size_mb == 1500
    # The endpoint that receives the file reads this option at each request.
    assert config.get_option("server.maxUploadSize") == 1500
    assert "Taille maximale : 1\u202f500 Mo." in [caption.value for caption in app.caption]


def test_every_page_of_the_dashboard_applies_the_limit(demo_env, monkeypatch, server_limit):
    monkeypatch.setenv("OBSERVATORY_UPLOAD_MAX_MB", "3")
    config.set_option("server.maxUploadSize", 200)
    app = app_test().run()
    assert not app.exception
    assert config.get_option("server.maxUploadSize") == 3


@pytest.mark.parametrize(("value", "message"), [
    ("0", "Le réglage OBSERVATORY_UPLOAD_MAX_MB vaut 0 : indiquez une taille en mégaoctets "
          "d'au moins 1."),
    ("beaucoup", "Le réglage OBSERVATORY_UPLOAD_MAX_MB vaut « beaucoup » : un nombre entier "
                 "est attendu."),
])
def test_a_bad_limit_is_explained_on_the_import_page(demo_env, monkeypatch, server_limit, value,
                                                     message):
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", PASSWORD)
    config.set_option("server.maxUploadSize", 200)
    app = signed_in()
    monkeypatch.setenv("OBSERVATORY_UPLOAD_MAX_MB", value)
    app.run()
    assert not app.exception
    assert config.get_option("server.maxUploadSize") == 200
    assert not app.get("file_uploader")
    assert message in texts(app)
