import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def example_env() -> dict[str, str]:
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key] = value
    return values


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without_required_values(missing):
    env = example_env()
    env.pop(missing)
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "Production settings need these environment variables" in result.stderr
    assert missing in result.stderr


def test_production_settings_pass_the_deployment_check_with_the_example_values():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=example_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_every_environment_variable_read_is_documented():
    documented = set(example_env())
    settings_text = "".join(
        p.read_text() for p in (ROOT / "config" / "settings").glob("*.py")
    )
    import re

    used = set(re.findall(r'env(?:_bool|_list)?\("([A-Z0-9_]+)"', settings_text))
    used -= {"TEST_MEDIA_ROOT"}  # the suite's own
    assert used <= documented, used - documented
