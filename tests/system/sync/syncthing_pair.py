"""Two real Syncthing daemons sharing one folder, for the sync tests (see SYNC-NOTES).

Both daemons run inside one network namespace of their own that holds only `lo`, so no byte
can leave the machine even if a setting were missed; their config.xml also turns off every
announcement, relay, NAT, usage report and upgrade. The test process reaches their REST API
from one worker thread that has entered that namespace (setns), so no helper process is
needed per request.

    with syncthing_pair(tmp_path) as pair:
        (pair.folder_a / "x").write_text("hello")
        pair.wait_in_sync()
        pair.link_down()   # each daemon pauses the other: edits on both sides now diverge
        pair.link_up()

Waits poll the REST API (the daemons are another process) and are always bounded. Both
daemons and the namespace are stopped on the way out, whatever happened.
"""

from __future__ import annotations

import contextlib
import copy
import ctypes
import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

FOLDER_ID = "reconcile"
CLONE_NEWNET = 0x40000000
# Fixed ports are safe: the namespace is new and holds nothing else.
PORTS = {"a": (22001, 8385), "b": (22002, 8386)}
START_TIMEOUT = 60.0
SYNC_TIMEOUT = 60.0
POLL_S = 0.05
# SYNC-NOTES' settings: nothing announced, relayed, mapped, reported or upgraded.
OPTIONS = {
    "globalAnnounceEnabled": "false",
    "localAnnounceEnabled": "false",
    "relaysEnabled": "false",
    "natEnabled": "false",
    "crashReportingEnabled": "false",
    "startBrowser": "false",
    "announceLANAddresses": "false",
    "urAccepted": "-1",
    "autoUpgradeIntervalH": "0",
    # Not in SYNC-NOTES: a daemon that dials its peer before the peer listens tries again
    # after this; the default is a minute.
    "reconnectionIntervalS": "1",
}


