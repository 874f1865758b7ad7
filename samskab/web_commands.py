"""`samskab serve`: the web application on a folder of the user's own data."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path


def register(top: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `samskab serve` to the top-level commands."""
    serve = top.add_parser("serve", help="start the web application")
    serve.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="folder for the database, uploads and caches (default: ./data)",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler=run_serve)

    backup = top.add_parser(
        "backup", help="write the database, uploads and fact-base stores to one file"
    )
    _data_dir_argument(backup)
    backup.add_argument("--out", type=Path, required=True, help="the backup file (.tar.gz)")
    backup.set_defaults(handler=run_backup)

    restore = top.add_parser("restore", help="put a backup in place and migrate it")
    restore.add_argument("backup", type=Path, help="a file written by `samskab backup`")
    _data_dir_argument(restore)
    restore.add_argument(
        "--force", action="store_true", help="replace a database or data folder that holds data"
    )
    restore.set_defaults(handler=run_restore)


def _data_dir_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("SAMSKAB_DATA_DIR", "data")),
        help="the installation's data folder (default: $SAMSKAB_DATA_DIR, else ./data)",
    )


def setup_django(data_dir: Path, *, local_http: bool, migrate: bool = True) -> None:
    """Configure and start Django for a data folder; migrate its database unless told not to."""
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("DJANGO_SETTINGS_MODULE") or (
        "samskab.settings"
    )
    os.environ["SAMSKAB_DATA_DIR"] = str(data_dir.resolve())
    if local_http:
        # Served over plain http on this machine only: cookies cannot require https.
        os.environ.setdefault("SAMSKAB_HTTPS", "0")
    import django
    from django.core.management import call_command

    django.setup()
    if migrate:
        call_command("migrate", verbosity=0, interactive=False)


def serve(host: str, port: int, data_dir: Path) -> None:
    """Run the web server, with the workers of the background jobs beside it, until
    interrupted; the workers stop with it."""
    from django.core.management import call_command

    from samskab.worker_command import start_workers, stop_workers

    # Ctrl+C (SIGINT) stops the server and its workers even when the process began with SIGINT
    # ignored, as a shell starts a command it runs in the background (`samskab serve &`) and as
    # a parent that ignores it passes on: Python would leave it ignored, and nothing would stop.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # The workers' mails link to this server unless SAMSKAB_SITE_URL names another address.
    shown_host = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    os.environ.setdefault("SAMSKAB_SITE_URL", f"http://{shown_host}:{port}")
    workers = start_workers(data_dir)
    try:
        call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
    finally:
        stop_workers(workers)


def run_serve(args: argparse.Namespace) -> int:
    """Migrate the database in the data folder and serve the application."""
    setup_django(args.data_dir, local_http=args.host in {"127.0.0.1", "localhost"})
    print(f"samskab on http://{args.host}:{args.port}/  (Ctrl+C stops it)")
    serve(args.host, args.port, args.data_dir)
    return 0


def run_backup(args: argparse.Namespace) -> int:
    """Write a backup of the installation; say what it holds."""
    setup_django(args.data_dir, local_http=False, migrate=False)
    from samskab.backups import BackupError, make_backup

    try:
        manifest = make_backup(args.out)
    except BackupError as error:
        print(f"samskab: {error}", file=sys.stderr)
        return 2
    total = sum(f["bytes"] for f in manifest["files"].values())
    print(f"{args.out}: {manifest['database']} database and {len(manifest['files']) - 1} file(s), "
          f"{total:,} bytes before compression")  # fmt: skip
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Restore a backup into the installation, then migrate it."""
    setup_django(args.data_dir, local_http=False, migrate=False)
    from samskab.backups import BackupError, restore_backup

    try:
        manifest = restore_backup(args.backup, force=args.force)
    except BackupError as error:
        print(f"samskab: {error}", file=sys.stderr)
        return 2
    print(f"restored {args.backup} (samskab {manifest['samskab']}, made {manifest['made']})")
    return 0
