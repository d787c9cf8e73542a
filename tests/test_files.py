"""Reading drafts as they come from real machines: encodings, line endings, binary, size, paths."""

from __future__ import annotations

import io
import json
import os
import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from courtesy_lint import files
from courtesy_lint.cli import cli
from courtesy_lint.engine import lint_text
from courtesy_lint.positions import LineIndex

ROOT = Path(__file__).resolve().parent.parent

FRENCH = (
    "Madame Lefèvre,\n\n"
    "Merci pour votre offre et pour le temps consacré à mes entretiens. Après réflexion, "
    "j’ai accepté un poste plus proche de chez moi, je dois donc décliner.\n\n"
    "Franchement, vous m’avez fait perdre mon temps avec trois reports successifs.\n\n"
    "J’espère que nous resterons en contact. Bien à vous,\nÉloïse Bœuf\n"
)
ARABIC = (
    "السيد أحمد المحترم،\n\n"
    "أشكركم على عرض العمل وعلى الوقت الذي خصصتموه لمقابلتي. بعد تفكير، قبلت وظيفة أقرب إلى "
    "سكني، لذا أعتذر عن قبول العرض.\n\n"
    "لقد أضعتم وقتي بتأجيل المقابلة ثلاث مرات.\n\n"
    "أتمنى أن نبقى على تواصل.\nمع التحية،\nسارة\n"
)
# What text decoded with the wrong 8-bit code page looks like.
MOJIBAKE = ("Ã", "â€", "Å", "Ø", "Ù", "č", "ŕ", "\ufffd")


def run(args, input=None):
    result = CliRunner().invoke(cli, args, input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def findings(out: str) -> list[dict]:
    return [f for entry in json.loads(out)["files"] for f in entry["findings"]]


# --- encodings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "utf-8-sig"),
        (FRENCH.encode("utf-16"), "utf-16-le"),  # Python writes the native (little) endian BOM
        (b"\xfe\xff" + FRENCH.encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe\x00\x00" + FRENCH.encode("utf-32-le"), "utf-32-le"),
        (FRENCH.encode("cp1252"), "cp1252"),
        (ARABIC.encode("cp1256"), "cp1256"),
    ],
)
def test_each_encoding_is_read_and_recorded(tmp_path, data, encoding):
    draft = files.read(str(write(tmp_path, "draft.txt", data)))
    assert draft.encoding == encoding
    assert draft.text == (ARABIC if encoding == "cp1256" else FRENCH)


def test_latin1_french_decodes_without_mojibake(tmp_path):
    text = FRENCH.replace("’", "'").replace("œ", "oe")  # ISO-8859-1 has neither
    draft = files.read(str(write(tmp_path, "latin1.txt", text.encode("latin-1"))))
    assert draft.text == text
    # Latin-1 and Windows-1252 agree on every letter French uses outside 0x80-0x9F.
    assert draft.encoding in ("cp1252", "latin_1", "iso8859_15")


def test_windows_1252_french_findings_have_no_mojibake(tmp_path):
    path = write(tmp_path, "lettre.txt", FRENCH.replace("\n", "\r\n").encode("cp1252"))
    code, out, err = run([str(path), "--format", "json", "-v"])
    assert f"courtesy-lint: info: {path}: read as cp1252" in err
    accusation = next(f for f in findings(out) if f["rule"] == "no-accusations")
    assert "perdre mon temps" in accusation["match"] and accusation["match"] in FRENCH
    assert not any(bad in accusation["match"] for bad in MOJIBAKE)
    assert accusation["line"] == 5  # CRLF: the editor's line numbers
    assert code == 1 and json.loads(out)["files"][0]["lang"] == "fr"


def test_windows_1256_arabic_findings_have_no_mojibake(tmp_path):
    path = write(tmp_path, "رسالة.txt", ARABIC.encode("cp1256"))
    code, out, err = run([str(path), "--format", "json", "--verbose"])
    assert f"courtesy-lint: info: {path}: read as cp1256" in err
    accusation = next(f for f in findings(out) if f["rule"] == "no-accusations")
    assert accusation["match"] in ARABIC and "أضعتم" in accusation["match"]
    assert not any(bad in accusation["match"] for bad in MOJIBAKE)
    line = ARABIC.split("\n")[accusation["line"] - 1]
    assert line[accusation["column"] - 1 :].startswith(accusation["match"])
    assert code == 1 and json.loads(out)["files"][0]["lang"] == "ar"


def _short_drafts(lang: str, encoding: str, chars: int, count: int = 10) -> list[str]:
    """The opening of real drafts from the corpus, cut at a word, with a non-ASCII letter."""
    out = []
    for path in sorted((ROOT / "tests" / "corpus" / lang).glob("*.txt")):
        text = path.read_text(encoding="utf-8").encode(encoding, "ignore").decode(encoding)
        short = text[:chars].rsplit(" ", 1)[0]
        if any(ord(ch) > 127 for ch in short):
            out.append(short)
        if len(out) == count:
            break
    assert len(out) == count
    return out


