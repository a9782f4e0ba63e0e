"""The command line: thin click commands that call one core function each.

Errors of the user's input arrive as TeikitError and leave as one line and exit 1; usage
errors exit 2 (click's convention). Errors of the machine (disk full, no permission, a file
where a folder should be) are one line and exit 1 too. Anything else is a bug and keeps its
traceback.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import click

from . import __version__
from .diagnostics import display_path, printable, terminal_text, to_json
from .edition import Edition
from .errors import TeikitError


class Context:
    def __init__(self, edition_dir: Path):
        self.edition_dir = edition_dir
        self._edition: Edition | None = None

    @property
    def edition(self) -> Edition:
        if self._edition is None:
            self._edition = Edition.open(self.edition_dir)
        return self._edition


pass_context = click.make_pass_decorator(Context)


def echo_data(text: str) -> None:
    """Data on standard output: piped or redirected, exactly as made; on a terminal, what the
    terminal would obey instead of showing (escape codes, C1 controls, bidirectional overrides
    from the sources) escaped, so a document cannot clear the screen or retitle the window."""
    click.echo(terminal_text(text) if sys.stdout.isatty() else text, nl=False)


def fail(message: str) -> None:
    """Leave with one line on stderr and exit status 1."""
    raise click.ClickException(message)


class TeikitGroup(click.Group):
    """Turns the project's own errors, and the machine's, into one line and exit 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except TeikitError as error:
            exception = click.ClickException(printable(str(error)))
            exception.exit_code = getattr(error, "exit_code", 1)
            raise exception from None
        except OSError as error:
            raise click.ClickException(machine_error(error)) from None


# What to do about the errors of the machine, by errno.
MACHINE_ADVICE = {
    errno.ENOSPC: "no space left on the device: free some space and run again (files already there were not changed)",
    errno.EDQUOT: "disk quota exceeded: free some space and run again (files already there were not changed)",
    errno.EACCES: "permission denied: choose a folder you may write to",
    errno.EPERM: "permission denied: choose a folder you may write to",
    errno.EROFS: "the file system is read-only: choose another folder",
    errno.EEXIST: "a file is in the way where a folder is needed: move it or choose another folder",
    errno.ENOTDIR: "a file is in the way where a folder is needed: move it or choose another folder",
    errno.EISDIR: "a folder is in the way where a file is needed: choose another name",
}


def machine_error(error: OSError) -> str:
    """One line for an OSError: the file it concerns and what to do."""
    where = error.filename if error.filename is not None else ""
    advice = MACHINE_ADVICE.get(error.errno, (error.strerror or str(error)).lower())
    return f"{display_path(where)}: {advice}" if where else f"cannot write: {advice}"


@click.group(cls=TeikitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--edition", "edition_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default="the current folder",
    help="The edition folder: it holds tei/ and, optionally, schema/, xslt/ and teikit.toml.",
)
@click.version_option(__version__, prog_name="teikit")
@click.pass_context
def cli(ctx: click.Context, edition_dir: Path) -> None:
    """teikit: validate TEI encodings, build HTML and plain-text editions, exchange CMIF.

    Every command works on the edition in the current folder (tei/, schema/, xslt/,
    teikit.toml) or on the one named with --edition. Exit status: 0 success, 1 invalid
    input or failed build, 2 usage error.
    """
    ctx.obj = Context(edition_dir)


def _schema_choice(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """edition, tei_all, none or an existing schema file; anything else is a usage error (exit 2)."""
    if value is None or value in ("edition", "tei_all", "none") or Path(value).is_file():
        return value
    raise click.BadParameter(f"{value!r} is neither edition, tei_all, none nor an existing .rng file")


def _schema_option(command):
    """--schema for validate and build; without it, [corpus] schema of teikit.toml decides."""
    return click.option(
        "--schema", default=None, metavar="edition|tei_all|none|PATH.rng", callback=_schema_choice,
        show_default="[corpus] schema in teikit.toml, else edition",
        help="RelaxNG schema: the edition's schema/edition.rng (with its Schematron rules), the official "
        "tei_all.rng (see teikit.toml [schemas]), none (well-formedness, Schematron and references only) "
        "or any .rng file.",
    )(command)


def _executor_options(command):
    """--executor and --scheduler: where the per-document tasks run (build and validate)."""
    command = click.option("--scheduler", metavar="ADDRESS", default=None,
                           help="With --executor dask: the address of a running Dask scheduler, e.g. "
                           "tcp://10.0.0.5:8786 (default: start a LocalCluster of --jobs workers).")(command)
    return click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
                        help="local: a process pool on this machine; dask: a Dask cluster (see docs/scale.md).")(command)


def _scheduler_needs_dask(executor: str, scheduler: str | None) -> None:
    if scheduler and executor != "dask":
        raise click.BadParameter("--scheduler needs --executor dask", param_hint="--scheduler")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=True, path_type=Path))
