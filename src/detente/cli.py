"""The `detente` command: thin wrappers that parse options, call the library, and print.

Machine output (jsonl, csv) goes to standard output; progress, summaries and errors to standard
error. The exit status is 1 when any input failed or an error stopped the command, 0 otherwise.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from detente import __version__
from detente.batch import run_batch
from detente.config import Settings, load_settings
from detente.errors import DetenteError, ValidationError
from detente.library import (
    DYAD_COLUMNS,
    EVENT_COLUMNS,
    EVENT_SUMMARY_COLUMNS,
    MERGED_COLUMNS,
    EventFilter,
    IngestSummary,
    Store,
)
from detente.types import Failure
from detente.validation import partial_date

F = TypeVar("F", bound=Callable[..., Any])


def _fail_cleanly(func: F) -> F:
    """Turn library errors into a one-line message and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationError as e:
            hint = "--" + e.option.replace("_", "-")
            raise click.BadParameter(e.reason, param_hint=hint) from e
        except DetenteError as e:
            raise click.ClickException(str(e)) from e

    return wrapper  # type: ignore[return-value]


def _settings(ctx: click.Context, db: str | None, actors: tuple[str, ...] = ()) -> Settings:
    settings: Settings = ctx.obj
    if db:
        settings = replace(settings, db=db)
    if actors:
        settings = replace(settings, actors=settings.actors + actors)
    return settings


def _store(ctx: click.Context, db: str | None, actors: tuple[str, ...] = ()) -> Store:
    """The handle every command reads and writes through (the one `detente.open` returns)."""
    return Store(_settings(ctx, db, actors))


def actors_option(func: F) -> F:
    return click.option(
        "--actors",
        multiple=True,
        metavar="FILE",
        type=click.Path(exists=True, dir_okay=False),
        help="Your own actor file (repeatable); its entries win over the built-in ones.",
    )(func)


def model_option(func: F) -> F:
    """--model, --prefilter and --no-prefilter: what codes the documents."""
    func = click.option(
        "--no-prefilter",
        is_flag=True,
        help="Parse every sentence, not only those the prefilter judges may hold an event.",
    )(func)
    func = click.option(
        "--prefilter",
        default=None,
        metavar="FILE",
        help="The prefilter's file ('detente train-prefilter'); 'off' parses every sentence.",
    )(func)
    return click.option(
        "--model",
        "event_model",
        default=None,
        metavar="FILE",
        help="The learned coder's model file ('detente train'); 'rules' for the rules alone.",
    )(func)


def _with_model(
    settings: Settings, event_model: str | None, prefilter: str | None, no_prefilter: bool
) -> Settings:
    if event_model is not None:
        if event_model != "rules" and not Path(event_model).is_file():
            raise click.BadParameter(f"no such model file: {event_model}", param_hint="--model")
        settings = replace(settings, event_model=event_model)
    if prefilter is not None:
        if no_prefilter:
            raise click.BadParameter("give --prefilter or --no-prefilter, not both")
        if prefilter != "off" and not Path(prefilter).is_file():
            raise click.BadParameter(
                f"no such prefilter file: {prefilter}", param_hint="--prefilter"
            )
        settings = replace(settings, prefilter=prefilter)
    if no_prefilter:
        settings = replace(settings, prefilter="off")
    return settings


def _parsed(summary: IngestSummary) -> str:
    if not summary.sentences:
        return "none parsed"
    parsed = summary.sentences - summary.unparsed
    return f"{parsed} parsed, {parsed / summary.sentences:.0%}"


def db_option(func: F) -> F:
    return click.option(
        "--db",
        default=None,
        metavar="FILE",
        help="The store (default ./detente.duckdb, or DETENTE_DB).",
    )(func)


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def render_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """A plain fixed-width table; long cells are cut with an ellipsis."""
    max_width = 60

    def cell(value: Any) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines)


