"""Corpus outputs made part by part: a register entry, a year, a search shard.

A parted builder (builders.PartedBuilder) says of each document which parts it belongs to and
what each part needs of it (`split`); a part's outputs are made from its documents' values in
the edition's order (`build_part`), and what spans the parts from their summaries (`build_whole`).
The values are rows of the store (`splits`), so a build

- splits only the documents whose record or page changed (and those gone), compares what they
  give each part with the rows, and remakes only the parts whose values changed: one edited
  document remakes the entries it names and its year, not the register;
- remakes a part whose outputs went missing from its rows;
- remakes the whole when a part appeared, went or changed its summary (by default its number of
  documents), or its `whole_key` changed;
- splits every document, and remakes every part, when what all parts share changed: the
  builder's `depends_on` inputs other than letters, pages and those only the whole reads
  (`whole_depends_on`), or what its `prepare` returns. The rows then go
  through the store's scratch (`splits_next`) a part at a time, so memory does not grow with
  the corpus.

The new rows are written with the state, in its transaction: a build that fails or is killed
leaves the rows of the last good build.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .builders import Context, CorpusInput, PartedBuilder
from .metadata import Letter
from .state import sha

BATCH = 1000  # documents split between two writes to the scratch


def sort_text(letter: Letter) -> str:
    """The edition's order as text (its fields joined by a character below any printable one)."""
    return "\x1f".join(letter.sort_key)


def _value(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass
class Changes:
    """Which documents a build must split again: those whose record or page changed, and those gone."""

    changed: set[str] = field(default_factory=set)
    gone: set[str] = field(default_factory=set)


@dataclass
class Outcome:
    parts: dict[str, dict]  # part -> {key, outputs, size}
    whole: dict  # {key, outputs}
    splits: dict | None  # the rows to write: {doc id: (sort, {part: value}) or None}; None: the scratch
    built: list[str]  # parts made again (the whole is "")


class PartedRun:
    """One parted builder in one build: what to remake, and the outputs."""

    def __init__(self, builder: PartedBuilder, store, folder, corpus: CorpusInput, context: Context):
        self.builder, self.store, self.folder = builder, store, folder
        self.corpus, self.context = corpus, context
        self.name = builder.name

    def run(self, shared_key: str, whole_extra: str, previous: dict, previous_whole: dict,
            previous_shared: str | None, changes: Changes) -> Outcome:
        """`shared_key`: of what every part depends on; `whole_extra`: of what the whole depends on
        besides (the outputs of builders it reads); `previous`: the parts the store holds."""
        letters = {letter.doc_id: letter for letter in self.corpus.letters}
        if previous_shared != shared_key or not previous:
            self._split_all()
            parts, values_of, splits, affected = self.store.scratch_parts(self.name), self._from_scratch, None, None
        else:
            splits, affected = self._split_changed(letters, changes)
            parts = sorted(set(previous) | affected)
            values_of = lambda part: self._with_changes(part, splits)  # noqa: E731
        outcome = Outcome({}, {}, splits, [])
        todo: list[tuple[str, str, list, object]] = []  # (part, key, values, summary) to make
        for part in parts:
            known = previous.get(part)
            if affected is not None and part not in affected and known and self.folder.keep(known["outputs"]):
                outcome.parts[part] = known
                continue
            values = values_of(part)
            if not values:  # its last document went, or left it
                continue
            key = sha(shared_key, part, *(_value(v) for v in values))
            if known and known["key"] == key and self.folder.keep(known["outputs"]):
                outcome.parts[part] = known
                continue
            todo.append((part, key, values, self.builder.summary(part, values)))
            if len(todo) >= self._at_once():
                self._make(todo, outcome)
                todo = []
        self._make(todo, outcome)
        summaries = {part: entry["summary"] for part, entry in sorted(outcome.parts.items())}
        whole_key = sha(shared_key, whole_extra, _value(sorted(summaries.items())),
                        self.builder.whole_key(self.corpus, self.context))
        if previous_whole.get("key") == whole_key and self.folder.keep(previous_whole.get("outputs", {})):
            outcome.whole = previous_whole
        else:
            outputs = self.builder.build_whole(summaries, self.corpus, self.context)
            for path, data in sorted(outputs.items()):
                self.folder.put(path, data)
            outcome.whole = {"key": whole_key, "outputs": self.folder.digests(outputs)}
            outcome.built.append("")
        return outcome

    def _at_once(self) -> int:
        """Parts made side by side: a builder whose parts run a program of their own (pagefind)
        keeps the cores busy with threads; the others one at a time."""
        return max(1, min(4, os.cpu_count() or 1)) if self.builder.concurrent else 1

    def _make(self, todo: list[tuple[str, str, list, object]], outcome: Outcome) -> None:
        if len(todo) > 1:
            with ThreadPoolExecutor(max_workers=len(todo)) as pool:
                made = list(pool.map(lambda job: self.builder.build_part(job[0], job[2], self.corpus, self.context),
                                     todo))
        else:
            made = [self.builder.build_part(part, values, self.corpus, self.context) for part, _, values, _ in todo]
        for (part, key, values, summary), outputs in zip(todo, made):
            for path, data in sorted(outputs.items()):
                self.folder.put(path, data)
            outcome.parts[part] = {"key": key, "outputs": self.folder.digests(outputs), "summary": summary}
            outcome.built.append(part)

    # ---- every document anew, through the scratch ------------------------------------------

    def _split_all(self) -> None:
        rows: list[tuple[str, str, str, str]] = []
        for letter in self.corpus.letters:
            page_key = self.corpus.page_keys.get(letter.doc_id, "")
            sort = sort_text(letter)
            rows += [(part, letter.doc_id, sort, _value(value))
                     for part, value in self.builder.split(letter, page_key, self.context).items()]
            if len(rows) >= BATCH:
                self.store.add_scratch(self.name, rows)
                rows = []
        self.store.add_scratch(self.name, rows)

    def _from_scratch(self, part: str) -> list:
        return [json.loads(value) for _, _, value in self.store.part_rows(self.name, part, scratch=True)]

    # ---- the documents that changed, against the rows --------------------------------------

    def _split_changed(self, letters: dict[str, Letter], changes: Changes):
        documents = sorted(changes.changed | changes.gone)
        before = self.store.splits_of(self.name, documents)
        splits: dict = {}
        affected: set[str] = set()
        for doc_id in documents:
            letter = letters.get(doc_id)
            if letter is None or doc_id in changes.gone:
                new = None
            else:
                made = self.builder.split(letter, self.corpus.page_keys.get(doc_id, ""), self.context)
                new = (sort_text(letter), {part: _value(value) for part, value in made.items()})
            old = before.get(doc_id)
            if old == new:
                continue
            splits[doc_id] = new
            old_parts, new_parts = (old[1] if old else {}), (new[1] if new else {})
            moved = (old[0] if old else None) != (new[0] if new else None)
            affected.update(part for part in set(old_parts) | set(new_parts)
                            if moved or old_parts.get(part) != new_parts.get(part))
        return splits, affected

    def _with_changes(self, part: str, splits: dict) -> list:
        rows = {doc_id: (sort, value) for doc_id, sort, value in self.store.part_rows(self.name, part)
                if doc_id not in splits}
        for doc_id, found in splits.items():
            if found and part in found[1]:
                rows[doc_id] = (found[0], found[1][part])
        return [json.loads(value) for _, (sort, value) in sorted(rows.items(), key=lambda r: (r[1][0], r[0]))]
