"""What `pip install .` (the README's production path and the image's build stage) installs is the whole product.

The suite otherwise runs from the editable checkout, where every template and data file is on disk whatever the
packaging says; a wheel that left out the apps' templates would pass every other test and answer 500 in production.
"""

import shutil
import subprocess
import sys
import zipfile

from .processes import REPO, development_env

PAGES = ["/", "/accounts/login/", "/calls/", "/observatory/data/", "/observatory/map/"]

SERVE = """
import sys
import innopart
assert innopart.__file__.startswith(sys.argv[1]), innopart.__file__
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
client = Client()
for page in sys.argv[2:]:
    answer = client.get(page)
    print(page, answer.status_code)
"""


def _tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "src/innopart"], cwd=REPO, capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout.strip():
        return [line[len("src/") :] for line in listed.stdout.split()]
    return [  # an export without .git: what is on disk
        str(path.relative_to(REPO / "src"))
        for path in (REPO / "src" / "innopart").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]


def test_the_wheel_holds_every_file_and_serves_pages_from_a_plain_install(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)], check=True)
    (wheel,) = wheels.glob("innopart-*.whl")

    packed = set(zipfile.ZipFile(wheel).namelist())
    left_out = [name for name in _tracked_files() if name not in packed]
    assert left_out == [], f"the wheel leaves out {len(left_out)} files, e.g. {left_out[:5]}"

    installed = tmp_path / "installed"
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "--target", str(installed), str(wheel)], check=True)
    env = development_env(tmp_path / "var")
    env["PYTHONPATH"] = str(installed)  # the installed copy, not the checkout
    served = subprocess.run(
        [sys.executable, "-c", SERVE, str(installed), *PAGES],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert served.returncode == 0, served.stderr[-3000:]
    assert served.stdout.split("\n")[: len(PAGES)] == [f"{page} 200" for page in PAGES], served.stdout
