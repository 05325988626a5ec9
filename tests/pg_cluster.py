"""A throw-away PostgreSQL + PostGIS server for the tests: initdb in a temporary folder, pg_ctl on a
free local port, stopped and deleted at the end. Needs the Debian packages postgresql and
postgresql-postgis (``make test`` installs them); never skipped: a missing package is a failure
that says what to install.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

INSTALL_HINT = "install the Debian packages postgresql and postgresql-postgis (make test does)"


def _bindir():
    """The newest PostgreSQL server's bin folder (Debian keeps them in /usr/lib/postgresql/<version>/bin)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError(f"PostgreSQL's initdb was not found: {INSTALL_HINT}.")


def _has_postgis(bindir):
    share = subprocess.run(
        [str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True, check=False
    ).stdout.strip()
    candidates = [Path(share) / "extension"] if share else []
    candidates += [Path(p) for p in glob.glob(f"/usr/share/postgresql/{bindir.parent.name}/extension")]
    return any((c / "postgis.control").exists() for c in candidates)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """``start()`` a cluster, ``sql(...)`` in it, ``stop()`` and remove it. Root runs the server as
    the ``postgres`` system user (PostgreSQL refuses to run as root)."""

    user = "rp_test"

    def __init__(self):
        self.bindir = _bindir()
        if not _has_postgis(self.bindir):
            raise RuntimeError(f"PostGIS is not installed for PostgreSQL {self.bindir.parent.name}: {INSTALL_HINT}.")
        self.root = Path(tempfile.mkdtemp(prefix="rp_pg_"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.port = None
        self.as_user = None
        if os.geteuid() == 0:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError(f"Running as root needs the 'postgres' system user: {INSTALL_HINT}.") from None
            self.as_user = "postgres"
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.sock.mkdir()
        if self.as_user:
            pw = pwd.getpwnam(self.as_user)
            os.chown(self.sock, pw.pw_uid, pw.pw_gid)

    def _run(self, args, **kw):
        cmd = [str(a) for a in args]
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=str(self.root), **kw)

    def start(self, attempts=3):
        r = self._run(
            [
                self.bindir / "initdb",
                "-D",
                self.data,
                "-U",
                self.user,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        if r.returncode:
            raise RuntimeError(f"initdb failed: {r.stderr or r.stdout}")
        for _ in range(attempts):  # a port taken between the probe and the start: try another
            self.port = _free_port()
            opts = f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off"
            r = self._run(
                [
                    self.bindir / "pg_ctl",
                    "-D",
                    self.data,
                    "-o",
                    opts,
                    "-l",
                    self.root / "server.log",
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            )
            if r.returncode == 0:
                break
        else:
            log = (self.root / "server.log").read_text(errors="replace") if (self.root / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {r.stderr or r.stdout}\n{log[-2000:]}")
        deadline = time.time() + 30
        while time.time() < deadline:
            if self._run([self.bindir / "pg_isready", "-h", "127.0.0.1", "-p", self.port]).returncode == 0:
                return self
            time.sleep(0.2)
        raise RuntimeError("the PostgreSQL test server did not become ready")

    def sql(self, statement, db="postgres"):
        r = self._run(
            [
                self.bindir / "psql",
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                self.port,
                "-U",
                self.user,
                "-d",
                db,
                "-c",
                statement,
            ]
        )
        if r.returncode:
            raise RuntimeError(f"psql failed ({statement}): {r.stderr}")
        return r.stdout

    def create_database(self, name):
        self.sql(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
        self.sql("CREATE EXTENSION postgis", db=name)
        return name

    def ogr(self, db):
        """The GDAL connection string of database ``db``."""
        return f"PG:host=127.0.0.1 port={self.port} user={self.user} dbname={db}"

    def stop(self):
        try:
            if self.data.exists():
                self._run([self.bindir / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
