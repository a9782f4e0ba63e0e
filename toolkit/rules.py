"""Every rule teikit checks: its id, its default severity, whether an edition may change it.

Each diagnostic names one rule (`[ref-resolves]`). An edition sets any rule that does not
make a document unbuildable or unsafe to "error", "warning" or "off" in teikit.toml:

    [rules]
    ref-resolves = "error"     # a dangling pointer refuses the letter
    corresp-present = "off"    # letters without correspDesc are not worth a line each

An error refuses the document (validate exits 1, build leaves it out); a warning is reported
and the document is built; off is not reported. What cannot be built or is unsafe (not
well-formed, not TEI, hostile input, teikit.toml itself) is always an error: `fixed` rules
are not the edition's to change. schema/README.md carries this table (`python -m
toolkit.rules` prints it; a test keeps the two the same).

Severities are applied by `judged`, once where a task returns its diagnostics (so what is
valid is decided on the edition's severities) and once more where a command gathers them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from .diagnostics import ERROR, WARNING, Diagnostic

OFF = "off"
SEVERITIES = (ERROR, WARNING, OFF)


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # the default: error | warning
    checked_by: str
    meaning: str
    fixed: bool = False  # unbuildable or unsafe: always an error


def _fixed(rule_id: str, checked_by: str, meaning: str) -> Rule:
    return Rule(rule_id, ERROR, checked_by, meaning, fixed=True)


RULES: tuple[Rule, ...] = (
    # ---- what cannot be read, parsed or built: always an error ---------------------------
    _fixed("io", "reader", "the file cannot be read"),
    _fixed("file-type", "reader", "not a regular file (a named pipe, a device, a folder): teikit reads only regular files"),
    _fixed("file-size", "reader", "the file is larger than `[limits] max_file_mb` in `teikit.toml` (default 50)"),
    _fixed("file-link", "reader", "a symbolic link in the edition that leads out of the edition folder: only the "
           "edition's own files are read and published"),
    _fixed("file-name", "reader", "the file name holds a control or format character (a terminal escape, a "
           "bidirectional override) or bytes that are not UTF-8: no web address carries it safely"),
    _fixed("xml-wellformed", "parser", "the file is not well-formed XML (or not in its declared encoding)"),
    _fixed("xml-entity", "parser", "the file declares or uses entities; teikit never expands or fetches them"),
    _fixed("xml-doctype", "parser", "the DOCTYPE names an external DTD; teikit never loads DTDs"),
    _fixed("xml-bom", "parser", "a byte order mark that contradicts the declared encoding, or U+FEFF after the first "
           "character (a second mark, one before the root, in the text): invisible, and read differently by other "
           "programs"),
    _fixed("xml-depth", "parser", "elements nested more than 100 deep (the limit of the XML parser inside Saxon)"),
    _fixed("xml-attributes", "parser", "an element with more than 200 attributes and namespace declarations together "
           "(Saxon's parser limit)"),
    _fixed("xml-name", "parser", "an element, attribute or prefix name longer than 1000 characters (Saxon's parser "
           "limit)"),
    _fixed("tei-namespace", "parser", "the root element is not `TEI` in the TEI namespace"),
    _fixed("document-time", "executor", "checking or rendering the document took longer than `[limits] "
           "document_seconds` in `teikit.toml` (default 60); it was stopped, the other documents went on"),
    _fixed("worker-died", "executor", "the process checking or rendering the document died (a crash, the system's "
           "out-of-memory killer); the other documents went on"),
    _fixed("document-memory", "executor", "checking or rendering the document took more memory than `[limits] "
           "document_mb` in `teikit.toml` (default 2048); it was stopped, the other documents went on"),
    _fixed("cite-structure", "Python (edition rules)", "a document's own `refsDecl/citeStructure` cannot be "
           "evaluated (an XPath error, an empty reference, one given twice): the DTS API could not give its citable "
           "parts"),
    _fixed("number-once", "Python (edition rules)", "a second `idno type=\"document-number\"` in the header: a "
           "document has one number"),
    _fixed("folios-once", "Python (edition rules)", "a second `citedRange unit=\"folio\"` in one archival `bibl`: one "
           "holding, one folio range"),
    _fixed("sent-once", "Python (edition rules)", "a second `correspAction type=\"sent\"` in one `correspDesc`: "
           "several senders go in one"),
    _fixed("build-duplicate-id", "build", "two documents have one file name (stem): both would be written to the "
           "same page"),
    _fixed("build-changed", "build", "the file changed while the build ran: run it again"),
    _fixed("build-transform", "build", "a stylesheet could not render the document (the message says why)"),
    _fixed("name-taken", "check task", "a document whose page or TEI copy would take the place of the site's own "
           "file (`index.xml` → `html/index.html`; `sub/persons.xml`): rename it"),
    _fixed("output-foreign", "build", "a file teikit did not write (the user's own, a link) is where an output goes: "
           "it is left as it was and the output not written"),
    _fixed("print-typeset", "the print builder", "the typesetter could not set the PDF (the message names the "
           "source line it stopped at): build/edition.pdf is not written, the rest of the site is"),
    _fixed("config-toml", "settings", "`teikit.toml` is not TOML (or not UTF-8)"),
    _fixed("config-value", "settings", "a value in `teikit.toml` that its key does not take (a number out of range, "
           "`inf`, a list where text belongs, a URL that is not http(s), an absolute or broken glob, a severity "
           "other than error, warning or off); the line names what it takes"),
    _fixed("config-path", "settings", "a glob of `documents`, `authorities` or `description` that leads out of the "
           "edition folder, which `[corpus] allow_outside` does not name"),
    # ---- the grammar the edition chose -----------------------------------------------------
    Rule("relaxng", ERROR, "the schema (`[corpus] schema` or `--schema`; jing for tei_all)",
         "the structure is not what the schema allows; the message names the element's path and what the schema "
         "expects there"),
    # ---- pointers and ids (Python, across files) -------------------------------------------
    Rule("ref-resolves", WARNING, "Python (cross-file)",
         "a `#id` in `@ref`, `@target`, `@scheme`, `@resp` or `@corresp` names no `xml:id` of the authority files, "
         "`edition.xml` or the document itself (`ref=\"#\"`, `#editor`); the name is kept, unlinked"),
    Rule("ref-bare", WARNING, "Python (cross-file)",
         "a pointer without its `#` (`resp=\"iv001\"`, `target=\"JP-014222\"`) that names exactly one entry: it is "
         "read as `#iv001`. Editions whose convention this is set it to off"),
    Rule("ref-kind", WARNING, "Python (cross-file)",
         "a pointer leads to the wrong kind of entry: `persName` to a person, `placeName`/`pubPlace` to a place, "
         "`orgName` to an organisation, `catRef/@target` to a category"),
    Rule("key-resolves", WARNING, "Python (cross-file)",
         "a name's `@key` matches no entry (the attribute `[references] key` names)"),
    Rule("key-unset", WARNING, "Python (cross-file)",
         "the documents' names carry `@key` but `[references] key` is not set, so no `@key` leads anywhere; the "
         "message says which setting the keys fit (`key = \"xml:id\"`, `key = \"n\"`)"),
    Rule("xmlid-unique", ERROR, "parser (one file), Python (corpus)",
         "an `xml:id` is used twice, in one file (always an error: the parser refuses it) or across the corpus "
         "(only with `[corpus] unique_ids = \"corpus\"`); the message names the other place. Across files the id "
         "belongs to the first file (the authority files and `edition.xml`, then the documents by path): each "
         "later file gets this rule's severity, the first a warning naming it"),
    Rule("xmlid-first", WARNING, "Python (corpus)",
         "the first file of an `xml:id` that a later file uses again (see `xmlid-unique`): it keeps the id and is "
         "built; the message names the later file"),
    # ---- correspondence metadata ------------------------------------------------------------
    Rule("corresp-present", WARNING, "Python (`toolkit/validation/correspondence.py`)",
         "a document of the edition (not an authority file or `edition.xml`) has no `profileDesc/correspDesc`: it "
         "is built, and the CMIF export leaves it out. Files validated outside an edition are not checked"),
    Rule("date-inferred", WARNING, "Python (`toolkit/metadata.py`)",
         "the document's date is not in `correspDesc`: it is taken from the source description, the dateline or "
         "the title (the message says which), and marked as taken from there"),
    Rule("date-real", WARNING, "Python (`toolkit/validation/dates.py`), whatever the schema",
         "a normalised date (`@when`, `@notBefore`, `@notAfter`, `@from`, `@to`) does not exist (`1920-02-30`, "
         "month `13`; 29 February only in leap years) or is not ISO 8601; the date is not used"),
    Rule("date-order", WARNING, "Python (`toolkit/validation/dates.py`), whatever the schema",
         "`@notBefore` after `@notAfter`, or `@from` after `@to` (partial dates compare by the days they can mean); "
         "the range is not used"),
    Rule("copy-inert", WARNING, "Python (edition rules)",
         "the file holds what a browser would run or fetch (XHTML, SVG or MathML elements, an `xml-stylesheet` "
         "instruction before the root): the site publishes a copy in which it is inert, not the source byte for byte"),
    # ---- the packaged schema's Schematron rules (schema = "edition") --------------------------
    Rule("corresp-dated", ERROR, "`edition.sch`",
         "a `correspAction type=\"sent\"` has no `date` with `@when`/`@notBefore`/`@notAfter`/`@from`/`@to`; a "
         "document without any date says so with `<note type=\"undated\">why</note>` in that `correspAction`"),
    Rule("archival-complete", ERROR, "`edition.sch`",
         "a `bibl type=\"archival\"` lacks the repository (`orgName type=\"repository\" @ref`), fond, opis, delo or "
         "folios (`citedRange unit=\"folio\" @from`); or prints a kind of copy (\"Copy.\") without `@subtype`, or "
         "has a `@subtype` its printed text does not state"),
    Rule("corresp-not-self", ERROR, "`edition.sch`",
         "one `correspDesc` has the same `@ref` as sender and addressee; a conversation is one `correspDesc` per "
         "turn (the speaker sends, the other receives)"),
    Rule("corresp-place-grounded", ERROR, "`edition.sch`",
         "a `placeName` in a `correspAction` that the source does not state (only the dateline states one, the "
         "place of sending, with the same `@ref`) and that is not marked as the edition's inference (`@cert` or "
         "`@evidence`); or one so marked without a `note` giving the grounds"),
    Rule("corresp-dating-resp", ERROR, "`edition.sch`",
         "a `date` or `placeName` of a `correspAction` repeats a date line attributed to someone (`dateline @resp`, "
         "in this edition the compiler's date and place line under his heading) without the same `@resp`: the "
         "metadata must say whose dating it is, as the text does"),
    Rule("authority-sourced", ERROR, "`edition.sch`",
         "an authority identifier (`idno type=\"wikidata\"`, `\"geonames\"`, `\"viaf\"`, `\"gnd\"` of an entry) has no "
         "`note type=\"authority\"` that contains it, or that note names no source (a `ref` with the `@target` of the "
         "record or stored source it was read in). An identifier nobody can trace is left out"),
    Rule("placeholder-address", ERROR, "`edition.sch`",
         "an address in a header (`idno type=\"url\"`, `ref/@target`, `ptr/@target`) on a placeholder host: "
         "`example.org`, `example.com`, `example.net` and their subdomains, `localhost`, `127.0.0.1`, the reserved "
         "`.example`, `.invalid`, `.localhost`, `.test`"),
    # ---- the CMIF export ------------------------------------------------------------------------
    Rule("cmif-no-correspdesc", WARNING, "the CMIF export", "a document without `correspDesc` is left out of cmif.xml"),
    Rule("cmif-action", WARNING, "the CMIF export",
         "a `correspAction/@type` that `[correspondence] actions` does not map to sent or received: left out"),
    Rule("cmif-unknown-ref", WARNING, "the CMIF export", "a correspondent's pointer leads to no entry: exported "
         "without `@ref`"),
    Rule("cmif-date", WARNING, "the CMIF export", "a date that is not YYYY, YYYY-MM or YYYY-MM-DD: left out"),
    Rule("cmif-licence", WARNING, "the CMIF export", "the licence is neither CC BY 4.0 nor CC0, the two correspSearch "
         "accepts"),
    Rule("cmif-ref", WARNING, "`teikit import cmif`", "a correspondent of an imported CMIF file without an authority "
         "URI"),
    # ---- teikit.toml ------------------------------------------------------------------------------
    Rule("config-unknown", WARNING, "settings", "a key or table in `teikit.toml` that teikit does not know; the line "
         "names the nearest known one"),
    Rule("config-fixed", WARNING, "settings", "`[rules]` sets a rule that cannot be changed (one of those always "
         "an error above) to warning or off: it stays an error"),
    Rule("placeholder-base-url", WARNING, "the CMIF export and the build",
         "`[edition] base_url` is on a placeholder host (see `placeholder-address`): every URI of cmif.xml points "
         "to it, so the file must not be submitted to correspSearch"),
    Rule("config-licence", WARNING, "build", "no `[edition] licence`: the site and cmif.xml claim none"),
    Rule("build-off", WARNING, "build", "an output the edition does without, and why (the PDF of an edition larger "
         "than `[print] max_documents`, or with `[print] pdf = \"never\"`)"),
    Rule("config-base-url", WARNING, "build", "no `[edition] base_url`: cmif.xml and the pages link relative to the "
         "site"),
)
BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def rule_ids() -> list[str]:
    """The ids teikit.toml's [rules] may name (config-unknown warns about any other)."""
    return sorted(BY_ID)


