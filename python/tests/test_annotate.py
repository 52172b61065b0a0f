"""The Python package gives the CLI's documents, in every offset unit, by every path.

Equality means: the parsed JSON the CLI prints (`json.loads`) equals what
Python returns, compared as `json.dumps` strings, so key order counts too.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time

import pytest
from conftest import UNITS, cli_document, cli_documents, cli_path

import newslens

pa = pytest.importorskip("pyarrow")


def same(a, b) -> bool:
    return json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)


# ---- annotate / annotate_many equal the CLI


@pytest.mark.parametrize("unit", UNITS)
def test_golden_articles_equal_the_cli(golden_paths, unit):
    for path in golden_paths:
        text = path.read_bytes().decode("utf-8")
        doc = newslens.annotate(text, offsets=unit)
        assert same(doc, cli_document(path, unit)), path.name
        assert doc["offsets"] == unit


@pytest.mark.parametrize("unit", UNITS)
def test_generated_articles_equal_the_cli(generated, generated_cli, unit):
    want = generated_cli[unit]
    for i, text in enumerate(generated):
        assert same(newslens.annotate(text, offsets=unit), want[i]), f"article {i}"
    assert same(newslens.annotate_many(generated, offsets=unit), want)


def test_generated_articles_are_not_ascii(generated):
    # The three units must really differ, or the comparison proves little.
    astral = sum(any(ord(c) > 0xFFFF for c in t) for t in generated)
    accented = sum(any(0x7F < ord(c) <= 0xFFFF for c in t) for t in generated)
    assert astral > len(generated) // 2 and accented == len(generated)


def test_default_is_chars_and_aliases_work(generated, generated_cli):
    text = generated[0]
    assert newslens.DEFAULT_OFFSETS == "chars"
    assert newslens.annotate(text) == generated_cli["chars"][0]
    assert newslens.annotate(text, offsets="codepoints") == generated_cli["chars"][0]
    assert newslens.annotate(text, offsets="utf-8") == generated_cli["bytes"][0]
    assert newslens.annotate(text, offsets="utf-16") == generated_cli["utf16"][0]
    assert newslens.OFFSET_UNITS == ["utf16", "bytes", "chars"]
    assert newslens.FORMAT_VERSION == 1


def test_char_offsets_slice_python_strings(generated, generated_cli):
    """A span in chars slices the str to the same text as in bytes and UTF-16."""
    checked = 0
    for i, text in enumerate(generated[:100]):
        b, u = text.encode("utf-8"), text.encode("utf-16-le")
        docs = {unit: generated_cli[unit][i] for unit in UNITS}
        for q in range(len(docs["chars"]["quotes"])):
            c = docs["chars"]["quotes"][q]["content"]
            by = docs["bytes"]["quotes"][q]["content"]
            w = docs["utf16"]["quotes"][q]["content"]
            words = text[c["start"] : c["end"]]
            assert words == b[by["start"] : by["end"]].decode("utf-8")
            assert words == u[2 * w["start"] : 2 * w["end"]].decode("utf-16-le")
            checked += 1
        assert docs["chars"]["textLength"] == len(text)
    assert checked > 50


def test_empty_inputs():
    assert newslens.annotate("")["textLength"] == 0
    assert newslens.annotate_many([]) == []
    assert newslens.annotate_many(iter(["", "x"]))[1]["textLength"] == 1


# ---- bad input: a clear exception, never a crash


@pytest.mark.parametrize(
    "call, exc, words",
    [
        (lambda: newslens.annotate(b"text"), TypeError, "text must be str, not bytes"),
        (lambda: newslens.annotate(None), TypeError, "text must be str, not NoneType"),
        (lambda: newslens.annotate("x", offsets="lines"), ValueError, "offsets must be one of"),
        (lambda: newslens.annotate("x", offsets=16), TypeError, "offsets"),
        (lambda: newslens.annotate("ab\ud83dcd"), ValueError, "lone surrogate U+D83D at index 2"),
        (lambda: newslens.annotate("é\x00"), ValueError, "NUL character at index 1"),
        (lambda: newslens.annotate_many("abc"), TypeError, "not a str"),
        (lambda: newslens.annotate_many(5), TypeError, "iterable of str, not int"),
        (lambda: newslens.annotate_many(["a", 3]), TypeError, "texts[1] must be str, not int"),
        (lambda: newslens.annotate_many(["a", "b\udc80"]), ValueError, "texts[1]: lone surrogate"),
        (lambda: newslens.annotate_arrow([1, 2]), TypeError, "pyarrow Array"),
        (lambda: newslens.annotate_arrow(pa.array([1])), TypeError, "string or binary array"),
        (lambda: newslens.annotate_arrow(pa.array(["x"]), "px"), ValueError, "offsets must be"),
    ],
)
def test_bad_input_raises_a_clear_error(call, exc, words):
    with pytest.raises(exc) as err:
        call()
    assert words in str(err.value)


def test_surrogateescape_text_is_refused_with_its_position():
    text = b"caf\xe9 ok".decode("utf-8", errors="surrogateescape")
    with pytest.raises(ValueError, match="lone surrogate U\\+DCE9 at index 3"):
        newslens.annotate(text)


# ---- Arrow


def _rows(array) -> list:
    return [None if v is None else json.loads(v) for v in array.to_pylist()]


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("typ", ["string", "large_string", "binary", "large_binary"])
def test_arrow_rows_equal_the_cli(generated, generated_cli, unit, typ):
    values = generated if "string" in typ else [t.encode("utf-8") for t in generated]
    array = pa.array(values, type=getattr(pa, typ)())
    out = newslens.annotate_arrow(array, offsets=unit)
    assert out.type == (pa.large_string() if typ.startswith("large") else pa.string())
    assert len(out) == len(generated) and out.null_count == 0
    assert same(_rows(out), generated_cli[unit])


def test_arrow_slices_nulls_and_chunks(generated, generated_cli):
    want = generated_cli["chars"]
    values = [t if i % 7 else None for i, t in enumerate(generated)]
    array = pa.array(values, type=pa.string())
    expect = [want[i] if i % 7 else None for i in range(len(generated))]
    out = newslens.annotate_arrow(array)
    assert out.null_count == array.null_count and same(_rows(out), expect)
    sliced = newslens.annotate_arrow(array.slice(5, 40))
    assert same(_rows(sliced), expect[5:45])
    chunked = pa.chunked_array([array.slice(0, 10), array.slice(10)])
    out = newslens.annotate_arrow(chunked)
    assert isinstance(out, pa.ChunkedArray) and out.num_chunks == 2
    assert same(_rows(out), expect)
    assert len(newslens.annotate_arrow(pa.array([], pa.string()))) == 0
    view = pa.array(generated[:3], type=pa.string_view())
    assert same(_rows(newslens.annotate_arrow(view)), want[:3])


def test_arrow_bad_rows_get_an_error_in_their_row(tmp_path):
    bad = [b"ok \xff there", b"a\x00b", "fine “quote,” she said.".encode(), None]
    out = _rows(newslens.annotate_arrow(pa.array(bad, type=pa.binary())))
    assert out[0] == {"error": "invalid UTF-8 at byte offset 3 (line 1); newslens reads UTF-8 text only"}
    assert "NUL byte at byte offset 1" in out[1]["error"]
    assert out[2] == newslens.annotate(bad[2].decode())
    assert out[3] is None
    # The CLI refuses the same bytes with the same reason (it also reads
    # UTF-16 files, so its sentence about what it reads goes on differently).
    path = tmp_path / "bad.txt"
    path.write_bytes(bad[0])
    cli = subprocess.run([str(cli_path()), "annotate", str(path)], capture_output=True)
    reason = out[0]["error"].split(";")[0]
    assert cli.returncode == 1 and reason + ";" in cli.stderr.decode()


def test_arrow_from_the_pycapsule_interface(generated, generated_cli):
    class Producer:  # what Polars, DuckDB or nanoarrow hand over
        def __init__(self, array):
            self.array = array

        def __arrow_c_array__(self, requested_schema=None):
            return self.array.__arrow_c_array__(requested_schema)

    out = newslens.annotate_arrow(Producer(pa.array(generated[:5])), offsets="utf16")
    assert same(_rows(out), generated_cli["utf16"][:5])


# ---- parallelism


def test_annotate_many_releases_the_gil(generated):
    texts = generated * 20
    ticks = 0
    done = threading.Event()

    def work():
        newslens.annotate_many(texts)
        done.set()

    thread = threading.Thread(target=work)
    start = time.perf_counter()
    thread.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0.001)
    thread.join()
    elapsed = time.perf_counter() - start
    # With the GIL held for the whole call, this thread could not tick at all.
    assert elapsed < 0.05 or ticks >= 5, (elapsed, ticks)


def test_docstring_examples():
    import doctest

    failed, tried = doctest.testmod(newslens)
    assert tried >= 1 and failed == 0
    failed, _ = doctest.testmod(newslens.spark) if _has_spark() else (0, 0)
    assert failed == 0


def _has_spark() -> bool:
    try:
        import newslens.spark  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


def test_threads_give_the_same_documents(generated, generated_cli):
    want = generated_cli["chars"][:40]
    for threads in (1, 3):
        assert newslens.annotate_many(generated[:40], threads=threads) == want
        assert _rows(newslens.annotate_arrow(pa.array(generated[:40]), threads=threads)) == want
    with pytest.raises(ValueError, match="threads must be at least 1"):
        newslens.annotate_many(["x"], threads=0)


def test_typed_dicts_name_exactly_the_document_fields(generated_cli):
    """The TypedDicts of newslens/__init__.py (the types users see) match the documents."""
    import typing

    docs = generated_cli["chars"]
    seen = {name: set() for name in ("Document", "Actor", "Mention", "Quote", "Claim")}
    for doc in docs:
        seen["Document"] |= set(doc)
        for name, items in (("Actor", "actors"), ("Mention", "mentions"), ("Quote", "quotes"), ("Claim", "claims")):
            for item in doc[items]:
                seen[name] |= set(item)
    for name, keys in seen.items():
        assert set(typing.get_type_hints(getattr(newslens, name))) == keys, name
    assert set(typing.get_type_hints(newslens.Span)) == {"start", "end"}
    stances = set(typing.get_args(typing.get_type_hints(newslens.Claim)["stance"]))
    assert {c["stance"] for d in docs for c in d["claims"]} <= stances
