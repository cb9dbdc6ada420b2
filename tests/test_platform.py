"""What the platforms' buildpacks read (Scalingo, Heroku): the dependency file, the Python version, the Procfile."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from conftest import PROJECT


def test_requirements_txt_is_generated_from_pyproject_and_up_to_date() -> None:
    done = subprocess.run([sys.executable, "scripts/requirements.py", "--check"], cwd=PROJECT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    listed = [line for line in (PROJECT / "requirements.txt").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert any(line.startswith("asyncpg") for line in listed)  # the PostgreSQL driver the platforms need


def test_the_pinned_python_version_is_one_the_project_supports() -> None:
    pinned = (PROJECT / ".python-version").read_text(encoding="utf-8").strip()
    minimum = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert minimum.startswith(">=")
    assert tuple(int(p) for p in pinned.split(".")[:2]) >= tuple(int(p) for p in minimum[2:].split(".")[:2])


def test_the_procfile_migrates_at_release_and_runs_the_webhook_as_web() -> None:
    lines = dict(line.split(":", 1) for line in (PROJECT / "Procfile").read_text(encoding="utf-8").splitlines()
                 if line.strip())
    assert lines["release"].strip() == "python -m bot db migrate"
    assert lines["web"].strip() == "python -m bot webhook"
    assert lines["worker"].strip() == "python -m bot run"