@pytest.mark.parametrize(
    ("lang", "encoding", "chars"),
    [
        ("fr", "cp1252", 80),
        ("fr", "latin_1", 80),
        ("ar", "cp1256", 30),
        ("ar", "cp1256", 80),
        ("ar", "iso8859_6", 80),
    ],
)
def test_detection_on_short_drafts(tmp_path, lang, encoding, chars):
    """Ten short openings per encoding all decode exactly (docs/robustness.md has the numbers).

    Left to choose among every code page it knows, charset-normalizer decoded
    18 of 40 such French openings wrongly (mostly as cp1250); among the few we
    allow, none fails.
    """
    for i, text in enumerate(_short_drafts(lang, encoding, chars)):
        draft = files.read(str(write(tmp_path, f"{i}.txt", text.encode(encoding))))
        assert draft.text == text, (draft.encoding, text)


# --- line endings -----------------------------------------------------------------

MIXED = b"Hi,\r\nI withdraw.\rYour recruiter was rude.\n\r\nTom\r"


def test_line_index_counts_line_breaks_as_editors_do():
    text = "a\r\nb\rc\nd"
    index = LineIndex(text)
    assert [index.position(text.index(ch)) for ch in "abcd"] == [(1, 1), (2, 1), (3, 1), (4, 1)]


def test_mixed_line_endings_are_read_as_lines(tmp_path):
    draft = files.read(str(write(tmp_path, "mixed.txt", MIXED)))
    assert draft.text == "Hi,\nI withdraw.\nYour recruiter was rude.\n\nTom\n"


def test_mixed_line_endings_give_editor_line_numbers(tmp_path):
    path = write(tmp_path, "mixed.txt", MIXED)
    _, out, _ = run([str(path), "--kind", "withdraw", "--lang", "en", "--format", "json"])
    accusation = next(f for f in findings(out) if f["rule"] == "no-accusations")
    assert (accusation["line"], accusation["column"], accusation["match"]) == (3, 20, "rude")


def test_lone_carriage_returns_through_the_api():
    """lint_text itself, given a classic Mac OS draft, numbers lines as an editor does."""
    text = MIXED.decode("ascii")
    result = lint_text(text, "en", "withdraw")
    accusation = next(f for f in result.findings if f.rule == "no-accusations")
    assert (accusation.line, accusation.column, accusation.match) == (3, 20, "rude")


# --- not a draft: skipped -----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary file (it contains NUL bytes)"),
        ("Merci\x00".encode("utf-16"), "binary file (it contains NUL bytes)"),
        (random.Random(6).randbytes(4000).replace(b"\x00", b"\x01"), "binary file"),
        (b"Thanks\x01\x02\x03\x04\x05 for the offer", "binary file (5 control characters)"),
        (b"", "empty draft, nothing to lint"),
        (b" \r\n\t\n\xef\xbb\xbf", "empty draft, nothing to lint"),
        ("\ufeff \n".encode("utf-16"), "empty draft, nothing to lint"),
    ],
)
def test_not_a_draft_is_skipped_with_a_reason(tmp_path, data, reason):
    path = str(write(tmp_path, "draft.txt", data))
    with pytest.raises(files.SkippedFile) as info:
        files.read(path)
    assert info.value.reason.startswith(reason)
    assert str(info.value) == f"{path}: {info.value.reason}" and "\n" not in str(info.value)
    assert isinstance(info.value, files.InputError)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(20_000_000)  # sparse: 20 MB of NUL bytes, costs nothing
    monkeypatch.setattr(files, "open", _no_open, raising=False)
    with pytest.raises(files.SkippedFile) as info:
        files.read(str(path))
    assert info.value.reason.startswith("the file is 20.0 MB, above --max-bytes 50 kB")


def _no_open(*args, **kwargs):
    raise AssertionError("the file was opened")


def test_the_limit_is_configurable_and_0_means_none(tmp_path):
    path = write(tmp_path, "d.txt", b"Thanks for the offer. " * 100)  # 2,200 bytes
    with pytest.raises(files.SkippedFile, match=r"2\.2 kB, above --max-bytes 2 kB"):
        files.read(str(path), max_bytes=2000)
    assert files.read(str(path), max_bytes=0).text.startswith("Thanks")
    assert files.read(str(path), max_bytes=None).text.startswith("Thanks")