def print_rows(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    if fmt == "csv":
        import csv

        writer = csv.DictWriter(
            sys.stdout,
            fieldnames=list(rows[0]) if rows else list(columns),
            extrasaction="ignore",
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(rows)
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        click.echo(render_table(rows, columns))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
@click.option(
    "--config", default=None, metavar="FILE", help="Settings file (default ./detente.toml)."
)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens to standard error.")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: bool) -> None:
    """detente: code political events from news articles, offline."""
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(message)s")
    try:
        ctx.obj = load_settings(config_file=config)
    except DetenteError as e:
        raise click.ClickException(str(e)) from e


def _check_partial_date(
    _ctx: click.Context, param: click.Parameter, value: str | None
) -> str | None:
    try:
        return partial_date(value, param.name or "date")
    except ValidationError as e:
        raise click.BadParameter(e.reason) from None


def _finish(ctx: click.Context, failures: Sequence[Failure], summary: str) -> None:
    """Each failed input, then the run's summary line; exit status 1 when any input failed."""
    for failure in failures:
        click.echo(f"error: {failure}", err=True)
    click.echo(summary, err=True)
    if failures:
        ctx.exit(1)


def _tick(bar: Any) -> None:
    bar.update(1)


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option(
    "--date",
    callback=_check_partial_date,
    metavar="DATE",
    help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for documents whose metadata gives none.",
)
@click.option("--force", is_flag=True, help="Reprocess documents already stored.")
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes for parsing and coding (default: every core); a small input is coded in-process.",
)
@actors_option
@model_option
@click.pass_context
@_fail_cleanly
def ingest_cli(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str | None,
    date: str | None,
    force: bool,
    workers: int | None,
    actors: tuple[str, ...],
    event_model: str | None,
    prefilter: str | None,
    no_prefilter: bool,
) -> None:
    """Read, parse and store articles: files, folders (recursively) or - for standard input.

    Reads .txt, .md, .html, .docx, .jsonl and .jsonl.gz. Example:

        detente ingest examples/ --db demo.duckdb
    """
    from tqdm import tqdm

    settings = _with_model(_settings(ctx, db, actors), event_model, prefilter, no_prefilter)
    if workers is not None:
        settings = replace(settings, workers=workers)
    with tqdm(desc="documents", unit="doc", file=sys.stderr, disable=None, leave=False) as bar:
        summary = Store(settings).ingest(
            paths, date=date, force=force, on_document=lambda: _tick(bar)
        )
    counts = summary.as_dict()
    _finish(
        ctx,
        summary.failures,
        f"{counts['added']} added, {counts['updated']} updated, {counts['skipped']} skipped, "
        f"{counts['failed']} failed; {counts['not_coded']} not coded (not English); "
        f"{counts['sentences']} sentences ({_parsed(summary)}); {counts['seconds']} s → {settings.db}",
    )


@cli.command("batch")
@click.argument("paths", nargs=-1, required=True)
@click.option("--out", required=True, metavar="DIR", help="Output folder (new or empty).")
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; spark: Apache Spark (extra [spark], Java).",
)
@click.option(
    "--master",
    metavar="URL",
    help="Spark master, e.g. local[2] or spark://host:7077 (default: spark-submit's, else local[*]).",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=0),
    default=0,
    help="Spark partitions of the documents (default: Spark's default parallelism).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=None,
    help="Worker processes of the local engine (default: every core).",
)
@click.option(
    "--date",
    callback=_check_partial_date,
    metavar="DATE",
    help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for documents whose metadata gives none.",
)
@actors_option
@click.pass_context
@_fail_cleanly
def batch_cli(
    ctx: click.Context,
    paths: tuple[str, ...],
    out: str,
    engine: str,
    master: str | None,
    partitions: int,
    workers: int | None,
    date: str | None,
    actors: tuple[str, ...],
) -> None:
    """Code a corpus into Parquet (documents, sentences, mentions, events, event_mentions),
    partitioned by year and month, for `detente load`. Reads what `detente ingest` reads.

    Example: detente batch corpus.jsonl.gz --out batch/ --engine spark --master local[2]
    """
    settings = _settings(ctx, None, actors)
    if workers is not None:
        settings = replace(settings, workers=workers)
    summary = run_batch(
        paths,
        settings=settings,
        out=out,
        engine=engine,
        master=master,
        partitions=partitions,
        date=date,
    )
    rows = summary.rows
    _finish(
        ctx,
        summary.failures,
        f"{summary.documents} documents, {rows.get('sentences', 0)} sentences, "
        f"{rows.get('mentions', 0)} mentions, {rows.get('events', 0)} events; "
        f"{summary.skipped} skipped (repeated id), {len(summary.failures)} failed; "
        f"{summary.seconds:.2f} s ({engine}) → {out}",
    )


