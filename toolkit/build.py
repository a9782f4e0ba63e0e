"""`teikit build`: validate the edition, then write every output of the builders.

    discover (stat, hash what changed) -> check the documents that changed (tasks.check)
    -> order every record -> render the pages that changed (tasks.render)
    -> corpus-level builders if their inputs changed -> publish into the output folder -> state

What runs where: the tasks on the executor seam (this process, a local pool, Dask); the
writing, the manifest and the state here. Which outputs exist is the builders' business
(toolkit/builders/); this module names none.

What changed is decided from keys (SHA-256 over everything an output depends on):
- a document is checked again when its bytes, the schema or the authority entries changed;
- a page is rendered again when its document, its parameters (prev/next titles), the
  stylesheets, the authority entries or teikit.toml changed;
- the corpus-level outputs are made again when a metadata record, a support file, the
  stylesheets or teikit.toml changed; identical bytes are never rewritten.
The authority key is made from the entries, not the files' bytes: a comment in persons.xml
changes only the published copy of persons.xml. A no-op build parses nothing, and stops
before reading the state: state.Snapshot (the inputs' sizes and times, the site's folders'
times) says nothing changed.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import stat as stat_module
import time
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

from . import NSMAP, __version__, metadata
from .authority import AuthorityIndex, Entry
from .builders import (CorpusInput, Context, PartedBuilder, corpus_builders, document_builders, page_params,
                       settings_of)
from .checking import Checked, check
from .corpus import authority_index, parse_tei
from .diagnostics import ERROR, WARNING, Diagnostic, display_path
from .dts import static_mode
from .errors import InputError, SchemaNotFound
from .edition import Edition, build_date
from .executors import batches, default_jobs, open_executor
from .labels import Labels
from .output import OutputFolder
from .rendering import PageJob, render
from .rules import judged
from .state import SNAPSHOT_FILE, FileStamp, Record, Snapshot, State, folder_times, inputs_fingerprint, plain, sha
from .tasks import TaskContext
from .validation import checks_of, duplicate_ids
from .xmlio import read_regular, require_inside, require_safe_name, unreadable
from .xslt import stylesheet_files

# Below this many documents to check or render, worker processes cost more than they save.
PARALLEL_MIN = 24


@dataclass
class BuildReport:
    out_dir: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # files that were not built
    built: list[str] = field(default_factory=list)  # documents whose outputs were made again
    up_to_date: list[str] = field(default_factory=list)  # documents left as they were
    checked: int = 0  # documents parsed and validated
    corpus_built: list[str] = field(default_factory=list)  # corpus-level builders that ran
    corpus_total: int = 0  # corpus-level builders switched on for this edition
    written: int = 0  # files published (new or changed bytes)
    removed: int = 0  # stale files of earlier builds deleted
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds
    support_files: set[str] = field(default_factory=set)  # the authority files and edition.xml, as displayed
    checks: str = ""  # what the documents were checked against, in words (validation.checks_of)

    @property
    def site_written(self) -> bool:
        return bool(self.corpus_built)

    def fail(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)
        if diagnostic.file not in self.failed:
            self.failed.append(diagnostic.file)

    @property
    def failed_documents(self) -> list[str]:
        """The documents (letters) refused; not the authority files, not teikit.toml."""
        return [f for f in self.failed if f not in self.support_files]

    def summary(self) -> str:
        total = len(self.built) + len(self.up_to_date)
        parts = [f"{total} document{'' if total == 1 else 's'} in {display_path(self.out_dir)}",
                 f"{len(self.built)} rebuilt", f"{len(self.up_to_date)} up to date"]
        if self.failed_documents:
            parts.append(f"{len(self.failed_documents)} failed")
        support = len(self.failed) - len(self.failed_documents)
        if support:
            parts.append(f"{support} other file{'' if support == 1 else 's'} (authority files, outputs) with errors")

        if not self.corpus_built:
            site = "site pages up to date"
        elif len(self.corpus_built) == (self.corpus_total or len(corpus_builders())):
            site = "site pages and cmif.xml written"
        else:
            site = f"corpus outputs rebuilt: {', '.join(self.corpus_built)}"
        checks = f" ({self.checks})" if self.checks else ""
        return f"Built {', '.join(parts)}; {site}{checks}."

    def timing_line(self) -> str:
        """The summary with the work done and the time of each stage: the build's last line."""
        stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.timings.items())
        return (f"{self.summary()[:-1]}; {self.checked} checked, {self.written} files written, "
                f"{self.removed} removed; {stages}.")

    def as_json(self) -> str:
        data = {"out": str(self.out_dir), "documents": len(self.built) + len(self.up_to_date),
                "rebuilt": len(self.built), "up_to_date": len(self.up_to_date), "failed": sorted(self.failed),
                "failed_documents": len(self.failed_documents),
                "checked": self.checked, "site_written": self.site_written, "corpus_built": self.corpus_built, "written": self.written,
                "removed": self.removed, "timings": {k: round(v, 4) for k, v in self.timings.items()},
                "diagnostics": [asdict(d) for d in self.diagnostics]}
        return json.dumps(data, ensure_ascii=False, indent=2)


