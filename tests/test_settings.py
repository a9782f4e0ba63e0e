"""The schema of settings (toolkit/settings.py, SETTINGS in toolkit/edition.py): each key's kind,
default and help; unknown keys as located warnings; the docs name every setting."""

from __future__ import annotations

import pickle
import re
import tomllib
from pathlib import Path

import pytest

from toolkit.edition import SETTINGS, Config
from toolkit.settings import ANY_KEY, Located, Reading, Setting, Text, leaving

REPOSITORY = Path(__file__).resolve().parents[1]


def read(toml: str, settings=SETTINGS) -> Reading:
    reading = Reading(tomllib.loads(toml), toml, "teikit.toml", settings)
    reading.read()
    return reading


def test_the_defaults_are_the_schema_s_and_each_config_owns_its_lists():
    config, other = Config(), Config()
    for setting in SETTINGS:
        head, _, tail = setting.name.partition(".")
        value = getattr(config, head)
        assert (value.get(tail) if tail else value) == setting.default, setting.where
    config.documents.append("x/*.xml")
    assert other.documents == ["tei/**/*.xml"]


def test_a_config_crosses_to_a_worker_process_and_refuses_unknown_names():
    config = Config(title="T", editors=["A"])
    assert pickle.loads(pickle.dumps(config)) == config
    with pytest.raises(TypeError, match="no setting called titel"):
        Config(titel="T")
    with pytest.raises(AttributeError):
        config.nothing  # noqa: B018


