"""A fresh clone has no var/: every process creates the directories it writes to, or names the one it cannot."""

from .processes import development_env, innopart


def test_missing_directories_are_created_on_start(tmp_path):
    var = tmp_path / "fresh" / "var"
    done = innopart("migrate", "--noinput", env=development_env(var))
    assert "Applying core.0001_initial... OK" in done.stdout
    assert (var / "innopart.sqlite3").is_file()
    assert (var / "uploads").is_dir()


def test_a_directory_that_cannot_be_created_is_named(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    var = blocker / "var"
    done = innopart("check", env=development_env(var), check=False)
    assert done.returncode != 0
    assert f"Innopart cannot create the directory {var}" in done.stderr
    assert "INNOPART_VAR_DIR" in done.stderr
    assert "Traceback" not in done.stderr