def why_not_available() -> str | None:
    """The reason the real-daemon tests cannot run here, or None."""
    if shutil.which("syncthing") is None:
        return "syncthing is not installed (.ci/run installs Debian's package as root)"
    for tool in ("unshare", "nsenter", "ip"):
        if shutil.which(tool) is None:
            return f"{tool} is missing, so the daemons cannot get a network of their own"
    try:
        probe = subprocess.run(
            ["unshare", "-n", "true"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`unshare -n true` could not run ({exc})"
    if probe.returncode != 0:
        return f"`unshare -n true` failed here ({probe.stderr.strip() or probe.returncode})"
    return None


def wait_until(predicate: Callable[[], Any], timeout: float, what: str) -> Any:
    """Poll `predicate` until it returns something truthy; TimeoutError naming `what` after
    `timeout` seconds (with the last value it saw, to tell what was missing)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}; last seen: {value!r}")
        time.sleep(POLL_S)


class _Namespace:
    """A network namespace with only `lo`, kept alive by one `sleep` process."""

    def __init__(self) -> None:
        setup = "ip link set lo up && echo ready && exec sleep infinity"
        self.holder = subprocess.Popen(
            [*_dies_with_us("KILL"), "unshare", "-n", "sh", "-c", setup],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
        )
        # The holder says "ready" once lo is up; it exits (EOF) if anything failed.
        ready = self.holder.stdout.readline().strip()
        if ready != "ready":
            self.close()
            raise RuntimeError("the test's network namespace could not be set up")
        self.path = f"/proc/{self.holder.pid}/ns/net"
        self._lane = ThreadPoolExecutor(max_workers=1, initializer=self._enter)

    def _enter(self) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(self.path, os.O_RDONLY)
        try:
            if libc.setns(fd, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns into the test namespace failed")
        finally:
            os.close(fd)

    def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Call fn on the thread that lives in the namespace (its sockets are made there)."""
        return self._lane.submit(fn, *args).result()

    def command(self, *argv: str) -> list[str]:
        return [*_dies_with_us("TERM"), "nsenter", f"--net={self.path}", "--", *argv]

    def members(self) -> list[int]:
        """Every process in this namespace but the holder: what the test started there."""
        try:
            ours = os.readlink(self.path)
        except OSError:
            return []
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in (os.getpid(), self.holder.pid):
                continue
            with contextlib.suppress(OSError):
                if os.readlink(entry / "ns/net") == ours:
                    found.append(int(entry.name))
        return found

    def close(self) -> None:
        if hasattr(self, "_lane"):
            self._lane.shutdown(wait=True)
        # Syncthing's monitor starts the real daemon as its child; if the monitor had to be
        # killed, that child would be left behind without this.
        for pid in self.members() if self.holder.poll() is None else []:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if self.holder.poll() is None:
            self.holder.kill()
        self.holder.wait(timeout=30)
        self.holder.stdout.close()


@dataclass
class Daemon:
    name: str
    home: Path
    folder: Path
    listen_port: int
    gui_port: int
    api_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    device_id: str = ""
    process: subprocess.Popen | None = None

    def generate(self) -> None:
        subprocess.run(
            [
                "syncthing",
                "generate",
                f"--home={self.home}",
                "--no-default-folder",
                "--skip-port-probing",
            ],
            env=_daemon_env(self.home),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=True,
            timeout=60,
        )
        root = ET.parse(self.config_path).getroot()
        self.device_id = root.find("device").get("id")

    @property
    def config_path(self) -> Path:
        return self.home / "config.xml"

    def configure(self, peer: Daemon) -> None:
        """Loopback only, nothing announced or reported, the peer known, one shared folder."""
        tree = ET.parse(self.config_path)
        root = tree.getroot()
        options = root.find("options")
        for name, value in OPTIONS.items():
            _child(options, name).text = value
        for old in options.findall("listenAddress"):
            options.remove(old)
        ET.SubElement(options, "listenAddress").text = f"tcp://127.0.0.1:{self.listen_port}"
        gui = root.find("gui")
        _child(gui, "address").text = f"127.0.0.1:{self.gui_port}"
        _child(gui, "apikey").text = self.api_key

        own = root.find("device")
        own.set("name", self.name)
        other = copy.deepcopy(own)
        other.set("id", peer.device_id)
        other.set("name", peer.name)
        _child(other, "address").text = f"tcp://127.0.0.1:{peer.listen_port}"
        root.insert(list(root).index(own) + 1, other)

        # The defaults' folder carries every setting a folder needs (markers, conflict copies).
        folder = copy.deepcopy(root.find("defaults/folder"))
        folder.attrib.update(
            id=FOLDER_ID,
            label=FOLDER_ID,
            path=str(self.folder),
            type="sendreceive",
            fsWatcherEnabled="true",
            fsWatcherDelayS="1",
        )
        for device in folder.findall("device"):
            folder.remove(device)
        for position, device_id in enumerate((self.device_id, peer.device_id)):
            device = ET.Element("device", id=device_id, introducedBy="")
            ET.SubElement(device, "encryptionPassword")
            folder.insert(position, device)
        root.insert(0, folder)
        tree.write(self.config_path)
        (self.folder / ".stfolder").mkdir(parents=True, exist_ok=True)

    def start(self, namespace: _Namespace) -> None:
        log = (self.home / "syncthing.log").open("wb")
        with log:
            self.process = subprocess.Popen(
                namespace.command(
                    "syncthing",
                    "serve",
                    f"--home={self.home}",
                    "--no-browser",
                    "--no-restart",
                    "--no-upgrade",
                ),
                env=_daemon_env(self.home),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process.wait(timeout=15)

    def log_tail(self, lines: int = 20) -> str:
        path = self.home / "syncthing.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    # -- REST (call only on the namespace's thread, through SyncthingPair._rest) -------------

    def rest(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            data=data,
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
        return json.loads(text) if text.strip() else None


def tree(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder by relative path, without Syncthing's own files
    (its folder marker, and the temporary files of a transfer under way)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(p.startswith((".st", ".syncthing.")) for p in relative.parts):
            found[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _dies_with_us(signal_name: str) -> list[str]:
    """A prefix that sends the command `signal_name` if this test process dies first (even by
    SIGKILL, when no finally runs). Syncthing's monitor stops its daemon on SIGTERM."""
    return ["setpriv", "--pdeathsig", signal_name] if shutil.which("setpriv") else []


def _child(parent: ET.Element, tag: str) -> ET.Element:
    found = parent.find(tag)
    return found if found is not None else ET.SubElement(parent, tag)


def _daemon_env(home: Path) -> dict[str, str]:
    # A clean environment: HOME inside the test, no upgrade checks, nothing inherited.
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "STNOUPGRADE": "1",
        "STNODEFAULTFOLDER": "1",
    }


class SyncthingPair:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.a = Daemon("A", root / "home-a", root / "folder-a", *PORTS["a"])
        self.b = Daemon("B", root / "home-b", root / "folder-b", *PORTS["b"])
        self.namespace: _Namespace | None = None
        self.timings: dict[str, float] = {}

    @property
    def folder_a(self) -> Path:
        return self.a.folder

    @property
    def folder_b(self) -> Path:
        return self.b.folder

    def _rest(self, daemon: Daemon, method: str, path: str, body: Any = None) -> Any:
        return self.namespace.run(daemon.rest, method, path, body)

    def _answers(self, daemon: Daemon) -> bool:
        if daemon.process.poll() is not None:
            raise RuntimeError(f"syncthing {daemon.name} stopped:\n{daemon.log_tail()}")
        try:
            return self._rest(daemon, "GET", "/rest/system/ping") == {"ping": "pong"}
        except (urllib.error.URLError, ConnectionError, OSError):
            return False

    def _connected(self, daemon: Daemon, peer: Daemon) -> bool:
        connections = self._rest(daemon, "GET", "/rest/system/connections")["connections"]
        return bool(connections.get(peer.device_id, {}).get("connected"))

    def start(self) -> None:
        began = time.monotonic()
        for daemon in (self.a, self.b):
            daemon.home.mkdir(parents=True)
            daemon.folder.mkdir(parents=True, exist_ok=True)
            daemon.generate()
        self.a.configure(self.b)
        self.b.configure(self.a)
        self.namespace = _Namespace()
        for daemon in (self.a, self.b):
            daemon.start(self.namespace)
        for daemon in (self.a, self.b):
            wait_until(lambda d=daemon: self._answers(d), START_TIMEOUT, f"{daemon.name}'s API")
        self._wait_connected()
        self.timings["start_s"] = time.monotonic() - began

    def stop(self) -> None:
        with contextlib.ExitStack() as stack:
            if self.namespace is not None:
                stack.callback(self.namespace.close)
            for daemon in (self.a, self.b):
                stack.callback(daemon.stop)

    # -- what the tests use -------------------------------------------------------------------

    def _wait_connected(self) -> None:
        def connected() -> bool:
            return self._connected(self.a, self.b) and self._connected(self.b, self.a)

        wait_until(connected, START_TIMEOUT, "the daemons to connect")

    def link_down(self) -> None:
        """From now on each folder changes on its own, as if the computers were apart: A's
        side of the shared folder is paused (nothing scanned, sent or taken).

        Why not pause the device: measured here, Syncthing 1.19 then takes 0.05 s to 23 s to
        reconnect (its dialer's back-off and a 20 s hello timeout); a paused folder resumes
        in well under a second, every time, over a connection that never dropped."""
        self._set_paused(self.a, True)

    def link_up(self) -> None:
        self._set_paused(self.a, False)

    @contextlib.contextmanager
    def folder_held(self, side: str) -> Iterator[Path]:
        """Pause the shared folder on one side: what the test puts in it meanwhile (and takes
        out again before the block ends) is never scanned, so never sent."""
        daemon = self.a if side == "a" else self.b
        self._set_paused(daemon, True)
        try:
            yield daemon.folder
        finally:
            self._set_paused(daemon, False)

    def _set_paused(self, daemon: Daemon, paused: bool) -> None:
        self._rest(daemon, "PATCH", f"/rest/config/folders/{FOLDER_ID}", {"paused": paused})

        def settled() -> bool:
            # A paused folder reports an empty state (and zero counts).
            return (self._folder_status(daemon).get("state") in ("", "paused")) is paused

        wait_until(settled, SYNC_TIMEOUT, f"{daemon.name}'s folder to be paused={paused}")

    def _folder_status(self, daemon: Daemon) -> dict[str, Any]:
        return self._rest(daemon, "GET", f"/rest/db/status?folder={FOLDER_ID}")

    def _side_done(self, daemon: Daemon, peer: Daemon) -> dict[str, Any] | None:
        status = self._folder_status(daemon)
        completion = self._rest(
            daemon, "GET", f"/rest/db/completion?folder={FOLDER_ID}&device={peer.device_id}"
        )
        done = (
            status.get("state") == "idle"
            and status.get("needTotalItems") == 0
            and status.get("inSyncFiles") == status.get("globalFiles")
            and completion.get("completion") == 100
            and completion.get("needItems") == 0
            and completion.get("needDeletes") == 0
        )
        return status if done else None

    def wait_in_sync(self, timeout: float = SYNC_TIMEOUT) -> float:
        """Wait until both folders hold the same files, byte for byte, and each daemon is
        idle, needs nothing and sees the other as complete. Returns the seconds it took.

        The bytes are compared because the daemons' own view lags: right after a folder
        resumes, both report "complete" on indexes they have not exchanged yet."""
        began = time.monotonic()
        for daemon in (self.a, self.b):
            # Scan now rather than after the watcher's delay; a folder still starting refuses,
            # and then its own first scan does the same.
            with contextlib.suppress(urllib.error.HTTPError):
                self._rest(daemon, "POST", f"/rest/db/scan?folder={FOLDER_ID}")

        def both_done() -> bool:
            if self._side_done(self.a, self.b) is None or self._side_done(self.b, self.a) is None:
                return False
            return tree(self.folder_a) == tree(self.folder_b)

        try:
            wait_until(both_done, timeout, "both folders to be in sync")
        except TimeoutError as exc:
            raise TimeoutError(f"{exc}\nA:\n{self.a.log_tail()}\nB:\n{self.b.log_tail()}") from None
        return time.monotonic() - began

    def conflict_files(self) -> list[Path]:
        """Syncthing's own conflict copies: Reconcile's files must never cause one."""
        return sorted(
            p for f in (self.folder_a, self.folder_b) for p in f.rglob("*.sync-conflict-*")
        )


@contextlib.contextmanager
def syncthing_pair(root: Path) -> Iterator[SyncthingPair]:
    """Two connected daemons sharing root/folder-a and root/folder-b; skips the test (with
    the reason) where they cannot run. Always stops both daemons and the namespace."""
    reason = why_not_available()
    if reason:
        pytest.skip(reason)
    pair = SyncthingPair(root)
    try:
        pair.start()
        yield pair
    finally:
        pair.stop()
