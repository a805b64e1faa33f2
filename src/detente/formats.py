"""The field's event layouts: detente's events as GDELT 2.0, ICEWS and POLECAT records.

Pure functions over one event row (the fields of `detente events --format jsonl`, with its
document's URL, publisher and ingest time and its merged event's counts, see
`operations.export_records`). A field detente has no value for is left empty, never made up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# GDELT 2.0's event table, its 61 columns in order (tab-separated, no header line).
GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"{actor}{field}"
        for actor in ("Actor1", "Actor2")
        for field in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{where}Geo_{field}"
        for where in ("Actor1", "Actor2", "Action")
        for field in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ),
    "DATEADDED",
    "SOURCEURL",
)

# ICEWS's event file columns (tab-separated, with this header line).
ICEWS_COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)


@dataclass(frozen=True, slots=True)
class Actors:
    """What the layouts need to know of actor codes: names, and which codes are states."""

    names: Mapping[str, str]
    states: frozenset[str]


def _day(value: Any) -> dt.date | None:
    if not value:
        return None
    parts = [int(p) for p in str(value).split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def global_id(event_id: str) -> int:
    """An integer id for GDELT's GLOBALEVENTID, from detente's hexadecimal event id."""
    return int(event_id[:15], 16)


def _text(value: Any) -> str:
    """A field of a tab-separated line: no tab, no line break."""
    return "" if value is None else " ".join(str(value).replace("\t", " ").splitlines())


def gdelt_record(row: Mapping[str, Any], actors: Actors) -> list[str]:
    """One event as GDELT 2.0's 61 fields."""
    day = _day(row.get("date_start") or row.get("date"))
    fraction = f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else ""
    fields: dict[str, str] = dict.fromkeys(GDELT_COLUMNS, "")
    fields.update(
        GLOBALEVENTID=str(global_id(row["event_id"])),
        SQLDATE=day.strftime("%Y%m%d") if day else "",
        MonthYear=day.strftime("%Y%m") if day else "",
        Year=str(day.year) if day else "",
        FractionDate=fraction,
        IsRootEvent="1" if row.get("sent_index") == 0 else "0",
        EventCode=_text(row["code"]),
        EventBaseCode=_text(row["code"])[:3],
        EventRootCode=_text(row["root"]),
        QuadClass=_text(row.get("quad_class")),
        GoldsteinScale=_text(row.get("goldstein")),
        NumMentions=_text(row.get("n_reports") or row.get("n_mentions")),
        NumSources=_text(row.get("n_sources")),
        NumArticles=_text(row.get("n_docs")),
        DATEADDED=row["ingested_at"].strftime("%Y%m%d%H%M%S") if row.get("ingested_at") else "",
        SOURCEURL=_text(row.get("url") or row.get("path")),
    )
    for prefix, side in (("Actor1", "source"), ("Actor2", "target")):
        code, sector = _text(row.get(side)), _text(row.get(f"{side}_sector"))
        if not code:
            continue
        fields[f"{prefix}Code"] = f"{code}{sector}"
        fields[f"{prefix}Name"] = _text(actors.names.get(code, ""))
        if code in actors.states:
            fields[f"{prefix}CountryCode"] = code
        else:
            fields[f"{prefix}KnownGroupCode"] = code
        fields[f"{prefix}Type1Code"] = sector
    return [fields[c] for c in GDELT_COLUMNS]


def icews_record(row: Mapping[str, Any], actors: Actors) -> list[str]:
    """One event as ICEWS's 20 fields (its intensity is the Goldstein value, as in ICEWS)."""
    out = dict.fromkeys(ICEWS_COLUMNS, "")
    out.update(
        {
            "Event ID": str(global_id(row["event_id"])),
            "Event Date": _text(row.get("date")),
            "Event Text": _text(row.get("code_name")),
            "CAMEO Code": row["code"],
            "Intensity": _text(row.get("goldstein")),
            "Story ID": _text(row["doc_id"]),
            "Sentence Number": _text(row.get("sent_index")),
            "Publisher": _text(row.get("publisher")),
        }
    )
    for prefix, side in (("Source", "source"), ("Target", "target")):
        code = row.get(side)
        if not code:
            continue
        out[f"{prefix} Name"] = _text(actors.names.get(code, code))
        out[f"{prefix} Sectors"] = _text(row.get(f"{side}_sector"))
        out[f"{prefix} Country"] = (
            _text(actors.names.get(code, "")) if code in actors.states else ""
        )
    return [out[c] for c in ICEWS_COLUMNS]


def polecat_record(row: Mapping[str, Any], actors: Actors) -> dict[str, Any]:
    """One event as a PLOVER/POLECAT record (a JSON object)."""

    def actor(side: str) -> dict[str, Any] | None:
        code = row.get(side)
        if not code:
            return None
        return {
            "code": code,
            "name": actors.names.get(code),
            "country": code if code in actors.states else None,
            "sector": row.get(f"{side}_sector"),
        }

    return {
        "event_id": row["event_id"],
        "story_id": row["doc_id"],
        "event_date": row.get("date"),
        "event_type": row.get("plover"),
        "cameo_code": row["code"],
        "goldstein": row.get("goldstein"),
        "quad_class": row.get("quad_class"),
        "actor": actor("source"),
        "recipient": actor("target"),
        "event_text": row.get("evidence"),
        "trigger": row.get("trigger"),
        "publisher": row.get("publisher"),
        "url": row.get("url"),
        "confidence": row.get("confidence"),
    }
