"""Builds the one-folder bundle (packaging/build.sh) and runs packaging/smoke.sh against it.

`./dev test` sets LSP_BUNDLE_SMOKE=1 so this runs there; it is in the slower group, which
LSP_SKIP_SLOW=1 (or LSP_SKIP_BUNDLE=1) skips for quick local runs. A plain pytest run skips it too (it needs PyInstaller and ~1 minute).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tail(run: subprocess.CompletedProcess, lines: int = 60) -> str:
    return "\n".join((run.stdout + run.stderr).splitlines()[-lines:])


@pytest.mark.slow
def test_bundle_builds_and_passes_the_smoke_test(capsys):
    if os.environ.get("LSP_BUNDLE_SMOKE") != "1":
        pytest.skip("the bundle is built and smoke-tested by ./dev test "
                    "(or set LSP_BUNDLE_SMOKE=1 with PyInstaller installed)")
    env = dict(os.environ)
    env.setdefault("LSP_BUNDLE_PYTHON", sys.executable)
    build = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=3600)
    assert build.returncode == 0, "packaging/build.sh failed:\n" + _tail(build)
    smoke = subprocess.run(["bash", str(ROOT / "packaging" / "smoke.sh")], cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    assert smoke.returncode == 0, "packaging/smoke.sh failed:\n" + _tail(smoke)
    with capsys.disabled():  # the figures a reader of the test log wants to see
        built = [line for line in build.stdout.splitlines() if line.startswith("build.sh:")]
        print("\n" + "\n".join(built[-1:] + smoke.stdout.splitlines()))