def test_every_setting_has_help_and_is_in_the_conventions_page():
    page = (REPOSITORY / "docs" / "conventions.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert setting.help, setting.where
        section = page.split(f"## [{setting.table}]", 1)
        assert len(section) == 2, f"docs/conventions.md has no section [{setting.table}]"
        if setting.key == ANY_KEY:  # a table of free keys (a severity per rule id): the section is its entry
            continue
        assert f"`{setting.key}`" in section[1].split("\n## ", 1)[0] or f"{setting.key} =" in section[1], setting.where


def test_toml_dates_are_taken_as_dates():
    config = read("[edition]\ndate = 2026-12-01\n[cmif]\ndate = 2026-11-28T00:00:00Z\n").values
    assert config["date"] == "2026-12-01" and config["cmif"]["date"] == "2026-11-28T00:00:00Z"


def test_keys_are_located_in_tables_quoted_and_dotted():
    located = Located.scan('# c\n[edition]\n  "title" = "x"\n[limits]\nmax_file_mb=1\n[a.b]\nc.d = 1\n')
    assert located.of("edition", "title") == (3, 3)
    assert located.of("limits", "max_file_mb") == (5, 1)
    assert located.of("a.b", "c") == (7, 1)
    assert located.of("limits", "nothing") == (4, 1)  # the table, when the key is not found
    assert located.of("nowhere") == (1, 1)


def test_a_table_of_free_keys_checks_each_value_and_warns_of_keys_that_mean_nothing():
    """As a [rules] table of severities per rule id would be declared."""
    rules = Setting("rules", ANY_KEY, Text(choices=("error", "warning", "off")), {}, "severity per rule",
                    known_keys=lambda: ["ref-resolves", "key-resolves"])
    reading = read('[rules]\nref-resolves = "warning"\nkey-reslves = "off"\n', (*SETTINGS, rules))
    assert reading.values["rules"] == {"ref-resolves": "warning"}
    assert [w.format() for w in reading.warnings] == [
        "teikit.toml:3:1: warning: unknown key key-reslves in [rules] (did you mean key-resolves?): it is ignored "
        "(docs/conventions.md lists every setting) [config-unknown]"]
    wrong = read('[rules]\nref-resolves = "fatal"\n', (*SETTINGS, rules))
    assert [e.format() for e in wrong.errors] == [
        'teikit.toml:2:1: error: [rules] ref-resolves = "fatal" is not allowed: it takes one of "error", "warning", '
        '"off" [config-value]']


@pytest.mark.parametrize("pattern, folder", [
    ("tei/**/*.xml", None), ("tei/../tei/*.xml", None), ("../x/*.xml", "../x"), ("../x/y.xml", "../x"),
    ("../*.xml", ".."), ("a/../../b/**/c/*.xml", "../b"), ("..", ".."),
])
def test_a_glob_leaves_the_edition_when_its_normal_form_starts_with_dot_dot(pattern, folder):
    assert leaving(pattern) == folder


def test_every_error_and_warning_is_one_diagnostic_line():
    toml = '[edition]\ntitle = "\\u001b[2J\\u202e"\n[x]\n"\\u001b]0;" = 1\n'
    reading = read(toml)
    lines = [d.format() for d in reading.errors + reading.warnings]
    assert lines and all(re.fullmatch(r"teikit\.toml:\d+:\d+: (error|warning): [^\n\x1b\u202e]+ \[config-\w+\]", line)
                         for line in lines), lines


# ---- [labels]: a project's own words; [edition] language from the corpus description -------------

def test_labels_are_read_whichever_way_toml_writes_the_dotted_key():
    reading = read('[labels]\n"nav.index" = "Briefe"\nabout.heading = "Zum Brief"\n'
                   '[labels.month]\n3 = "Merz"\n')
    assert reading.errors == [] and reading.warnings == []
    assert reading.values["labels"] == {"nav.index": "Briefe", "about.heading": "Zum Brief", "month.3": "Merz"}


def test_a_label_no_catalogue_has_is_a_located_warning_naming_the_nearest():
    reading = read('[edition]\ntitle = "T"\n[labels]\nnav.indx = "Briefe"\n"nav.persons" = 3\n')
    assert [d.format() for d in reading.warnings] == [
        "teikit.toml:4:1: warning: unknown key nav.indx in [labels] (did you mean nav.index?): it is ignored "
        "(docs/conventions.md lists every setting) [config-unknown]"]
    assert [d.format() for d in reading.errors] == [
        'teikit.toml:5:1: error: [labels] nav.persons = 3 is not allowed: it takes text in quotes, e.g. "Briefe" '
        "[config-value]"]


def test_the_interface_language_is_the_setting_else_the_corpus_description_s(tmp_path):
    from toolkit.edition import Edition

    tei = tmp_path / "tei"
    tei.mkdir()
    assert Edition.open(tmp_path).language == "en"  # nothing says it
    description = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"{lang}><teiHeader><profileDesc><langUsage>'
                   '<language ident="{ident}"/></langUsage></profileDesc></teiHeader></TEI>')
    (tei / "edition.xml").write_text(description.format(lang=' xml:lang="ger"', ident="fr"), encoding="utf-8")
    assert Edition.open(tmp_path).language == "de"  # ISO 639-2 as the web writes it
    (tei / "edition.xml").write_text(description.format(lang="", ident="it"), encoding="utf-8")
    edition = Edition.open(tmp_path)
    assert edition.language == "it" and edition.labels()["nav.index"] == "Documenti"
    (tmp_path / "teikit.toml").write_text('[edition]\nlanguage = "es"\n[labels]\n"nav.index" = "Cartas"\n',
                                          encoding="utf-8")
    edition = Edition.open(tmp_path)
    assert edition.language == "es" and edition.labels()["nav.index"] == "Cartas"
    assert edition.labels()["nav.persons"] == "Personas"
    (tei / "edition.xml").write_text("<TEI", encoding="utf-8")  # broken: the build says so, not this
    (tmp_path / "teikit.toml").unlink()
    assert Edition.open(tmp_path).language == "en"


def test_a_language_without_a_catalogue_is_a_located_warning(tmp_path):
    from toolkit.edition import Config

    (tmp_path / "teikit.toml").write_text('[edition]\ntitle = "T"\nlanguage = "ru"\n', encoding="utf-8")
    warnings = [d.format().replace(f"{tmp_path}/", "") for d in Config.load(tmp_path / "teikit.toml").warnings]
    assert warnings == ['teikit.toml:3:1: warning: [edition] language = "ru": teikit has no catalogue for it '
                        "(de, en, es, fr, it): the interface is English; [labels] can give every label your words "
                        "[config-language]"]
    for known in ("de", "de-CH", "ger", "fr"):
        (tmp_path / "teikit.toml").write_text(f'[edition]\nlanguage = "{known}"\n', encoding="utf-8")
        assert Config.load(tmp_path / "teikit.toml").warnings == [], known