class _Clock:
    def __init__(self, report: BuildReport):
        self.report, self.start = report, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.report.timings[stage] = self.report.timings.get(stage, 0.0) + now - self.start
        self.start = now


def build(edition: Edition, out_dir: Path | None = None, jobs: int | None = None, clean: bool = False,
          executor: str = "local", scheduler: str | None = None, progress=None,
          schema: str | None = None) -> BuildReport:
    """Build the edition into `out_dir` (default: build/ in the edition); invalid documents (against
    `schema`, default teikit.toml's) are reported and skipped. `progress(stage, total)` returns a
    callable advanced per document."""
    folder = OutputFolder.open(Path(out_dir) if out_dir is not None else edition.root / "build", edition)
    try:  # the folder is locked until the build is over
        return _build_into(folder, edition, jobs, clean, executor, scheduler, progress, schema)
    finally:
        folder.close()
        gc.unfreeze()  # the state loaded (_load_state) is the collector's again, to be freed


def _build_into(folder: OutputFolder, edition: Edition, jobs, clean, executor, scheduler, progress,
                schema) -> BuildReport:
    schema = schema or edition.config.schema
    report = BuildReport(folder.root, checks=checks_of(edition, schema))
    report.diagnostics += config_warnings(edition)
    clock = _Clock(report)
    # The inputs listed and statted once: before anything is read (an edit during the build shows
    # next time), for the snapshot and for discover alike.
    listed = Listing(edition.document_files(), edition.authority_files())
    inputs = fingerprint(edition, schema, listed)
    snapshot = None if clean else Snapshot.load(folder.root)
    folder.intact = snapshot is not None and snapshot.folders_hold(folder.root)
    if folder.intact and snapshot.inputs == inputs:
        folder.abandon()
        report.up_to_date = list(snapshot.documents)
        clock.lap("discover")
        report.timings.update({stage: 0.0 for stage in ("check", "render", "corpus", "write")})
        return report
    if clean:
        State.drop(folder.store)
    previous = _load_state(folder)
    run = _Run(edition, folder, previous, report, jobs or default_jobs(), executor, scheduler, progress, schema)
    run.discover(listed)
    clock.lap("discover")
    records = run.check()
    clock.lap("check")
    letters = run.order(records)
    run.render(letters)
    clock.lap("render")
    run.corpus(letters, records)
    clock.lap("corpus")
    report.removed = len(folder.publish())
    report.written = len(folder.written)
    for path in folder.foreign:
        report.fail(Diagnostic(display_path(folder.root / path), 1, 0, ERROR, "output-foreign",
                               "a file teikit did not write is where the build puts one of its outputs; it was "
                               "left as it was and the output not written: move it away, or build into another folder"))
    _remember(run, folder, inputs)
    clock.lap("write")
    return report


