"""`samskab serve`: the web application on a folder of the user's own data."""

from __future__ import annotations

import argparse
import os
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


def setup_django(data_dir: Path, *, local_http: bool) -> None:
    """Configure and start Django for a data folder; migrate its database."""
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("DJANGO_SETTINGS_MODULE") or (
        "samskab.settings"
    )
    os.environ["SAMSKAB_DATA_DIR"] = str(data_dir.resolve())
    if local_http:
        # Served over plain http on this machine only: cookies cannot require https.
        os.environ.setdefault("SAMSKAB_SECURE_COOKIES", "0")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def serve(host: str, port: int) -> None:
    """Run the web server until interrupted."""
    from django.core.management import call_command

    call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)


def run_serve(args: argparse.Namespace) -> int:
    """Migrate the database in the data folder and serve the application."""
    setup_django(args.data_dir, local_http=args.host in {"127.0.0.1", "localhost"})
    print(f"samskab on http://{args.host}:{args.port}/  (Ctrl+C stops it)")
    serve(args.host, args.port)
    return 0
