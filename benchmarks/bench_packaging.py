"""Bundle figures: build time (cold and up-to-date), size, and start-up time bundle vs venv.

Run: python benchmarks/bench_packaging.py [--cold]   (needs PyInstaller in this Python)
Prints medians; never passes or fails.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "lsp-desktop"
RUNS = 5


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def startup(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds from process start to a painted window, as the program itself reports them."""
    out = subprocess.run(cmd + ["--quit-after-startup"], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    env = dict(os.environ, LSP_BUNDLE_PYTHON=sys.executable, QT_QPA_PLATFORM="offscreen")
    if "--cold" in sys.argv:
        shutil.rmtree(ROOT / "build" / "pyinstaller", ignore_errors=True)
        print(f"build, cold (no PyInstaller cache): "
              f"{timed(['bash', 'packaging/build.sh'], dict(env, LSP_BUNDLE_FORCE='1')):.1f} s")
    else:
        print(f"build, forced rebuild with cache: "
              f"{timed(['bash', 'packaging/build.sh'], dict(env, LSP_BUNDLE_FORCE='1')):.1f} s")
    print(f"build, up to date: {timed(['bash', 'packaging/build.sh'], env):.2f} s")
    size = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle size: {size / 1e6:.0f} MB ({size / 2**20:.0f} MiB)")
    with tempfile.TemporaryDirectory() as tmp:
        clean = {"HOME": tmp, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                 "LSP_DESKTOP_DATA_DIR": tmp, "XDG_CONFIG_HOME": tmp,
                 "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run([str(DIST / "lsp-desktop"), "demo"], env=clean, check=True,
                       capture_output=True)
        bundle = [startup([str(DIST / "lsp-desktop")], clean) for _ in range(RUNS)]
        venv_env = dict(clean, PYTHONPATH=str(ROOT))
        venv = [startup([sys.executable, "-m", "lsp_desktop"], venv_env) for _ in range(RUNS)]
    print(f"start-up to painted window, bundle: {statistics.median(bundle):.3f} s "
          f"(median of {RUNS})")
    print(f"start-up to painted window, python -m lsp_desktop: {statistics.median(venv):.3f} s "
          f"(median of {RUNS})")


if __name__ == "__main__":
    main()