@cli.command("load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
@click.pass_context
@_fail_cleanly
def load_cli(ctx: click.Context, folder: str, db: str | None) -> None:
    """Bring the output of `detente batch` into a store: documents not stored yet, each whole,
    then merge events across documents. Loading the same folder twice changes nothing.

    Example: detente load batch/ --db corpus.duckdb
    """
    store = _store(ctx, db)
    summary = store.load(folder)
    click.echo(
        f"{summary.added} added, {summary.skipped} skipped (already stored); "
        f"{summary.rows.get('events', 0)} events; {summary.seconds:.2f} s → {store.settings.db}",
        err=True,
    )


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gdelt", "icews", "polecat"]),
    required=True,
    help="The layout of the files: GDELT 2.0 events, ICEWS events, POLECAT/PLOVER JSON Lines.",
)
@db_option
@actors_option
@click.pass_context
@_fail_cleanly
def import_cli(
    ctx: click.Context, files: tuple[str, ...], fmt: str, db: str | None, actors: tuple[str, ...]
) -> None:
    """Load event files you already hold into the store, as events of their origin (no text).

    Every analysis command, the dashboard and the report work on them. Records that cannot be
    used are reported with their file and line, and skipped; importing a file again replaces what
    it added. Example: detente import 20250101.export.CSV --format gdelt --db world.duckdb
    """
    store = _store(ctx, db, actors)
    summary = store.import_files(files, fmt=fmt)
    _finish(
        ctx,
        summary.failures,
        f"{summary.events} events in {summary.documents} stories imported, "
        f"{len(summary.failures)} records skipped → {store.settings.db}",
    )


DOC_COLUMNS = ("doc_id", "published", "language", "n_sentences", "title")


@cli.command("docs")
@db_option
@format_option("table", "jsonl")
@click.pass_context
@_fail_cleanly
def docs_cli(ctx: click.Context, db: str | None, fmt: str) -> None:
    """List the stored documents."""
    print_rows(_store(ctx, db).documents().rows, fmt, DOC_COLUMNS)


MENTION_COLUMNS = ("doc_id", "start", "end", "actor", "sector", "method", "text")


@cli.command("actors")
@db_option
@click.option("--doc", "doc_id", default=None, metavar="ID", help="Only this document.")
@format_option("table", "jsonl")
@click.pass_context
@_fail_cleanly
def actors_cli(ctx: click.Context, db: str | None, doc_id: str | None, fmt: str) -> None:
    """List the stored actor mentions: each span, its actor and sector, and how it was resolved."""
    print_rows(_store(ctx, db).mentions(doc_id).rows, fmt, MENTION_COLUMNS)


MERGED_TABLE_COLUMNS = ("date", "source", "code", "target", "n_docs", "n_reports", "evidence")
TABLE_EVENT_COLUMNS = EVENT_SUMMARY_COLUMNS


