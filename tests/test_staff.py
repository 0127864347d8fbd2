"""Staff access: hashed password, constant-time check, access modes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from observatory import cli, staff
from observatory.errors import ConfigurationError
from tests.conftest import PROJECT_ROOT


def test_hash_then_verify_accepts_only_the_same_password():
    stored = staff.hash_password("correct horse battery", salt=b"\x00" * 16)
    assert stored.startswith("scrypt$" + "00" * 16 + "$")
    assert staff.verify_password("correct horse battery", stored)
    assert not staff.verify_password("correct horse batterY", stored)


def test_malformed_hash_is_a_french_configuration_error():
    with pytest.raises(ConfigurationError, match="mal formé"):
        staff.verify_password("x", "not-a-hash")


def test_access_mode_follows_the_settings(monkeypatch):
    monkeypatch.delenv("OBSERVATORY_STAFF_PASSWORD_HASH", raising=False)
    monkeypatch.delenv("OBSERVATORY_STAFF_PASSWORD", raising=False)
    monkeypatch.setattr(staff, "oidc_configured", lambda: False)
    assert staff.access_mode() == "none"
    monkeypatch.setenv("OBSERVATORY_STAFF_PASSWORD", "a long password")
    assert staff.access_mode() == "password"
    assert staff.verify_password("a long password", staff.stored_password_hash())


def test_hash_password_command_reads_stdin():
    result = subprocess.run(
        [sys.executable, "-m", "observatory", "hash-password"], input="un mot de passe sûr\n",
        capture_output=True, text=True, cwd=PROJECT_ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert staff.verify_password("un mot de passe sûr", result.stdout.strip())


def test_only_the_import_page_has_an_upload_control_and_only_after_sign_in():
    sources = {path.relative_to(PROJECT_ROOT).as_posix(): path.read_text("utf-8")
               for folder in ("pages", "observatory") for path in (PROJECT_ROOT / folder).rglob("*.py")}
    sources["dashboard.py"] = (PROJECT_ROOT / "dashboard.py").read_text("utf-8")
    assert [name for name, text in sources.items() if "file_uploader" in text] == [
        "observatory/ui/import_workflow.py"]
    assert [name for name, text in sources.items() if "import_workflow" in text] == ["pages/import.py"]
    page = sources["pages/import.py"]
    assert page.index("user = staff_user(") < page.index("if user:") < page.rindex("upload_panel")


@pytest.mark.parametrize(("command", "message"), [
    (["import", "observations", "absent.csv", "--dry-run", "--user", "x" * 81],
     "argument --user : le nom compte 81 caractères, 80 au plus"),
    (["rollback", "1", "--user", " \t "], "argument --user : le nom ne peut pas être vide"),
    (["geo", "import", "absent.geojson", "--level", "commune", "--user", "é" * 200],
     "argument --user : le nom compte 200 caractères, 80 au plus"),
])
def test_cli_user_names_are_checked_like_the_sign_in(tmp_db, capsys, command, message):
    # In this process: `python -m observatory` runs `cli.main` (test_hash_password_command_reads_stdin).
    with pytest.raises(SystemExit) as refused:  # argparse's usage error, never a traceback
        cli.main(command)
    assert refused.value.code == 2
    assert message in capsys.readouterr().err
    assert not tmp_db.exists()


def test_user_names_are_recorded_with_their_spaces_collapsed():
    assert staff.clean_user_name("  Camille \t Le  Goff ") == "Camille Le Goff"
