"""teikit's list of Russian and post-Soviet archives, and the repositories the ingest adds to the edition.

An archival reference names its repository by an abbreviation ("GARF", "ГАРФ", "AVP RF") or in
full ("State Archive of the Rostov Region"). The edition's authority files are asked first; where
they do not name it, teikit's own list (repositories.xml beside this file: the federal archives and
their Soviet predecessors, Latin and Cyrillic forms, abbreviations and full names) is; an archive
neither names is met for the first time and kept as the source writes it.

Either way the draft must validate, so its holding needs a repository entry to point to: each such
archive becomes one entry of the edition's authority output, the orgs.xml that holds the
edition's repositories, with a note type="review". The entries are inserted as text before the end
of that list, so the rest of the file keeps its bytes.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from .. import NSMAP, XML_NS
from ..edition import AUTHORITY_FILES, Edition
from ..errors import InputError
from ..xmlio import ParsedDocument, normalized_text, parse_bytes, parse_file, serialize
from .archival import Added, Repositories, fold

LIST_FILE = Path(__file__).with_name("repositories.xml")
XML_ID = f"{{{XML_NS}}}id"
ORGS = AUTHORITY_FILES[2]  # orgs.xml


@lru_cache(maxsize=1)
def listed_entries() -> tuple[etree._Element, ...]:
    """The entries of teikit's list of repositories, parsed once per process."""
    return tuple(parse_file(LIST_FILE).root.xpath("//tei:listOrg[@type='repositories']/tei:org", namespaces=NSMAP))


def names_of(org: etree._Element) -> list[str]:
    return [normalized_text(name) for name in org.xpath("tei:orgName", namespaces=NSMAP)]


def adopt_list(repositories: Repositories, taken_ids: set[str]) -> None:
    """Read teikit's list where the edition's names fail; turn on new entries for the rest.

    An archive of the list that the edition names under one of the list's forms is the
    edition's entry: all the list's forms of it point there, and nothing is added.
    """
    repositories.taken |= taken_ids
    for org in listed_entries():
        forms = [fold(name) for name in names_of(org)]
        own = next((repositories.names[form] for form in forms if form in repositories.names), "")
        for form in forms:
            if own:
                repositories.names.setdefault(form, own)
            else:
                repositories.listed[form] = org.get(XML_ID)
        repositories.listed_names[org.get(XML_ID)] = names_of(org)[0]
    repositories.adding = True


def authority_target(edition: Edition, support: list[ParsedDocument]) -> Path | None:
    """The file new repositories go to: the authority file holding the edition's repositories, else
    its orgs.xml, else a new tei/orgs.xml if the edition reads it as an authority file."""
    for document in support:
        if document.root.xpath("//tei:listOrg[@type='repositories']", namespaces=NSMAP):
            return document.path
    for document in support:
        if document.path.name == ORGS and document.root.xpath("tei:standOff", namespaces=NSMAP):
            return document.path
    candidate = edition.tei_dir / ORGS
    relative = candidate.relative_to(edition.root).as_posix()
    if not candidate.exists() and any(fnmatch.fnmatch(relative, pattern) for pattern in edition.config.authorities):
        return candidate
    return None


def entry_text(added: Added, source: str, cited_in: list[str], indent: str, step: str) -> str:
    """One org element as text; its first line unindented, the others indented from `indent`."""
    where = f" (in No. {', '.join(cited_in)})" if cited_in else ""
    if added.listed:
        org = next(o for o in listed_entries() if o.get(XML_ID) == added.listed)
        names = [(name.get("type", ""), name.get(f"{{{XML_NS}}}lang", ""), normalized_text(name))
                 for name in org.xpath("tei:orgName", namespaces=NSMAP)]
        note = (f"Added by teikit ingest from its list of Russian and post-Soviet archives: {source} cites it"
                f"{where}. Check the entry, add its identifiers, then remove this note.")
        head = f'<org xml:id="{added.id}" type="repository">'
    else:
        names = [("reg", "", added.name)]
        note = (f"Added by teikit ingest: the repository as {source} prints it{where}; neither the authority "
                "files nor teikit's list of archives name it. Check the name, add its other forms and "
                "identifiers, then remove this note.")
        head = f'<org xml:id="{added.id}" type="repository" cert="low">'
    lines = [head]
    for kind, language, text in names:
        attributes = (f' type="{kind}"' if kind else "") + (f' xml:lang="{language}"' if language else "")
        lines.append(f"{indent}{step}<orgName{attributes}>{escape(text)}</orgName>")
    lines.append(f'{indent}{step}<note type="review">{escape(note)}</note>')
    lines.append(f"{indent}</org>")
    return "\n".join(lines)


