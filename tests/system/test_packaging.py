"""Packaging: the wheel works from site-packages, the desktop entry and metainfo validate, and
`make install-desktop` puts every file where a desktop looks for it.

The wheel is built without build isolation (setuptools and wheel are dev dependencies) and
installed with --no-deps into a fresh venv that sees this venv's site-packages through a .pth
file, so the test needs no network. The validators run when installed; under CI (CI set)
they must be there.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from reconcile_desktop import __version__
from tests.processes import CHILD_TIMEOUT, PASSPHRASE, REPO

APP_ID = "io.github.reconcile.Reconcile"
LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
# What the wheel is built from: everything pyproject.toml ships, and nothing else.
SOURCES = ("pyproject.toml", "README.md", "reconcile_desktop", "resources")


def tool(name: str) -> str:
    """The validator's path; a skip only when it is missing outside CI."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required under CI (see .ci/run)")
        pytest.skip(f"{name} is not installed (apt-get install desktop-file-utils appstream)")
    return path


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RECONCILE_", "PYTHON")) and k != "VIRTUAL_ENV"
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


# -- the wheel ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the tree, so no build/ or egg-info lands in the checkout."""
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, src / name)
    out = tmp_path_factory.mktemp("wheelhouse")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation"]
        + ["--no-index", "--quiet", "--wheel-dir", str(out)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        cwd=src,
        env=clean_env(),
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("reconcile_desktop-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; its dependencies come from this venv."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)],
        check=True,
        timeout=CHILD_TIMEOUT,
    )
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        env=clean_env(),
    ).stdout.strip()
    # A plain path line: this venv's .pth files (the editable install) are not processed.
    Path(site, "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
        + ["--no-index", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        env=clean_env(),
    )
    assert result.returncode == 0, result.stderr
    return venv


def test_wheel_carries_the_resources_and_the_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "reconcile_desktop/resources/__init__.py",
        "reconcile_desktop/resources/prompts/prompts.json",
        "reconcile_desktop/resources/prompts/worksheet.json",
        "reconcile_desktop/resources/support/lines.json",
        "reconcile_desktop/resources/icons/reconcile.svg",
        "reconcile_desktop/core/storage/migrations/script.py.mako",
        "reconcile_desktop/core/storage/migrations/versions/0001_initial_schema.py",
        "reconcile_desktop/selftest.py",
    ):
        assert needed in names
    assert not [n for n in names if n.startswith(("tests/", "packaging/"))]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "reconcile = reconcile_desktop.cli:main" in text


@pytest.mark.slow
def test_installed_wheel_runs_from_site_packages(installed, tmp_path):
    python = installed / "bin" / "python"
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import reconcile_desktop, reconcile_desktop.paths as p; "
            "print(reconcile_desktop.__file__); print(p.resources_dir())",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the checkout, so the source tree cannot be imported by accident
        env=clean_env(),
        timeout=CHILD_TIMEOUT,
    )
    assert where.returncode == 0, where.stderr
    module, resources = (Path(line) for line in where.stdout.splitlines())
    assert module.is_relative_to(installed)
    assert resources.is_relative_to(installed) and (resources / "prompts/prompts.json").is_file()

    reconcile = str(installed / "bin" / "reconcile")
    data = tmp_path / "data"
    env = clean_env(RECONCILE_PASSPHRASE=PASSPHRASE, RECONCILE_DATA_DIR=str(data))

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [reconcile, *args],
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=CHILD_TIMEOUT,
        )

    version = run("--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"reconcile {__version__}")
    assert run("init").returncode == 0
    added = run("add", "--title", "Harbour", stdin="Watched the ferries come in at dusk.\n")
    assert added.returncode == 0, added.stderr
    found = run("search", "ferries")
    assert found.returncode == 0, found.stderr
    assert "Harbour" in found.stdout
    assert "Harbour" not in run("search", "mountains").stdout


@pytest.mark.slow
def test_installed_wheel_passes_the_self_test(installed, tmp_path):
    """The same smoke test make dist-check runs on the bundle: vault, chart, window."""
    result = subprocess.run(
        [str(installed / "bin" / "reconcile"), "--self-test", str(tmp_path / "self-test")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=CHILD_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(" ok: ") == 4, result.stdout
    assert str(installed) in result.stdout  # the resources came from the new venv


def test_self_test_refuses_a_folder_that_is_not_empty(tmp_path):
    from reconcile_desktop import selftest

    (tmp_path / "something.txt").write_text("keep me")
    assert selftest.run(tmp_path) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["something.txt"]


# -- desktop entry and AppStream metainfo --------------------------------------------------------


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def test_desktop_file_validates():
    result = subprocess.run(
        [tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout + result.stderr


def test_metainfo_validates():
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_id_names_the_desktop_file_metainfo_and_icon():
    entry = desktop_entry(DESKTOP)
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "reconcile"
    assert entry["Categories"] == "Office;"  # one main category: listed once in menus
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("provides/binary") == "reconcile"


def test_metainfo_newest_release_is_this_version():
    root = ET.parse(METAINFO).getroot()
    newest = root.find("releases/release")
    assert newest is not None and newest.get("version") == __version__


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_install_desktop_into_a_prefix_and_uninstall(tmp_path):
    venv = Path(sys.executable).parent.parent
    make = [
        "make",
        "--no-print-directory",
        "-o",
        f"{venv}/.installed",  # never reinstall the venv from here
        f"VENV={venv}",
        f"PREFIX={tmp_path / 'prefix'}",
        f"ICON_BUILD={tmp_path / 'icons'}",
        "EXEC=/opt/Reconcile App/reconcile",
    ]
    result = subprocess.run(
        [*make, "install-desktop"], cwd=REPO, capture_output=True, text=True, env=clean_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr

    share = tmp_path / "prefix" / "share"
    for size in ICON_SIZES:
        assert png_size(share / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png") == (size, size)
    svg = share / f"icons/hicolor/scalable/apps/{APP_ID}.svg"
    assert svg.read_bytes() == (REPO / "resources/icons/reconcile.svg").read_bytes()
    assert (share / f"metainfo/{APP_ID}.metainfo.xml").read_bytes() == METAINFO.read_bytes()
    installed = share / f"applications/{APP_ID}.desktop"
    entry = desktop_entry(installed)
    assert entry["Exec"] == '"/opt/Reconcile App/reconcile"'  # quoted: the path has a space
    assert entry["Icon"] == APP_ID
    if shutil.which("desktop-file-validate") or os.environ.get("CI"):
        check = subprocess.run(
            [tool("desktop-file-validate"), str(installed)], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stdout + check.stderr

    result = subprocess.run(
        [*make, "uninstall-desktop"], cwd=REPO, capture_output=True, text=True, env=clean_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p for p in share.rglob("*") if p.is_file()) == []


def test_the_window_names_the_installed_desktop_file():
    from reconcile_desktop.ui.shell.app import DESKTOP_ID

    assert DESKTOP_ID == APP_ID and DESKTOP.is_file()
