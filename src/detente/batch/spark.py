"""The Spark engine: executors read the input files, and each partition of documents flows through
`mapPartitions` into the functions `detente ingest` uses (`code_documents`, then `coded_rows`).
The model is loaded once per executor's Python process (`load_coder` is cached there). Each table
is written by Spark's DataFrame writer with an explicit schema taken from the store's migrations,
partitioned by year and month, exactly as the local engine lays it out.

PySpark is imported lazily: it is the optional extra `spark`.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from detente.batch.layout import PARTITION_COLUMNS, Column, partition_of, store_columns
from detente.coding import code_documents, load_coder
from detente.config import CoderSpec
from detente.errors import BatchError, MissingExtraError, MissingJavaError
from detente.ingest import ReadOptions, expand_paths, read_item
from detente.store.rows import coded_rows, utc_now
from detente.types import Document, Failure

# Where an item was read: (input index, item index in that input). The first document with an
# id wins, as in `detente ingest`.
Order = tuple[int, int]
Read = tuple[Order, Document | Failure]
TableRow = tuple[str, list[Any]]

SPARK_TYPES = {
    "VARCHAR": "StringType",
    "INTEGER": "IntegerType",
    "BIGINT": "LongType",
    "DOUBLE": "DoubleType",
    "BOOLEAN": "BooleanType",
    "DATE": "DateType",
    "TIMESTAMP": "TimestampNTZType",  # the store's TIMESTAMP has no time zone
}


def java_command() -> str | None:
    """The Java runtime Spark would start: $JAVA_HOME/bin/java, else `java` on the PATH."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def check_spark() -> None:
    """Raise, saying what to install, when PySpark or Java is missing."""
    try:
        import pyspark  # noqa: F401 (only checks that the extra is installed)
    except ImportError as e:
        raise MissingExtraError(
            "the spark engine needs PySpark: pip install 'detente[spark]' (or use --engine local)"
        ) from e
    if java_command() is None:
        raise MissingJavaError(
            "the spark engine needs a Java runtime (17 or later) and found none on the PATH or "
            "in JAVA_HOME: install one (Debian, Ubuntu: apt-get install openjdk-17-jre-headless) "
            "or set JAVA_HOME (or use --engine local)"
        )


def spark_session(master: str | None) -> tuple[Any, bool]:
    """The active Spark session, or a new one (and True: the caller stops it). With no master
    given, spark-submit's is used, and outside spark-submit local[*]."""
    check_spark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    builder = SparkSession.builder.appName("detente batch").config(
        "spark.ui.showConsoleProgress", "false"
    )
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[*]"
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        # Local executors run this very interpreter (where detente is installed), on loopback.
        # PySpark reads the executors' interpreter from the environment only, when the session
        # is started from Python rather than by spark-submit.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.driver.host", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # Spark reports a failed start in several exception types
        raise BatchError(f"cannot start Spark (master {master or 'from spark-submit'}): {e}") from e
    spark.sparkContext.setLogLevel("ERROR")
    return spark, True


def spark_schema(columns: Sequence[Column]) -> Any:
    """The Spark schema of a store table, with the partition columns last."""
    from pyspark.sql import types

    fields = [
        types.StructField(c.name, getattr(types, SPARK_TYPES[c.type])(), c.nullable)
        for c in columns
    ]
    fields += [types.StructField(name, types.StringType(), False) for name in PARTITION_COLUMNS]
    return types.StructType(fields)


def spark_value(kind: str, value: Any) -> Any:
    """A stored value as Spark takes it for its column type: the store's rows give dates as
    ISO text and Goldstein values as numbers of any kind."""
    if kind == "DATE" and isinstance(value, str):
        return date.fromisoformat(value)
    if kind == "DOUBLE" and value is not None:
        return float(value)
    return value


def typed_row(kinds: Sequence[str], row: list[Any]) -> tuple[Any, ...]:
    return tuple(spark_value(kind, value) for kind, value in zip(kinds, row, strict=True))


def read_numbered(opts: ReadOptions, numbered: tuple[int, Path | Failure | str]) -> Iterator[Read]:
    """Every document (or failure) of one input, with its place in the input."""
    number, item = numbered
    for index, read in enumerate(read_item(item, opts)):
        yield (number, index), read


# The pseudo-table of documents whose coding failed (kept apart from the store's tables).
CODING_FAILED = "_coding_failed"


