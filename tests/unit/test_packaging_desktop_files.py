"""The .desktop file, AppStream metainfo and MIME type validate and agree with each other."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lsp_desktop import FILE_SUFFIX
from lsp_desktop.app import DESKTOP_ID

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
DESKTOP = RESOURCES / f"{DESKTOP_ID}.desktop"
METAINFO = RESOURCES / f"{DESKTOP_ID}.metainfo.xml"
MIME = RESOURCES / "lsp-desktop-mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed here (./dev test installs it)")
    return path


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def mime_type() -> str:
    return ET.parse(MIME).getroot().find(f"{MIME_NS}mime-type").get("type")


def test_desktop_file_validates():
    run = subprocess.run([tool("desktop-file-validate"), str(DESKTOP)],
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == "", run.stdout + run.stderr


def test_metainfo_validates():
    run = subprocess.run([tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "E:" not in run.stdout and "W:" not in run.stdout, run.stdout


def test_mime_database_learns_the_partnership_extension(tmp_path):
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / "lsp-desktop.xml")
    run = subprocess.run([tool("update-mime-database"), str(tmp_path / "mime")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    globs = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert f"60:{mime_type()}:*{FILE_SUFFIX}" in globs


def test_double_click_opens_the_file_with_the_program():
    entry = desktop_entry()
    assert entry["Exec"].split() == ["lsp-desktop", "%f"]
    assert entry["MimeType"].rstrip(";").split(";") == [mime_type()]
    assert entry["Icon"] == "lsp-desktop"
    globs = [g.get("pattern") for g in ET.parse(MIME).getroot().iter(f"{MIME_NS}glob")]
    assert globs == [f"*{FILE_SUFFIX}"]


def test_metainfo_names_the_desktop_file_and_file_type():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/mediatype") == mime_type()
    assert root.findtext("provides/binary") == "lsp-desktop"
    import lsp_desktop

    assert root.find("releases/release").get("version") == lsp_desktop.__version__