def test_stdin_is_read_only_up_to_the_limit(monkeypatch):
    stream = _CountingStream(b"x" * 5000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    with pytest.raises(files.SkippedFile, match="standard input is larger than --max-bytes 1 kB"):
        files.read(files.STDIN, max_bytes=1000)
    assert stream.given <= 1001


class _CountingStream(io.BytesIO):
    given = 0

    def read(self, size=-1):
        data = super().read(size)
        self.given += len(data)
        return data


def test_no_limit_still_stops_short_of_spacys_maximum(tmp_path):
    path = write(tmp_path, "long.txt", b"Thanks. " * 150_000)  # 1.2 million characters
    with pytest.raises(files.SkippedFile, match="1,200,000 characters, more than the 1,000,000"):
        files.read(str(path), max_bytes=0)


# --- through the command line ---------------------------------------------------------


def test_skipped_files_are_warnings_and_the_others_are_linted(tmp_path):
    write(tmp_path, "a-binary.txt", b"\x00\x01\x02")
    write(tmp_path, "b-empty.md", b"   \n")
    write(tmp_path, "c-rude.txt", b"Hi,\n\nI withdraw. Your recruiter was rude.\n\nTom\n")
    code, out, err = run([str(tmp_path), "--format", "json", "--lang", "en", "--kind", "withdraw"])
    assert [f["path"] for f in json.loads(out)["files"]] == [str(tmp_path / "c-rude.txt")]
    assert err.splitlines() == [
        f"courtesy-lint: warning: {tmp_path / 'a-binary.txt'}: skipped: binary file (it "
        "contains NUL bytes), not a draft",
        f"courtesy-lint: warning: {tmp_path / 'b-empty.md'}: skipped: empty draft, nothing to lint",
    ]
    assert code == 1  # the findings of the file that was linted decide


def test_nothing_linted_is_exit_2(tmp_path):
    write(tmp_path, "empty.txt", b"")
    code, out, err = run([str(tmp_path / "empty.txt")])
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == "Error: nothing linted: the only file was skipped"
    code, _, err = run(["-", "--stdin-filename", "draft.txt"], input=b"\n\n")
    assert code == 2 and "warning: draft.txt: skipped: empty draft" in err


def test_max_bytes_option_and_configuration(tmp_path):
    path = write(tmp_path, "d.txt", b"Thanks for the offer, I decline. " * 10)
    code, _, err = run([str(path), "--max-bytes", "100", "--isolated"])
    assert code == 2 and "skipped: the file is 330 bytes, above --max-bytes 100 bytes" in err
    (tmp_path / ".courtesy-lint.yaml").write_text("max-bytes: 100\n", encoding="utf-8")
    code, _, err = run([str(path)])
    assert code == 2 and "above --max-bytes 100 bytes" in err
    code, out, _ = run([str(path), "--max-bytes", "0"])  # the command line wins
    assert code in (0, 1) and "d.txt" in out
    code, out, _ = run(["config", str(path)])
    assert "max_bytes: 100" in out


def test_paths_with_spaces_and_non_ascii_names(tmp_path):
    folder = tmp_path / "my drafts" / "été 2024"
    folder.mkdir(parents=True)
    names = ["lettre à Élise.txt", "رد على الرفض.md", "décliner l’offre.txt"]
    for name in names:
        (folder / name).write_text("Thanks for the offer. Your recruiter was rude.\n", "utf-8")
    code, out, _ = run([str(tmp_path / "my drafts"), "--format", "json", "--lang", "en"])
    assert sorted(Path(f["path"]).name for f in json.loads(out)["files"]) == sorted(names)
    code, out, _ = run([str(folder / names[1]), "--format", "parsable", "--lang", "en"])
    assert f"{folder / names[1]}:1:" in out and code == 1


def test_symlink_loops_are_walked_once(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "d.txt").write_text("Thanks for the offer. I decline.\n", "utf-8")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")  # a/b/loop -> a
    os.symlink(tmp_path / "a" / "b" / "d.txt", tmp_path / "a" / "same.txt")
    [found] = files.collect([str(tmp_path)])  # once, whether by its own name or the link's
    assert os.path.realpath(found) == str((tmp_path / "a" / "b" / "d.txt").resolve())


def test_permission_denied_is_one_line_exit_2(tmp_path, monkeypatch):
    path = write(tmp_path, "locked.txt", b"Thanks.\n")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "open", denied, raising=False)
    code, _, err = run([str(path)])
    assert code == 2 and err.strip().endswith(f"{path}: permission denied")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_on_a_real_file(tmp_path):
    path = write(tmp_path, "locked.txt", b"Thanks.\n")
    path.chmod(0)
    try:
        with pytest.raises(files.InputError, match="permission denied"):
            files.read(str(path))
    finally:
        path.chmod(0o644)


def test_eml_records_its_charset():
    draft = files.read(str(ROOT / "tests" / "data" / "decline-latin1-qp.eml"))
    assert draft.encoding == "iso-8859-1" and "perdre mon temps" in draft.text


def test_front_matter_nested_too_deeply_is_one_line(tmp_path):
    path = write(tmp_path, "d.md", b"---\nlang: " + b"[" * 5000 + b"]" * 5000 + b"\n---\nThanks.\n")
    code, _, err = run([str(path)])
    assert code == 2 and err.strip().endswith(f"{path}: front matter is nested too deeply")
