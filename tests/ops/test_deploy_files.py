"""The deployment files that cannot run here (no Docker engine, no systemd as PID 1) are checked as far as the
machine allows: systemd's own verifier on the units, the image's and compose's structure, the entry point's roles."""

import os
import re
import shutil
import subprocess

import pytest
import yaml

from .processes import BIN, REPO, development_env

DEPLOY = REPO / "deploy"
ROLES = {"init", "web", "worker", "backup", "restore", "manage"}


def test_systemd_units_and_timers_pass_systemds_verifier(tmp_path):
    if shutil.which("systemd-analyze") is None:
        if os.environ.get("INNOPART_REQUIRE_OPS") == "1":
            pytest.fail("systemd-analyze is needed to check the units")
        pytest.skip("systemd-analyze is not installed")
    units = sorted((DEPLOY / "systemd").iterdir())
    assert {u.name for u in units} >= {"innopart-web.service", "innopart-worker.service", "innopart-backup.timer"}
    for unit in units:
        # The units name the documented install path; point them at this checkout's command for the verifier.
        text = unit.read_text().replace("/opt/innopart/venv/bin/innopart", str(BIN / "innopart"))
        (tmp_path / unit.name).write_text(text)
    done = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / u.name) for u in units)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Unknown" not in done.stderr, done.stderr
    for timer in (u for u in units if u.suffix == ".timer"):
        assert (DEPLOY / "systemd" / timer.name.replace(".timer", ".service")).exists()


def test_compose_runs_migrate_once_then_web_and_worker_from_one_image():
    compose = yaml.safe_load((REPO / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "migrate", "web", "worker"}
    assert services["migrate"]["command"] == ["init"] and services["migrate"]["restart"] == "no"
    for name in ("web", "worker"):
        assert services[name]["command"] == [name]
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["image"] == services["migrate"]["image"]
    assert services["worker"]["stop_grace_period"] == "10m"  # a running task may finish


def test_image_is_multi_stage_non_root_with_a_healthcheck():
    dockerfile = (REPO / "Dockerfile").read_text()
    stages = re.split(r"^FROM ", dockerfile, flags=re.M)[1:]
    assert len(stages) == 2
    final = stages[-1]
    assert "build-essential" not in final and "gcc" not in final
    assert re.search(r"^USER innopart$", final, flags=re.M)
    assert "HEALTHCHECK" in final and "/healthz" in final
    assert "COPY deploy/docker/entrypoint.sh" in final and (DEPLOY / "docker" / "entrypoint.sh").exists()
    assert "collectstatic" in stages[0]


def test_entrypoint_roles(tmp_path):
    script = str(DEPLOY / "docker" / "entrypoint.sh")
    text = (DEPLOY / "docker" / "entrypoint.sh").read_text()
    assert set(re.findall(r"^  (\w+)\)", text, flags=re.M)) >= ROLES
    unknown = subprocess.run([script, "dance"], capture_output=True, text=True, env=development_env(tmp_path / "v"))
    assert unknown.returncode == 64 and "unknown role 'dance'" in unknown.stderr
    manage = subprocess.run(
        [script, "manage", "check"], capture_output=True, text=True, env=development_env(tmp_path / "v"), timeout=120
    )
    assert manage.returncode == 0 and "no issues" in manage.stdout