class _Probability(click.FloatRange):
    """A number from 0 to 1 (click's range lets "nan" through: it compares false with both ends)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number != number:  # NaN
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return number


PROBABILITY = _Probability(0, 1)


def _check_out(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """An output file in a folder that exists and can be written."""
    if value is None:
        return None
    folder = Path(value).resolve().parent
    if not folder.is_dir():
        raise click.BadParameter(f"no such folder: {folder}")
    if not os.access(folder, os.W_OK):
        raise click.BadParameter(f"cannot write in {folder}")
    return value


def _check_root(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not (value.isdigit() and 1 <= int(value) <= 20):
        raise click.BadParameter(f"{value!r} is not a CAMEO root (01 to 20)")
    return value.zfill(2) if value else None


@cli.command("events")
@db_option
@click.option("--actor", metavar="CODE", help="Events with this actor as source or target.")
@click.option("--source", metavar="CODE", help="Events with this source.")
@click.option("--target", metavar="CODE", help="Events with this target.")
@click.option("--root", metavar="NN", callback=_check_root, help="CAMEO root code (01-20).")
@click.option(
    "--since", metavar="DATE", callback=_check_partial_date, help="On or after this date."
)
@click.option(
    "--until", metavar="DATE", callback=_check_partial_date, help="On or before this date."
)
@click.option("--doc", "doc_id", metavar="ID", help="Only this document.")
@click.option(
    "--search",
    "q",
    metavar="TEXT",
    help='Words and "quoted phrases" that must all occur in the evidence (any case).',
)
@click.option(
    "--min-confidence",
    type=PROBABILITY,
    default=None,
    metavar="P",
    help="Only events at least this confident (the learned coder's calibrated probability).",
)
@click.option("--merged", is_flag=True, help="Merged events: one per real event across documents.")
@format_option("table", "csv", "jsonl", "parquet", "gdelt", "icews", "polecat")
@click.option(
    "--out", metavar="FILE", callback=_check_out, help="Output file (required for parquet)."
)
@click.pass_context
@_fail_cleanly
def events_cli(
    ctx: click.Context,
    db: str | None,
    actor: str | None,
    source: str | None,
    target: str | None,
    root: str | None,
    since: str | None,
    until: str | None,
    doc_id: str | None,
    q: str | None,
    min_confidence: float | None,
    merged: bool,
    fmt: str,
    out: str | None,
) -> None:
    """List coded events: one line per event in its document, oldest first, undated last.
    With --merged, one line per real event across documents (n_docs, first and last report).

    Example: detente events --actor BLR --since 2016 --format jsonl
    """
    store = _store(ctx, db)
    filters = EventFilter(
        actor=actor,
        source=source,
        target=target,
        root=root,
        since=since,
        until=until,
        doc_id=doc_id,
        q=q,
        min_confidence=min_confidence,
    )
    if merged:
        if fmt == "parquet" or fmt in LAYOUTS:
            raise click.UsageError(f"--merged prints table, csv or jsonl, not {fmt}")
        rows = store.merged_events(filters).rows
        print_rows(rows, fmt, MERGED_TABLE_COLUMNS if fmt == "table" else MERGED_COLUMNS)
        return
    if fmt in LAYOUTS:
        _write_layout(fmt, store, filters, out)
        return
    if fmt == "parquet":
        if not out:
            raise click.UsageError("--format parquet needs --out FILE")
        count = store.export_parquet(out, filters)
        click.echo(f"{count} events → {out}", err=True)
        return
    rows = store.events(filters).rows
    if out:
        with open(out, "w", encoding="utf-8") as handle, _redirect(handle):
            print_rows(rows, fmt, TABLE_EVENT_COLUMNS if fmt == "table" else EVENT_COLUMNS)
        return
    print_rows(rows, fmt, TABLE_EVENT_COLUMNS if fmt == "table" else EVENT_COLUMNS)


# The field's layouts `detente events --format` writes (see formats.py).
LAYOUTS = ("gdelt", "icews", "polecat")


def _write_layout(fmt: str, store: Store, filters: EventFilter, out: str | None) -> None:
    """GDELT 2.0 (61 tab-separated fields, no header), ICEWS (tab-separated, with its header) or
    POLECAT (JSON Lines), to the file or standard output."""
    import contextlib

    from detente.formats import ICEWS_COLUMNS, gdelt_record, icews_record, polecat_record

    actors, rows = store.export_records(filters)
    with contextlib.ExitStack() as stack:
        handle = (
            stack.enter_context(open(out, "w", encoding="utf-8", newline="")) if out else sys.stdout
        )
        if fmt == "polecat":
            for row in rows:
                handle.write(json.dumps(polecat_record(row, actors), default=str) + "\n")
        else:  # every field is free of tabs and line breaks (formats._text): no quoting
            if fmt == "icews":
                handle.write("\t".join(ICEWS_COLUMNS) + "\n")
            record = gdelt_record if fmt == "gdelt" else icews_record
            for row in rows:
                handle.write("\t".join(record(row, actors)) + "\n")
    if out:
        click.echo(f"{len(rows)} events → {out}", err=True)


def _redirect(handle: Any) -> Any:
    import contextlib

    return contextlib.redirect_stdout(handle)


_PERIOD = click.Choice(["day", "week", "month", "year"])


def _codes(value: str) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in value.split(",") if c.strip())


@cli.command("dyads")
@db_option
@click.option("--actor", metavar="CODE", help="Dyads with this actor on either side.")
@click.option("--pair", metavar="A,B", help="One pair, both directions: --pair BLR,RUS")
@click.option("--by", type=_PERIOD, default="month", show_default=True, help="Period.")
@format_option("table", "csv", "jsonl")
@click.pass_context
@_fail_cleanly
def dyads_cli(
    ctx: click.Context, db: str | None, actor: str | None, pair: str | None, by: str, fmt: str
) -> None:
    """Cooperation and conflict between actors over time: events by quad class and Goldstein.

    Example: detente dyads --pair BLR,RUS --by year
    """
    codes = _codes(pair) if pair else None
    if codes is not None and len(codes) != 2:
        raise click.BadParameter("give two codes: --pair A,B", param_hint="--pair")
    rows = _store(ctx, db).dyads(actor=actor, pair=(codes[0], codes[1]) if codes else None, by=by)
    print_rows(rows.rows, fmt, DYAD_COLUMNS)


@cli.command("multivector")
@db_option
@click.option("--actor", metavar="CODE", required=True, help="The state whose balance is measured.")
@click.option("--by", type=_PERIOD, default="year", show_default=True, help="Period.")
@click.option(
    "--pole-a",
    default="RUS",
    show_default=True,
    metavar="CODES",
    help="First pole, comma-separated codes.",
)
@click.option(
    "--pole-b",
    default=None,
    metavar="CODES",
    help="Second pole (default the West: USA, EU, NATO, WST, GBR, CAN, the EU's members).",
)
@format_option("table", "csv", "jsonl")
@click.pass_context
@_fail_cleanly
def multivector_cli(
    ctx: click.Context,
    db: str | None,
    actor: str,
    by: str,
    pole_a: str,
    pole_b: str | None,
    fmt: str,
) -> None:
    """A state's balance between two poles: +1 all toward the second (the West), -1 all toward
    the first (Russia), with a 90 % band that widens when events are few.

    Example: detente multivector --actor BLR --by year
    """
    rows = _store(ctx, db).multivector(
        actor.upper(), by=by, pole_a=_codes(pole_a), pole_b=_codes(pole_b) if pole_b else None
    )
    print_rows(rows.rows, fmt, ("period", "toward_a", "toward_b", "events", "index", "low", "high"))


@cli.command("network")
@db_option
@click.option(
    "--since", metavar="DATE", callback=_check_partial_date, help="On or after this date."
)
@click.option(
    "--until", metavar="DATE", callback=_check_partial_date, help="On or before this date."
)
@format_option("table", "jsonl")
@click.pass_context
@_fail_cleanly
def network_cli(
    ctx: click.Context, db: str | None, since: str | None, until: str | None, fmt: str
) -> None:
    """Actors by centrality on the cooperation and conflict networks, then the brokers: actors
    that host, convene or mediate between two other parties.

    Example: detente network --since 2016
    """
    result = _store(ctx, db).network(since=since, until=until)
    found = {"actors": list(result), "brokers": result.meta["brokers"]}
    if fmt == "jsonl":
        click.echo(json.dumps(found, ensure_ascii=False))
        return
    click.echo(
        render_table(
            found["actors"],
            ("actor", "events", "partners", "cooperation_betweenness", "conflict_betweenness"),
        )
    )
    click.echo("\nbrokers:")
    click.echo(
        render_table(found["brokers"], ("broker", "party_a", "party_b", "times", "evidence"))
    )


@cli.command("profile")
@db_option
@click.option("--actor", required=True, metavar="CODE", help="The state.")
@click.option("--compare", required=True, metavar="CODE", help="The state to compare it with.")
@click.pass_context
@_fail_cleanly
def profile_cli(ctx: click.Context, db: str | None, actor: str, compare: str) -> None:
    """Compare two states' foreign-policy event profiles (roots used, partners, balance).

    Example: detente profile --actor MMR --compare BLR
    """
    state, other = actor.upper(), compare.upper()
    result = _store(ctx, db).profile(state, other)
    found = {
        "state": state,
        "other": other,
        "similarity": result.meta["similarity"],
        "profiles": list(result),
        "differences": result.meta["differences"],
    }
    click.echo(json.dumps(found, ensure_ascii=False, indent=1))


@cli.command("report")
@db_option
@click.option("--actor", required=True, metavar="CODE", help="The actor the report is about.")
@click.option(
    "--compare", metavar="CODE", help="State to compare profiles with (default: its main partner)."
)
@click.option(
    "--out",
    metavar="FILE.html",
    callback=_check_out,
    help="Output file (default report-CODE.html).",
)
@click.pass_context
@_fail_cleanly
def report_cli(
    ctx: click.Context, db: str | None, actor: str, compare: str | None, out: str | None
) -> None:
    """Write one self-contained HTML report about an actor: timeline, dyads, multi-vector index,
    network and brokers, profile, and its events with their evidence.

    Example: detente report --actor BLR --out belarus.html
    """
    from detente.report import write_report

    code = actor.upper()
    path = out or f"report-{code}.html"
    data = write_report(_store(ctx, db), code, path, compare=compare.upper() if compare else None)
    click.echo(f"{len(data.events)} events → {path}", err=True)


@cli.command("merge")
@db_option
@click.option(
    "--full", is_flag=True, help="Rebuild every merged event from scratch, not only the changed."
)
@click.pass_context
@_fail_cleanly
def merge_cli(ctx: click.Context, db: str | None, full: bool) -> None:
    """Merge the reports of one real event across documents. Every ingest, load, import and
    recode already merges what it changed; run this with --full to rebuild the whole merge.

    Example: detente merge --full --db corpus.duckdb
    """
    store = _store(ctx, db)
    summary = store.merge(full=full)
    click.echo(
        f"{summary.written} merged events written; {summary.merged_events} merged events for "
        f"{summary.events} events; {summary.seconds:.2f} s → {store.settings.db}",
        err=True,
    )


@cli.command("compact")
@db_option
@click.pass_context
@_fail_cleanly
def compact_cli(ctx: click.Context, db: str | None) -> None:
    """Rewrite the stored events in the order the event list reads them. Events ingested day by
    day are nearly in order already; after loading or importing old news, this keeps the pages of
    `detente events`, the REST API and the dashboard fast on millions of events.

    Example: detente compact --db corpus.duckdb
    """
    store = _store(ctx, db)
    count = store.compact()
    click.echo(f"{count} events rewritten in order → {store.settings.db}", err=True)


@cli.command("recode")
@db_option
@actors_option
@model_option
@click.pass_context
@_fail_cleanly
def recode_cli(
    ctx: click.Context,
    db: str | None,
    actors: tuple[str, ...],
    event_model: str | None,
    prefilter: str | None,
    no_prefilter: bool,
) -> None:
    """Recode every stored document with the current lexicon and actor data.

    Run it after upgrading detente or editing your actor file, so that old stores catch up.
    """
    from tqdm import tqdm

    settings = _with_model(_settings(ctx, db, actors), event_model, prefilter, no_prefilter)
    with tqdm(desc="documents", unit="doc", file=sys.stderr, disable=None, leave=False) as bar:
        summary = Store(settings).recode(on_document=lambda: _tick(bar))
    click.echo(
        f"{summary.updated} recoded; {summary.sentences} sentences ({_parsed(summary)}); "
        f"{summary.seconds:.2f} s",
        err=True,
    )


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of scores.")
@click.option("--errors", is_flag=True, help="List missed and spurious events per document.")
@click.option(
    "--min-confidence",
    type=PROBABILITY,
    default=0.0,
    metavar="P",
    help="Score only the events at least this confident.",
)
@actors_option
@model_option
@click.pass_context
@_fail_cleanly
def eval_cli(
    ctx: click.Context,
    gold: str,
    as_json: bool,
    errors: bool,
    min_confidence: float,
    actors: tuple[str, ...],
    event_model: str | None,
    prefilter: str | None,
    no_prefilter: bool,
) -> None:
    """Score the coder against a gold file (shared/gold/GUIDELINES.md, section 6).

    Example: detente eval ../shared/gold/seeds.jsonl --json
    """
    from detente.evaluation import evaluate
    from detente.evaluation.report import render_errors, render_text

    settings = _with_model(_settings(ctx, None, actors), event_model, prefilter, no_prefilter)
    result = evaluate(gold, settings=settings, min_confidence=min_confidence)
    if as_json:
        click.echo(json.dumps(result.as_dict()))
    else:
        click.echo(render_text(result))
    if errors:
        click.echo(render_errors(result.report))


@cli.command("train")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--out",
    required=True,
    metavar="FILE",
    callback=_check_out,
    help="The model file to write (.npz).",
)
@click.option(
    "--cv",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Cross-validate by story with this many folds first (and calibrate on them).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Folds and solver seed.")
@click.option(
    "--keep",
    type=click.FloatRange(0, 1),
    default=None,
    help="Score at which a rule's event stays (default: the project's tuned value).",
)
@click.option(
    "--add",
    type=click.FloatRange(0, 1.01),
    default=None,
    help="Score at which the model adds an event the rules missed (1.01: never).",
)
@click.option(
    "--extra",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="More gold stories to train on, in every fold's training data, never scored "
    "(repeatable; e.g. training/annotated.jsonl).",
)
@actors_option
@click.pass_context
@_fail_cleanly
def train_cli(
    ctx: click.Context,
    gold: tuple[str, ...],
    out: str,
    cv: int,
    seed: int,
    keep: float | None,
    add: float | None,
    extra: tuple[str, ...],
    actors: tuple[str, ...],
) -> None:
    """Train the learned coder on gold files (never on the dev files you evaluate on).

    Example: detente train ../shared/gold/reuters_train.jsonl --extra training/annotated.jsonl
    --out coder.npz --cv 5
    """
    from detente.training import ADD, KEEP, FoldScore, train

    if cv == 1:
        raise click.BadParameter("needs at least 2 folds (or 0 for none)", param_hint="--cv")

    def show(fold: FoldScore) -> None:
        click.echo(
            f"fold {fold.fold}: {fold.docs} docs, root P {fold.p:.3f} R {fold.r:.3f} "
            f"F1 {fold.f1:.3f}"
        )

    result = train(
        gold,
        out=out,
        settings=_settings(ctx, None, actors),
        cv=cv,
        seed=seed,
        keep=KEEP if keep is None else keep,
        add=ADD if add is None else add,
        extra=extra,
        on_fold=show,
    )
    if result.folds:
        mean = sum(f.f1 for f in result.folds) / len(result.folds)
        pooled = (result.pooled or {}).get("root") or {}
        click.echo(
            f"mean root F1 over {len(result.folds)} folds: {mean:.3f} "
            f"(pooled P {pooled.get('p', 0):.3f} R {pooled.get('r', 0):.3f} "
            f"F1 {pooled.get('f1', 0):.3f})"
        )
    click.echo(
        f"model {result.model.version} ({len(result.model.vocabulary)} features) → {out}; "
        f"{result.seconds} s",
        err=True,
    )


@cli.command("train-prefilter")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--out",
    required=True,
    metavar="FILE",
    callback=_check_out,
    help="The prefilter file to write (.npz).",
)
@click.option(
    "--recall",
    type=click.FloatRange(0.5, 1.0),
    default=None,
    metavar="R",
    help="Share of the gold event sentences the parsed ones keep, held out (default 0.95).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Folds and solver seed.")
@actors_option
@click.pass_context
@_fail_cleanly
def train_prefilter_cli(
    ctx: click.Context,
    gold: tuple[str, ...],
    out: str,
    recall: float | None,
    seed: int,
    actors: tuple[str, ...],
) -> None:
    """Train the prefilter that picks the sentences worth parsing, on gold files.

    Example: detente train-prefilter ../shared/gold/reuters_train.jsonl training/annotated.jsonl
    --out prefilter.npz
    """
    from detente.prefilter_training import RECALL, train

    result = train(
        gold,
        out=out,
        settings=_settings(ctx, None, actors),
        seed=seed,
        recall=RECALL if recall is None else recall,
    )
    choice = result.choice
    click.echo(
        f"threshold {choice.threshold}: held out, the parsed sentences ({choice.parsed:.1%} of "
        f"{result.sentences} in {result.stories} stories) hold {choice.recall:.1%} of those with "
        f"a gold event"
    )
    click.echo(f"prefilter {result.prefilter.version} → {out}", err=True)


@cli.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--allow-ingest",
    is_flag=True,
    help="Add POST /api/ingest (uploads); callers need the token in DETENTE_TOKEN.",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="URL",
    help="Send CORS headers for this origin (repeatable; none by default).",
)
@click.pass_context
@_fail_cleanly
def serve_cli(
    ctx: click.Context,
    db: str | None,
    host: str,
    port: int,
    allow_ingest: bool,
    cors_origins: tuple[str, ...],
) -> None:
    """The REST API (/api, OpenAPI page at /api/docs) and the dashboard (/), read-only unless
    --allow-ingest.

    Example: detente serve --db demo.duckdb, then open http://127.0.0.1:8000/
    """
    import os

    from detente.errors import MissingExtraError

    try:
        import uvicorn

        from detente.api import create_app
    except ImportError as e:
        raise MissingExtraError(
            f"serve needs the api extra: pip install 'detente[api]' ({e})"
        ) from e
    settings = _settings(ctx, db)
    app = create_app(
        settings,
        allow_ingest=allow_ingest,
        token=os.environ.get("DETENTE_TOKEN"),
        cors_origins=cors_origins,
    )
    click.echo(f"detente serving {settings.db} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def main() -> None:
    cli(prog_name="detente")