NEW_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="orgs">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title>Organisations</title>
      </titleStmt>
      <publicationStmt>
        <p>Begun by teikit ingest, for the repositories the drafts cite.</p>
      </publicationStmt>
      <sourceDesc>
        <p>The repositories {source} cites.</p>
      </sourceDesc>
    </fileDesc>
  </teiHeader>
  <standOff>
    <listOrg type="repositories">{entries}
    </listOrg>
  </standOff>
</TEI>
"""
LIST_START = re.compile(r'<listOrg\b[^>]*\btype\s*=\s*["\']repositories["\'][^>]*>')
LIST_TAG = re.compile(r"<(/?)listOrg\b[^>]*?(/?)>")
STANDOFF_END = re.compile(r"</standOff\s*>")


def with_entries(path: Path, added: list[Added], source: str, cited: dict[str, list[str]]) -> bytes:
    """The authority file at `path` with the new entries at the end of its list of repositories,
    or of a new list at the end of its standOff; a new orgs.xml where there is none. The rest of
    the file keeps its bytes; where its text cannot be followed, the tree is written again."""
    def entries(indent: str, step: str) -> str:
        return "".join(f"\n{indent}" + entry_text(a, source, cited.get(a.id, []), indent, step) for a in added)

    if not path.exists():
        return _checked(path, NEW_FILE.format(source=escape(source), entries=entries("      ", "  ")), added)
    text = path.read_bytes().decode("utf-8")
    start = LIST_START.search(text)
    end = _closing(text, start) if start else None
    if start and end is not None:
        indent = _indent_of(text, start.start())
        step = _step(text, start.end(), end, indent)
        at = _line_start(text, end)
        inserted = text[:at] + entries(indent + step, step) + text[at:]
    elif start is None and STANDOFF_END.search(text):
        end = STANDOFF_END.search(text).start()
        indent = _indent_of(text, end) + "  "
        at = _line_start(text, end)
        inserted = (text[:at] + f"\n{indent}<listOrg type=\"repositories\">" + entries(indent + "  ", "  ")
                    + f"\n{indent}</listOrg>" + text[at:])
    else:
        inserted = ""
    try:
        return _checked(path, inserted, added)
    except (InputError, ValueError):
        return _rewritten(path, added, source, cited)


def _line_start(text: str, position: int) -> int:
    """`position`, or the end of the line before it when only white space stands between."""
    newline = text.rfind("\n", 0, position)
    return newline if newline >= 0 and not text[newline + 1:position].strip() else position


def _closing(text: str, start: re.Match) -> int | None:
    """Where the list that `start` opens is closed (nested lists counted)."""
    depth = 1
    for tag in LIST_TAG.finditer(text, start.end()):
        if tag.group(2):
            continue  # <listOrg/>
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.start()
    return None


def _indent_of(text: str, position: int) -> str:
    line_start = text.rfind("\n", 0, position) + 1
    return re.match(r"[ \t]*", text[line_start:position]).group()


def _step(text: str, inside: int, end: int, indent: str) -> str:
    """One level of indentation, as the file's entries use it."""
    child = re.search(r"\n([ \t]*)<", text[inside:end])
    if child and child.group(1).startswith(indent) and len(child.group(1)) > len(indent):
        return child.group(1)[len(indent):]
    return "  "


def _checked(path: Path, text: str, added: list[Added]) -> bytes:
    """The new file, parsed as teikit parses it and holding every new entry; else ValueError."""
    if not text:
        raise ValueError("nothing inserted")
    data = text.encode("utf-8")
    ids = {str(v) for v in parse_bytes(data, path).tree.xpath("//@xml:id")}
    if any(a.id not in ids for a in added):
        raise ValueError("an entry is missing")
    return data


def _rewritten(path: Path, added: list[Added], source: str, cited: dict[str, list[str]]) -> bytes:
    """The file's tree with the entries appended to its list of repositories (made if missing)."""
    document = parse_file(path)
    lists = document.root.xpath("//tei:listOrg[@type='repositories']", namespaces=NSMAP)
    if lists:
        target = lists[0]
    else:
        stand_off = document.root.find("tei:standOff", NSMAP)
        if stand_off is None:
            stand_off = etree.SubElement(document.root, f"{{{NSMAP['tei']}}}standOff")
        target = etree.SubElement(stand_off, f"{{{NSMAP['tei']}}}listOrg", type="repositories")
    for entry in added:
        wrapped = f'<w xmlns="{NSMAP["tei"]}">{entry_text(entry, source, cited.get(entry.id, []), "", "  ")}</w>'
        target.append(etree.fromstring(wrapped)[0])
    return serialize(document.tree) + b"\n"
