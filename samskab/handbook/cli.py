"""`samskab report`: a project's handbook as PDF (and HTML, and its tables as open data), in
Danish or English."""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path


def register(top: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `samskab report` to the top-level commands."""
    report = top.add_parser("report", help="write a project's handbook as PDF (and HTML)")
    report.add_argument(
        "--data-dir",
        type=Path,
        default=Path("data"),
        help="folder with the web application's database (default: ./data)",
    )
    report.add_argument("--project", type=int, required=True, help="the project's number (id)")
    report.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    report.add_argument("--html", type=Path, help="also write the handbook as one HTML file")
    report.add_argument(
        "--data",
        type=Path,
        help="also write the aggregates behind every table as CSV with a datapackage.json (zip)",
    )
    report.add_argument("--lang", choices=("da", "en"), default="da", help="default: da")
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Write the project's handbook; exit 2 when there is no such project."""
    from samskab.web_commands import setup_django

    # The command makes one document and exits. What the imports and Django's start put in
    # memory lives until then: the garbage collector does not walk it again and again.
    gc.disable()
    try:
        setup_django(args.data_dir, local_http=False)
        from samskab.handbook.document import handbook_html, handbook_pdf
        from samskab.projects.models import Project
    finally:
        gc.freeze()
        gc.enable()

    project = Project.objects.select_related("municipality").filter(pk=args.project).first()
    if project is None:
        print(f"samskab: no project {args.project} in {args.data_dir}", file=sys.stderr)
        return 2
    html = handbook_html(project, args.lang)
    if args.html:
        args.html.write_text(html, encoding="utf-8")
    # Likewise what the tables and charts left in memory, while the PDF is laid out.
    gc.collect()
    gc.freeze()
    args.out.write_bytes(handbook_pdf(html).pdf)
    if args.data:
        from samskab.handbook.bundle import data_bundle

        args.data.write_bytes(data_bundle(project, args.lang))
    print(f"{args.out}: the handbook of {project.name} ({args.lang})")
    return 0