def code_partition(spec: CoderSpec, documents: Iterable[Document]) -> Iterator[TableRow]:
    """Code a partition of documents as ingest does; every store row, tagged with its table
    and followed by its document's partition values."""
    coder = load_coder(spec)
    now = utc_now()
    for coded in code_documents(documents, coder):
        if coded.failure is not None:  # not stored; reported with the input failures
            yield CODING_FAILED, [coded.failure]
            continue
        partition = list(partition_of(coded.document.published))
        for table, rows in coded_rows(coded, now).items():
            for row in rows:
                yield table, row + partition


def _is_failure(read: Read) -> bool:
    return isinstance(read[1], Failure)


def _is_document(read: Read) -> bool:
    return isinstance(read[1], Document)


def _keyed(read: Read) -> tuple[str, Read]:
    document = read[1]
    return (document.doc_id if isinstance(document, Document) else "", read)


def _earlier(a: Read, b: Read) -> Read:
    return a if a[0] <= b[0] else b


def _document(keyed: tuple[str, Read]) -> Document:
    document = keyed[1][1]
    if not isinstance(document, Document):
        raise TypeError("not a document")
    return document


def _in_table(table: str, row: TableRow) -> bool:
    return row[0] == table


def _table_of(row: TableRow) -> str:
    return row[0]


def _read_all(sc: Any, paths: Sequence[str], opts: ReadOptions) -> Any:
    """An RDD of every document and failure of the input: files read on the executors, standard
    input (if asked for) on the driver."""
    items = list(enumerate(expand_paths(paths)))
    remote = [(n, i) for n, i in items if not isinstance(i, str)]
    local = [read for n, i in items if isinstance(i, str) for read in read_numbered(opts, (n, i))]
    reads = sc.parallelize(remote, max(1, len(remote))).flatMap(partial(read_numbered, opts))
    return reads.union(sc.parallelize(local, 1)) if local else reads


def run_spark(
    paths: Sequence[str],
    opts: ReadOptions,
    spec: CoderSpec,
    *,
    folder: Path,
    master: str | None,
    partitions: int,
) -> tuple[dict[str, int], int, list[Failure], float]:
    """Code every document under `paths` on Spark and write the Parquet output. Returns rows
    per table, documents skipped (an id seen before), failures, and seconds to start Spark."""
    started = time.perf_counter()
    spark, owned = spark_session(master)
    startup = time.perf_counter() - started
    try:
        counts, skipped, failures = _run(
            spark,
            paths,
            opts,
            spec,
            folder=folder,
            partitions=partitions,
        )
    except BatchError:
        raise
    except Exception as e:  # a failed Spark job surfaces as a Py4J or PySpark error
        raise BatchError(f"the Spark job writing {folder} failed: {e}") from e
    finally:
        if owned:
            spark.stop()
    return counts, skipped, failures, startup


def _run(
    spark: Any,
    paths: Sequence[str],
    opts: ReadOptions,
    spec: CoderSpec,
    *,
    folder: Path,
    partitions: int,
) -> tuple[dict[str, int], int, list[Failure]]:
    from pyspark import StorageLevel

    sc = spark.sparkContext
    reads = _read_all(sc, paths, opts).persist(StorageLevel.MEMORY_AND_DISK)
    failures = [f for _, f in sorted(reads.filter(_is_failure).collect())]
    documents = reads.filter(_is_document).map(_keyed)
    unique = documents.reduceByKey(_earlier, partitions or sc.defaultParallelism)
    rows = unique.map(_document).mapPartitions(partial(code_partition, spec))
    rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
    counts: dict[str, int] = dict.fromkeys(store_columns(), 0)
    for table, columns in store_columns().items():
        kinds = [c.type for c in columns] + ["VARCHAR"] * len(PARTITION_COLUMNS)
        table_rows = (
            rows.filter(partial(_in_table, table)).map(_row_of).map(partial(typed_row, kinds))
        )
        frame = spark.createDataFrame(table_rows, spark_schema(columns))
        frame.write.partitionBy(*PARTITION_COLUMNS).parquet((folder / table).resolve().as_uri())
    counts.update(rows.map(_table_of).countByValue())
    coding = [row[1][0] for row in rows.filter(partial(_in_table, CODING_FAILED)).collect()]
    failures += sorted(coding, key=lambda f: f.path)
    skipped = documents.count() - counts.get("documents", 0) - counts.pop(CODING_FAILED, 0)
    rows.unpersist()
    reads.unpersist()
    return counts, skipped, failures


def _row_of(row: TableRow) -> list[Any]:
    return row[1]