@_schema_option
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: one line per problem and a summary; json: an array of {file, line, column, severity, rule, message}.",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes for large corpora (default: one per core).")
@_executor_options
@pass_context
def validate(context: Context, paths: tuple[Path, ...], schema: str | None, output_format: str, jobs: int | None,
             executor: str, scheduler: str | None) -> None:
    """Check TEI files: well-formedness, RelaxNG and Schematron rules, in one pass.

    PATHS are files or folders (default: the edition's tei/). Each problem is one line,
    `path:line:col: error|warning: message [rule-id]`,
    on standard error; the summary (and --format json) goes to standard output. Exit 1 if any
    file has an error.
    """
    from .validate import validate as run_validation

    _scheduler_needs_dask(executor, scheduler)
    report = run_validation(context.edition, expand_paths(paths), schema, jobs=jobs, executor=executor,
                            scheduler=scheduler)
    from .rules import judged

    # teikit.toml's unknown keys first
    diagnostics = [*judged(context.edition.config.warnings, context.edition.config.rules), *report.diagnostics]
    if output_format == "json":
        click.echo(to_json(diagnostics))
    else:  # as build, export and import do: problems on standard error, the result on standard output
        for diagnostic in diagnostics:
            click.echo(diagnostic.format(), err=True)
        click.echo(report.summary())
    if report.invalid:
        sys.exit(1)


def expand_paths(paths: tuple[Path, ...]) -> list[Path] | None:
    """Folders become the XML files inside them, sorted; no paths means the whole edition."""
    if not paths:
        return None
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.xml")) if path.is_dir() else [path])
    return files


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."), required=False)
def init(folder: Path) -> None:
    """Start a new edition in FOLDER (default: the current folder).

    Writes a commented teikit.toml (title, editors, publisher, licence and base URL to fill in),
    tei/ with one example letter and the authority files. Overwrites nothing.
    """
    from .scaffold import init_edition

    for path in init_edition(folder):
        click.echo(f"wrote {path}")
    edition = "" if folder == Path(".") else f" --edition {folder}"
    click.echo(f"Next: fill in {folder / 'teikit.toml'}, then run `teikit{edition} build`.")


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              show_default="build/ in the edition folder",
              help="Output folder: html/, text/ and cmif.xml are written there.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
@_executor_options
@click.option("--clean", is_flag=True, help="Ignore the saved state: check and rebuild every document.")
@_schema_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary; problems are still reported.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: problems, then a summary line and the time of each stage; json: one object "
              "{documents, rebuilt, failed, timings, diagnostics, ...}.")
@pass_context
def build(context: Context, out_dir: Path | None, jobs: int | None, executor: str, scheduler: str | None,
          clean: bool, schema: str | None, quiet: bool, output_format: str) -> None:
    """Validate the edition, then build the reading site, the plain texts and cmif.xml.

    Invalid documents are reported and skipped; the rest are built. Only what changed since the
    last build is rebuilt. Problems go to standard error, one line each; the summary (and --format
    json) to standard output. Exit 1 if any document failed.
    """
    from .build import build as run_build
    from .progress import progress_bar

    _scheduler_needs_dask(executor, scheduler)
    with progress_bar(enabled=not quiet and output_format == "text") as progress:
        report = run_build(context.edition, out_dir, jobs=jobs, clean=clean, executor=executor,
                           scheduler=scheduler, progress=progress, schema=schema)
    if output_format == "json":
        click.echo(report.as_json())
    else:
        for diagnostic in report.diagnostics:
            click.echo(diagnostic.format(), err=True)
        if not quiet:
            click.echo(report.timing_line())
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "target", type=click.Choice(["html", "text", "pdf"]), required=True,
              help="Output format (pdf: the document as the print edition sets it).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output.")
@pass_context
def render(context: Context, file: Path, target: str, output: Path | None) -> None:
    """Convert one TEI file to HTML, plain text or PDF.

    Works on TEI from other projects too: elements this edition does not use keep their text.
    A file of the edition gets the record a build gives its page (names resolved by the
    edition's authority files); names then link to their authority URIs.
    """
    from .render import render as run_render
    from .xmlio import atomic_write

    if output is not None and _same_file(output, file):
        fail(f"{display_path(output)}: is the TEI source being rendered; write the {target} elsewhere")
    if target == "pdf" and output is None and sys.stdout.isatty():
        raise click.UsageError("a PDF is not shown on a terminal: write it to a file with -o FILE.pdf")
    result = run_render(context.edition, file, target)
    if isinstance(result, bytes) and output is None:
        click.echo(result, nl=False)  # bytes: written to the binary stream as they are
    elif output is None:
        echo_data(result)
    else:
        atomic_write(output, result)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and a.samefile(b)
    except OSError:
        return False


@cli.group(name="export")
def export_group() -> None:
    """Export the edition's correspondence metadata: CMIF, CSV or JSON."""


