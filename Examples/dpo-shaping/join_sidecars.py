"""Reads prefaudit's side-cars (shaping.jsonl, weights.jsonl) and lines their rows up with the output records.

Every side-car row names one kept pair of the output dataset by `file` (relative to the apply output folder),
`member` (archive member, absent for plain files), `row` (0-based record index in that file or member) and `pair`
(pair index within the record, 0 for one-pair formats). Only the standard library is needed.
"""

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple


class SidecarError(ValueError):
    """A side-car row that is malformed, duplicated, missing, or does not fit the output dataset."""


class PairKey(NamedTuple):
    """The output pair a side-car row describes."""

    file: str
    member: str | None
    row: int
    pair: int

    def place(self) -> str:
        """Returns `file` or `file[member]`."""
        return self.file if self.member is None else f"{self.file}[{self.member}]"

    def describe(self) -> str:
        """Returns `file[member] row R pair P`, the way errors name a pair."""
        return f"{self.place()} row {self.row} pair {self.pair}"


def read_sidecar(path: Path, field: str) -> dict[PairKey, float]:
    """Reads one side-car into {pair key: value of `field`}, refusing bad or duplicate rows.

    Args:
        path: `shaping.jsonl` (field "offset") or `weights.jsonl` (field "weight").
        field: the number to keep from each row.
    """
    values: dict[PairKey, float] = {}
    first_line: dict[PairKey, int] = {}
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{line_number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise SidecarError(f"{where}: not valid JSON ({error.msg})") from None
            if not isinstance(row, dict):
                raise SidecarError(f"{where}: expected a JSON object")
            key = _pair_key(row, where)
            value = row.get(field)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise SidecarError(f"{where}: '{field}' must be a finite number, got {value!r}")
            if field == "weight" and value < 0:
                raise SidecarError(f"{where}: 'weight' must not be negative, got {value!r}")
            if key in values:
                raise SidecarError(f"{where}: duplicate row for {key.describe()} (first at line {first_line[key]})")
            values[key] = float(value)
            first_line[key] = line_number
    if not values:
        raise SidecarError(f"{path}: no rows")
    return values


def join_sidecars(shaping: Path | None, weights: Path | None) -> dict[PairKey, tuple[float, float]]:
    """Reads the given side-cars into {pair key: (offset, weight)}; when both are given they must name the same pairs.

    A side-car that is not given contributes offset 0 or weight 1.
    """
    if shaping is None and weights is None:
        raise SidecarError("give shaping.jsonl, weights.jsonl or both")
    offsets = read_sidecar(shaping, "offset") if shaping is not None else {}
    pair_weights = read_sidecar(weights, "weight") if weights is not None else {}
    if shaping is not None and weights is not None:
        for name, keys, other_name, other_keys in (
            (shaping, offsets, weights, pair_weights),
            (weights, pair_weights, shaping, offsets),
        ):
            unmatched = sorted(keys.keys() - other_keys.keys())
            if unmatched:
                raise SidecarError(
                    f"{name}: {len(unmatched)} pairs have no row in {other_name}, first {unmatched[0].describe()}"
                )
    keys = offsets.keys() if shaping is not None else pair_weights.keys()
    return {key: (offsets.get(key, 0.0), pair_weights.get(key, 1.0)) for key in keys}


def keys_by_file(joined: dict[PairKey, tuple[float, float]]) -> dict[tuple[str, str | None], list[PairKey]]:
    """Groups the pair keys by (file, member), files in name order, each group in row and pair order."""
    groups: dict[tuple[str, str | None], list[PairKey]] = defaultdict(list)
    for key in joined:
        groups[(key.file, key.member)].append(key)
    return {place: sorted(groups[place]) for place in sorted(groups, key=lambda place: (place[0], place[1] or ""))}


def aligned_values(
    joined: dict[PairKey, tuple[float, float]], keys: list[PairKey], record_count: int
) -> tuple[list[float], list[float]]:
    """Returns (offsets, weights) for records 0..record_count−1 of one output file holding one pair per record.

    Args:
        joined: the result of `join_sidecars`.
        keys: that file's keys, as `keys_by_file` groups them.
        record_count: how many records the output file holds.

    Raises:
        SidecarError: a record has several pairs, a row points past the file's end, or a record has no row.
    """
    for key in keys:
        if key.pair != 0:
            raise SidecarError(
                f"{key.describe()}: multi-pair records (UltraFeedback raw, all-pairs) hold several pairs; "
                "this example trains on formats with one pair per record"
            )
        if key.row >= record_count:
            raise SidecarError(f"{key.describe()}: {key.place()} holds only {record_count} records")
    rows = [key.row for key in keys]
    if rows != list(range(record_count)):
        missing = sorted(set(range(record_count)) - set(rows))
        raise SidecarError(f"{keys[0].place()}: {len(missing)} records have no side-car row, first row {missing[0]}")
    return [joined[key][0] for key in keys], [joined[key][1] for key in keys]


def _pair_key(row: dict, where: str) -> PairKey:
    """Returns the pair key of one side-car row, or raises SidecarError naming `where`."""
    file = row.get("file")
    if not isinstance(file, str) or not file:
        raise SidecarError(f"{where}: 'file' must be a non-empty string, got {file!r}")
    member = row.get("member")
    if member is not None and (not isinstance(member, str) or not member):
        raise SidecarError(f"{where}: 'member' must be a non-empty string when present, got {member!r}")
    for name in ("row", "pair"):
        value = row.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SidecarError(f"{where}: '{name}' must be an integer >= 0, got {value!r}")
    return PairKey(file, member, row["row"], row["pair"])