def _load_state(folder: OutputFolder) -> State:
    """The state, loaded with the collector paused and then frozen: its records are millions of
    objects that live as long as the build, which every full collection would otherwise walk
    (while loading, and again and again while the build makes more)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        previous = State.load(folder.store)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return previous


def _remember(run: "_Run", folder: OutputFolder, inputs: str | None) -> None:
    """Keep what this build learnt for the next. A refused document has no record, so the next
    build checks it (and only it) again; a refused authority file, whose verdict is kept nowhere,
    drops the state (the next build starts clean), and so does a foreign file in the output folder.
    The no-op snapshot is written only when nothing failed: a failure is reported again by every
    build until it is mended."""
    report = run.report
    if set(report.failed) - set(report.failed_documents):
        State.drop(folder.store)
        Snapshot.drop(folder.root)
        return
    if run.state_changed():
        run.state.save(folder.store, run.previous)
    folders = folder_times(folder.root, folder.wanted)
    if report.failed or inputs is None or folders is None:
        Snapshot.drop(folder.root)
        return
    done = Snapshot(inputs, folders, sorted(report.built + report.up_to_date))
    folder.write_meta(Path(SNAPSHOT_FILE).name, done.dumps())


@dataclass
class Listing:
    """The documents and support files as the build found them, and their stats (path -> os.stat_result)
    as the fingerprint took them: the folder is globbed and each file statted once per build."""

    documents: list[Path]
    support: list[Path]
    stats: dict[str, os.stat_result] = field(default_factory=dict)


def fingerprint(edition: Edition, schema: str, listed: Listing | None = None) -> str | None:
    """Of everything a build reads and the options that change its outputs (state.Snapshot)."""
    import pkgutil

    from . import builders

    listed = listed or Listing(edition.document_files(), edition.authority_files())
    config = edition.root / "teikit.toml"
    paths = [*listed.documents, *listed.support, *stylesheet_files(edition.xslt_dir),
             *stylesheet_files(edition.schema_dir), *([config] if config.exists() else [])]
    options = [__version__, schema, str(edition.root.resolve()), str(config.exists()),
               os.environ.get("SOURCE_DATE_EPOCH", ""),
               *(module.name for module in pkgutil.iter_modules(builders.__path__))]
    return inputs_fingerprint(paths, options, listed.stats)


def config_warnings(edition: Edition) -> list[Diagnostic]:
    """teikit.toml's unknown keys, and one warning line for each thing a published edition needs that it does not say."""
    where = display_path(edition.root / "teikit.toml")
    return judged([*edition.config.warnings,
                   *(Diagnostic(where, 1, 0, WARNING, rule, message) for rule, message in edition.config.missing())],
                  edition.config.rules)