def _emit(text: str, output: Path | None) -> None:
    from .xmlio import atomic_write

    if output is None:
        echo_data(text)
    else:
        atomic_write(output, text)


@export_group.command(name="cmif")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output.")
@pass_context
def export_cmif(context: Context, output: Path | None) -> None:
    """CMIF v1.1 (the format correspSearch harvests), one correspDesc per document."""
    from .exchange.cmif import export_cmif as run_export

    from .rules import judged

    result = run_export(context.edition)
    for warning in judged(result.warnings, context.edition.config.rules):
        click.echo(warning.format(), err=True)
    if any(w.is_error for w in result.warnings):
        fail("CMIF not written: fix the files above (documents that cannot be read would be missing)")
    _emit(result.text, output)


@export_group.command(name="csv")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output.")
@pass_context
def export_csv(context: Context, output: Path | None) -> None:
    """One row per document (columns: see docs/exchange.md)."""
    from .exchange.tabular import export_csv as run_export

    _emit(run_export(context.edition), output)


@export_group.command(name="json")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output.")
@pass_context
def export_json(context: Context, output: Path | None) -> None:
    """One object per document (fields: see docs/exchange.md)."""
    from .exchange.tabular import export_json as run_export

    _emit(run_export(context.edition), output)


@cli.group(name="import")
def import_group() -> None:
    """Read files from other projects."""


@import_group.command(name="cmif")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]), default="text",
              show_default=True, help="How to print the letters found.")
@click.option("--match", "match_edition", is_flag=True,
              help="Only letters whose correspondents also occur in this edition (by authority URI or name).")
@pass_context
def import_cmif(context: Context, file: Path, output_format: str, match_edition: bool) -> None:
    """List the letters of a CMIF file (CMIF 1.0 or 1.1): who wrote to whom, when, where."""
    from .exchange.cmif_import import import_cmif as run_import

    report = run_import(file, edition=context.edition if match_edition else None)
    for warning in report.warnings:
        click.echo(warning.format(), err=True)
    # Cells are cut to fit only on a terminal: piped or redirected, every word stays.
    click.echo(report.render(output_format, cut=sys.stdout.isatty()), nl=False)


def _dts_url(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from urllib.parse import urlsplit

    if urlsplit(value).scheme.lower() not in ("http", "https", "file"):
        raise click.BadParameter(f"{value!r}: give an http, https or file URL of a DTS entry point")
    return value


@import_group.command(name="dts")
@click.argument("url", callback=_dts_url)
@click.option("--fetch", "resources", multiple=True, metavar="ID",
              help="Fetch the TEI of this resource into tei/ (repeatable); without it, only list.")
@click.option("--force", is_flag=True, help="Replace a file in tei/ that already exists.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the collections and documents found.")
@pass_context
def import_dts(context: Context, url: str, resources: tuple[str, ...], force: bool, output_format: str) -> None:
    """List the collections and documents of a DTS 1.0 endpoint (URL: its entry point); fetch TEI.

    Fetched files are checked by the safe parser before they are written to the edition's tei/.
    """
    from .diagnostics import display_path
    from .dts.client import Endpoint, import_documents, members_as_json, members_as_text

    endpoint = Endpoint(url)
    if resources:
        for path in import_documents(endpoint, list(resources), context.edition.tei_dir, force):
            click.echo(f"wrote {display_path(path)}")
        return
    members = endpoint.members()
    click.echo(members_as_json(members) if output_format == "json" else members_as_text(members), nl=False)


@cli.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              show_default="the edition's tei/", help="Folder the TEI drafts are written to.")
@click.option("--start-number", type=click.IntRange(min=0), default=None,
              help="Number of the first document when the source prints no number to count from.")
@click.option("--force", is_flag=True, help="Overwrite drafts that already exist (otherwise nothing is written).")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: one line per draft and a summary; json: counts, drafts and their review items.",
)
@pass_context
def ingest(context: Context, source: Path, out_dir: Path | None, start_number: int | None, force: bool,
           output_format: str) -> None:
    """Draft TEI files from a plain-text document collection (one file per document).

    Splits SOURCE (UTF-8 text) into documents, parses headings, datelines, archival references
    and notes, recognises names from the authority files, and writes one draft per document,
    named by its number. What needs checking is marked (cert="low", note type="review").
    See docs/ingest.md.
    """
    from .ingest import ingest as run_ingest

    report = run_ingest(context.edition, source, out_dir, start_number=start_number, force=force)
    click.echo(report.render(output_format), nl=False)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              show_default="build/ in the edition folder", help="The built site to serve (run `teikit build` first).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@pass_context
def serve(context: Context, out_dir: Path, host: str, port: int) -> None:
    """Preview the built site on localhost, with the DTS API at /api/dts (Ctrl-C stops)."""
    from .serve import serve as run_serve

    run_serve(out_dir if out_dir is not None else context.edition.root / "build", host, port, context.edition)