def severity_of(rule_id: str, configured: Mapping[str, str] | None = None, given: str = ERROR) -> str:
    """The severity a diagnostic of `rule_id` has in this edition: teikit.toml's, else the rule's default,
    else (a rule of the edition's own Schematron) what the check gave it."""
    rule = BY_ID.get(rule_id)
    if rule is not None and rule.fixed:
        return ERROR
    if configured and rule_id in configured:
        return configured[rule_id]
    return rule.severity if rule is not None else given


def judged(diagnostics: Iterable[Diagnostic], configured: Mapping[str, str] | None = None) -> list[Diagnostic]:
    """The diagnostics with the edition's severities; those set to off left out."""
    found = []
    for diagnostic in diagnostics:
        severity = severity_of(diagnostic.rule, configured, diagnostic.severity)
        if severity == OFF:
            continue
        found.append(diagnostic if severity == diagnostic.severity else replace(diagnostic, severity=severity))
    return found


def markdown_table() -> str:
    """The table of schema/README.md: every rule, its default, whether teikit.toml may change it."""
    lines = ["| rule | default | checked by | meaning |", "| --- | --- | --- | --- |"]
    for rule in RULES:
        default = "error (always)" if rule.fixed else rule.severity
        lines.append(f"| `{rule.id}` | {default} | {rule.checked_by} | {rule.meaning} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown_table())