class _Run:
    """One build: the inputs as found now, and what the previous build left in the state."""

    def __init__(self, edition, folder, previous, report, jobs, executor, scheduler, progress, schema):
        self.edition, self.folder, self.previous, self.report = edition, folder, previous, report
        self.schema = schema  # edition | tei_all | none | PATH.rng
        self.jobs, self.executor, self.scheduler, self.progress = jobs, executor, scheduler, progress
        self.state = State()
        self.unreadable: dict[str, Diagnostic] = {}  # path -> why it could not be read
        self.off: dict[str, str] = {}  # builders this edition does without, and why
        self._folders_inside: dict[str, bool] = {}  # folder -> inside the edition (_require_inside)

    def state_changed(self) -> bool:
        """A no-op build leaves the state file as it was (writing it would cost more than the build)."""
        report, previous, state = self.report, self.previous, self.state
        return bool(report.checked or report.built or report.site_written or state.files != previous.files
                    or state.pages.keys() != previous.pages.keys() or state.records.keys() != previous.records.keys()
                    or state.corpus != previous.corpus)

    # ---- discover: stat everything, hash only what changed, parse nothing ------------------

    def discover(self, listed: Listing) -> None:
        self.documents = listed.documents
        self.switch_builders()
        self.support_paths = listed.support
        self.report.support_files = {display_path(p) for p in self.support_paths}
        self.stamps = {str(p): self._stamp(p, listed.stats.get(str(p))) for p in self.documents + self.support_paths}
        self.missing = [p for p in self.documents if self.stamps[str(p)] is None]
        for path in self.missing:
            self.report.fail(self.unreadable.get(str(path))
                             or Diagnostic(display_path(path), 1, 0, ERROR, "io", "cannot read file"))
        self.state.files = {p: s for p, s in self.stamps.items() if s is not None}

    def switch_builders(self) -> None:
        """The builders this edition does without (Builder.off): each reason is one warning line."""
        config, count = self.edition.config, len(self.documents)
        self.off = {b.name: reason for b in document_builders() + corpus_builders()
                    if (reason := b.off(config, count)) is not None}
        where = display_path(self.edition.root / "teikit.toml")
        for reason in dict.fromkeys(self.off.values()):
            self.report.diagnostics.append(Diagnostic(where, 1, 0, WARNING, "build-off", reason))
        self.report.corpus_total = len([b for b in corpus_builders() if b.name not in self.off])

    def _stamp(self, path: Path, stat: os.stat_result | None = None) -> FileStamp | None:
        """`stat`: the file's as the fingerprint took it (a build stats each input once)."""
        try:
            require_safe_name(path)
            self._require_inside(path)
            stat = stat or os.stat(path)
        except OSError as error:
            self.unreadable[str(path)] = unreadable(path, error).diagnostic
            return None
        except InputError as error:
            self.unreadable[str(path)] = error.diagnostic
            return None
        known = self.previous.files.get(str(path))
        if known is not None and known.matches(stat):
            return known
        try:  # only regular files, up to the size cap: a FIFO or /dev/zero never blocks the build
            return FileStamp(stat.st_size, stat.st_mtime_ns, sha(read_regular(path, self.edition.config.max_file_bytes)))
        except InputError as error:
            self.unreadable[str(path)] = error.diagnostic
            return None

    def _require_inside(self, path: Path) -> None:
        """xmlio.require_inside with each folder resolved once, not each file: a file that is no
        link is inside the edition when its folder is (anything else is asked of the file)."""
        folder = os.path.dirname(path)
        inside = self._folders_inside.get(folder)
        if inside is None:
            try:
                require_inside(Path(folder), self.edition.roots)
                inside = True
            except InputError:
                inside = False
            self._folders_inside[folder] = inside
        if not inside or stat_module.S_ISLNK(os.lstat(path).st_mode):
            require_inside(path, self.edition.roots)

    def _files_key(self, paths: list[Path]) -> str:
        parts: list[bytes | str] = [__version__]
        for path in paths:
            stamp = self.stamps.get(str(path)) or self._stamp(path)
            parts += [str(path), stamp.sha if stamp else ""]
        return sha(*parts)

    @cached_property
    def style_key(self) -> str:
        return self._files_key(stylesheet_files(self.edition.xslt_dir))

    @cached_property
    def schema_key(self) -> str:
        return sha(self.schema, self._files_key(stylesheet_files(self.edition.schema_dir)), self._tei_all())

    def _tei_all(self) -> str:
        """Which tei_all.rng the documents are checked against, when they are ([schemas] tei_all)."""
        if self.schema != "tei_all":
            return ""
        try:
            return str(self.edition.tei_all_path())
        except SchemaNotFound:
            return ""

    @cached_property
    def support_checked_key(self) -> str:
        """What the support files' verdicts depend on: their bytes, the schema, the settings of the checks."""
        return sha(self.support_key, self.schema_key, self.edition.config.records_key())

    def config_key(self, builders: list) -> str:
        """Of the settings `builders` read (Builder.settings): a change of another leaves their outputs."""
        return sha(self.edition.config.key_of(settings_of(builders)))

    @cached_property
    def support_key(self) -> str:
        return self._files_key(self.support_paths)

    @cached_property
    def authority_key(self) -> str:
        """Of the entries, not of the files: comments and layout change nothing here."""
        if self.previous.corpus.get("support") == self.support_key:
            return self.previous.corpus["authority"]
        return authority_key(self.authority.entries.values())

    @cached_property
    def labels(self) -> Labels:
        return self.edition.labels()

    @cached_property
    def labels_key(self) -> str:
        return sha(self.labels.key)

    @cached_property
    def site_params(self) -> dict[str, object]:
        config = self.edition.config
        inputs = [Path(p) for p in self.stamps] + [self.edition.root / "teikit.toml"]
        return {"site": True, "edition-title": self._edition_title(), "edition-editors": ", ".join(config.editors),
                "licence": config.licence, "licence-name": self.labels.licence(config.licence) if config.licence else "",
                **self._edition_statements(),
                "base-url": config.base_url, "publisher": config.publisher,
                "build-date": build_date(inputs, config.date), "teikit-version": __version__,
                # how much of the DTS API is written as files: a page's key, since its answers follow it
                "dts-static": static_mode(config.dts_static, len(self.documents))}

    def _edition_statements(self) -> dict[str, str]:
        """What edition.xml says that every page repeats: the licence in its words (what it covers)
        and what it says beside it (what it does not cover), for the footer, where it names the
        licence teikit.toml gives; and what it says of the language of its source (a translation),
        for "How to cite"."""
        stated = self._edition_stated()
        same = stated["licence"].rstrip("/") == self.edition.config.licence.rstrip("/") != ""
        return {"rights-licence": stated["covers"] if same else "", "rights-note": stated["note"] if same else "",
                "source-language": stated["language"]}

    def _edition_stated(self) -> dict[str, str]:
        """edition.xml's availability and language note (remembered while edition.xml is unchanged)."""
        if self.previous.corpus.get("support") == self.support_key and "stated" in self.previous.corpus:
            return self.previous.corpus["stated"]
        document = self.edition_document
        stated = metadata.rights(document.root) if document is not None else metadata.Rights()
        language = metadata.source_language_note(document.root) if document is not None else ""
        return {"licence": stated.licence, "covers": stated.covers, "note": stated.note, "language": language}

    def _edition_title(self) -> str:
        """teikit.toml's title, else edition.xml's (remembered while edition.xml is unchanged)."""
        if self.edition.config.title:
            return self.edition.config.title
        if self.previous.corpus.get("support") == self.support_key and "title" in self.previous.corpus:
            return self.previous.corpus["title"]
        document = self.edition_document
        found = document.root.xpath("string(tei:teiHeader//tei:titleStmt/tei:title[1])",
                                    namespaces=NSMAP) if document else ""
        return " ".join(found.split()) or "Untitled edition"

    # ---- the support files: parsed only when there is work that needs them ------------------

    @cached_property
    def support(self) -> list:
        parsed, failures = parse_tei(self.support_paths, self.edition.config.max_file_bytes, self.edition.roots)
        for failure in failures:
            self.report.fail(failure)
        return parsed

    @cached_property
    def authority(self) -> AuthorityIndex:
        return authority_index(self.edition, self.support)

    @property
    def edition_document(self):
        description = self.edition.description_file().resolve()
        return next((d for d in self.support if d.path.resolve() == description), None)

    @cached_property
    def context(self) -> TaskContext:
        build = Context(self.edition, self.authority, self.site_params, self.labels)
        where = self.edition.authority_description()
        return TaskContext(self.edition, self.authority, self.schema, where, True, build, frozenset(self.off))

    def _executor(self, work: list):
        jobs = self.jobs if sum(len(b) for b in work) >= PARALLEL_MIN or self.executor == "dask" else 1
        return open_executor(self.context, jobs, self.executor, self.scheduler, tasks=len(work))

    def _advance(self, stage: str, total: int):
        if self.progress is None or total == 0:
            return lambda n: None
        return self.progress(stage, total)

    # ---- check: the documents whose record is out of date -----------------------------------

    def check(self) -> dict[str, Record]:
        rules_key = sha(self.schema_key, self.authority_key, self.edition.config.records_key())
        records, todo = {}, []
        for path in self.documents:
            stamp = self.stamps[str(path)]
            if stamp is None:
                continue
            known = self.previous.records.get(str(path))
            if known is not None and known.key == sha(stamp.sha, rules_key):
                records[str(path)] = known
            else:
                todo.append(str(path))
        support_changed = self.previous.corpus.get("checked") != self.support_checked_key
        if not todo and not support_changed:
            return self._keep(records)
        work = batches(todo, self.jobs)
        advance = self._advance("Checking", len(todo))
        checked = []
        with self._executor(work) as pool:
            for share in pool.run(check, work):
                checked.extend(share)
                advance(len(share))
        checked.sort(key=lambda c: c.path)
        self.report.checked = len(checked)
        support_targets = self.support if support_changed else []
        problems = [d for c in checked for d in c.diagnostics] + self._check_support(support_targets)
        # a grammar jing checks (tei_all): once for every file the tasks' safe parser accepted
        problems += self.context.rules.check_grammar([Path(c.path) for c in checked if c.parsed] +
                                                     [d.path for d in support_targets])
        if self.context.rules.unique_ids:
            problems += duplicate_ids(self.support, checked + self._known_ids(records), support_targets)
        for diagnostic in sorted(set(judged(problems, self.edition.config.rules))):
            (self.report.fail if diagnostic.is_error else self.report.diagnostics.append)(diagnostic)
        invalid = set(self.report.failed)
        for result in checked:
            if result.valid and display_path(result.path) not in invalid and result.letter is not None:
                warnings = [d for d in result.diagnostics if not d.is_error]
                records[result.path] = Record(sha(result.stamp.sha, rules_key), result.letter, result.ids, warnings)
                self.state.files[result.path] = result.stamp  # the bytes that were checked
        return self._keep({p: r for p, r in records.items() if display_path(p) not in invalid})

    def _keep(self, records: dict[str, Record]) -> dict[str, Record]:
        self.state.records = records
        return records

    def _check_support(self, documents) -> list[Diagnostic]:
        from .validation.references import check_pointers

        rules = self.context.rules
        found = [d for document in documents for d in rules.check_document(document)]
        where = self.context.where
        return found + [d for document in documents for d in check_pointers(document, self.authority, where)]

    @staticmethod
    def _known_ids(records: dict[str, Record]) -> list:
        return [Checked(path, None, ids=record.ids) for path, record in records.items()]

    # ---- order and render ---------------------------------------------------------------

    def order(self, records: dict[str, Record]) -> list[metadata.Letter]:
        """The valid documents in chronological order; two files with one stem fail."""
        seen: dict[str, str] = {}
        letters = []
        for path, record in sorted(records.items()):
            doc_id = record.letter.doc_id
            if doc_id in seen:
                self.report.fail(Diagnostic(display_path(path), 1, 0, ERROR, "build-duplicate-id",
                                            f"another file is also called {doc_id}: {display_path(seen[doc_id])}; "
                                            "rename one, since both would be written to the same page"))
                continue
            seen[doc_id] = path
            letters.append(record.letter)
        self.paths = {doc_id: path for doc_id, path in seen.items()}
        return metadata.chronological(letters)

    def render(self, letters: list) -> None:
        making = [b for b in document_builders() if b.name not in self.off]
        base = sha(self.style_key, self.authority_key, self.config_key(making), self.site_key, self.labels_key,
                   *sorted(self.off))
        todo = []
        for index, letter in enumerate(letters):
            path = self.paths[letter.doc_id]
            params = page_params(letters, index, self.site_params, self.labels)
            # the page is made from the bytes and from the record, which the records' settings shape
            key = sha(base, self.state.files[path].sha, self.state.records[path].digest,
                      json.dumps(params, sort_keys=True, ensure_ascii=False))
            known = self.previous.pages.get(letter.doc_id)
            if known and known["key"] == key and self.folder.keep(known["outputs"]):
                self.state.pages[letter.doc_id] = known
                self.report.up_to_date.append(letter.doc_id)
            else:
                todo.append((key, PageJob(path, self.state.files[path].sha, letter, params)))
        if not todo:
            return
        keys = {job.letter.doc_id: key for key, job in todo}
        work = batches([job for _, job in todo], self.jobs, size=16)
        advance = self._advance("Building pages", len(todo))
        with self._executor(work) as pool:
            for share in pool.run(render, work):
                for result in share:
                    self._publish_page(result, keys[result.doc_id])
                advance(len(share))
        self.report.built.sort()

    @cached_property
    def site_key(self) -> str:
        return sha(json.dumps(self.site_params, sort_keys=True, ensure_ascii=False))

    def _publish_page(self, result, key: str) -> None:
        if result.error is not None:
            self.report.fail(result.error)
            return
        for path, data in sorted(result.outputs.items()):
            self.folder.put(path, data)
        self.state.pages[result.doc_id] = {"key": key, "outputs": self.folder.digests(result.outputs)}
        self.report.built.append(result.doc_id)

    # ---- corpus-level outputs ------------------------------------------------------------

    def corpus(self, letters: list, records: dict[str, Record]) -> None:
        """Each corpus-level builder whose inputs changed, or whose outputs are missing; a parted
        builder's parts whose documents changed (parts.py)."""
        built = [l for l in letters if l.doc_id in self.state.pages]
        inputs = {"letters": sha(*[records[self.paths[l.doc_id]].digest for l in built]),
                  "pages": sha(*[self.state.pages[l.doc_id]["key"] for l in built]),
                  "authority": self.authority_key, "support": self.support_key, "stylesheets": self.style_key,
                  "description": self._description_key(),
                  "site": self.site_key, "dating": self._dating(), "labels": self.labels_key}
        known = self.previous.corpus.get("builders", {})
        self.state.corpus = {"support": self.support_key, "authority": self.authority_key, "builders": {},
                             "parts": {}, "globals": {}, "checked": self.support_checked_key,
                             "title": self.site_params["edition-title"], "stated": self._edition_stated()}
        made: dict[str, str] = {}  # builder name -> its key, for the builders that read its outputs
        data = CorpusInput(built, self.edition_document, {d.path.name: d.data for d in self.support},
                           [Path(self.paths[l.doc_id]) for l in built] + [d.path for d in self.support],
                           read_output=self.folder.read, builder_outputs={},
                           page_keys={l.doc_id: self.state.pages[l.doc_id]["key"] for l in built})
        for builder in corpus_builders():
            if builder.name in self.off:
                continue
            read = [made[name] if name in made else inputs["pages"] for name in builder.reads]
            inputs["config"] = self.config_key([builder])
            if isinstance(builder, PartedBuilder):  # a page it reads is in its documents' values
                read = [made[name] for name in builder.reads if name in made]
                made[builder.name] = self._parted(builder, inputs, read, data, records)
                continue
            key = made[builder.name] = sha(builder.name, *[inputs[name] for name in builder.depends_on], *read)
            before = known.get(builder.name, {})
            if before.get("key") == key and self.folder.keep(before.get("outputs", {})):
                self.state.corpus["builders"][builder.name] = before
                data.builder_outputs[builder.name] = sorted(before.get("outputs", {}))
                continue
            outputs = builder.build(data, self.context.build)
            for path, content in sorted(outputs.items()):
                self.folder.put(path, content)
            self.state.corpus["builders"][builder.name] = {"key": key, "outputs": self.folder.digests(outputs)}
            data.builder_outputs[builder.name] = sorted(outputs)
            self.report.corpus_built.append(builder.name)
        for warning in judged(data.diagnostics, self.edition.config.rules):
            (self.report.fail if warning.is_error else self.report.diagnostics.append)(warning)

    def _description_key(self) -> str:
        """Of edition.xml's bytes; the same for an edition without one, wherever [corpus] description points."""
        description = self.edition.description_file()
        return self._files_key([description]) if description.is_file() else ""

    def _parted(self, builder: PartedBuilder, inputs: dict, read: list[str], data: CorpusInput,
                records: dict[str, Record]) -> str:
        """A parted builder's run: the parts whose documents changed, and the whole if their sizes
        did; its key (for the builders that read it) is that of everything it published."""
        from .parts import Changes, PartedRun

        name = builder.name
        whole_only = ("letters", "pages", *builder.whole_depends_on)
        shared = sha(name, *[inputs[n] for n in builder.depends_on if n not in whole_only],
                     builder.prepare(data, self.context.build))
        previous, state = self.previous, self.state
        changes = Changes()
        for letter in data.letters:
            path = self.paths[letter.doc_id]
            old_record, old_page = previous.records.get(path), previous.pages.get(letter.doc_id)
            if (old_record is None or old_record.digest != records[path].digest or old_page is None
                    or old_page["key"] != data.page_keys[letter.doc_id]):
                changes.changed.add(letter.doc_id)
        changes.gone = set(previous.pages) - set(data.page_keys)
        outcome = PartedRun(builder, self.folder.store, self.folder, data, self.context.build).run(
            shared, sha(*read, *[inputs[n] for n in builder.whole_depends_on]), previous.corpus.get("parts", {}).get(name, {}),
            previous.corpus.get("builders", {}).get(name, {}), previous.corpus.get("globals", {}).get(name), changes)
        state.corpus["parts"][name] = outcome.parts
        state.corpus["builders"][name] = outcome.whole
        state.corpus["globals"][name] = shared
        state.splits.append((name, outcome.splits))
        outputs = {path: digest for entry in [*outcome.parts.values(), outcome.whole]
                   for path, digest in entry["outputs"].items()}
        data.builder_outputs[name] = sorted(outputs)
        if outcome.built:
            self.report.corpus_built.append(name)
        return sha(*[f"{path}\t{digest}" for path, digest in sorted(outputs.items())])

    def _dating(self) -> str:
        """What dates cmif.xml: a fixed date, else the newest input (see exchange.cmif)."""
        fixed = os.environ.get("SOURCE_DATE_EPOCH", "") or str(self.edition.config.cmif.get("date", ""))
        if fixed:
            return fixed
        return str(max((s.mtime_ns // 10**9 for s in self.stamps.values() if s), default=0))


def authority_key(entries) -> str:
    """SHA-256 of every field of every authority entry (authority.Entry), read from the dataclass
    itself so a new field is covered; only fields marked `metadata={"cache": False}` (where an
    entry stands in its file, which only diagnostics name) are left out."""
    names = [f.name for f in dataclasses.fields(Entry) if f.metadata.get("cache", True)]
    rows = sorted(json.dumps([plain(getattr(e, name)) for name in names], ensure_ascii=False, sort_keys=True)
                  for e in entries)
    return sha(json.dumps(names), *rows)
