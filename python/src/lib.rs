//! The Python door to newslens (module `newslens._newslens`, wrapped by the
//! pure-Python package in `newslens/`).
//!
//! This crate only translates, like the WASM binding: the document is the
//! core's [`newslens::Export`] serialized by serde exactly as the CLI does, so
//! `newslens.annotate(text, offsets=u)` equals `json.loads` of
//! `newslens annotate --offsets u` by construction (and the tests check it).
//!
//! Three entry points:
//! - [`annotate`]: one `str` → one `dict`;
//! - [`annotate_many`]: many `str` → `list[dict]`, annotated in parallel
//!   (rayon) with the GIL released;
//! - [`annotate_arrow_raw`]: an Arrow string or binary array, read in place
//!   through the Arrow C data interface (PyCapsules, no Python object per
//!   row), annotated in parallel without the GIL, returned as the buffers of
//!   a string array of JSON documents (`newslens/__init__.py` wraps them with
//!   `pyarrow.Array.from_buffers`). Bad rows get `{"error": "..."}` in their
//!   row, null rows stay null.
//!
//! Bad input is refused as the CLI refuses it: text that is not Unicode
//! (lone surrogates in a `str`, invalid UTF-8 in a binary row) and text with
//! a NUL character (the CLI takes it for a binary file), with a message that
//! names the position. An engine panic (the engine promises there are none)
//! becomes an error for that text, never a crash of the interpreter.

use std::ffi::{c_char, c_void, CStr};
use std::panic::{self, AssertUnwindSafe};

use newslens::{Export, OffsetUnit};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyList, PyString};
use rayon::prelude::*;
use serde_json::Value;

/// Why a text cannot be annotated (the message is the one shown to users).
#[derive(Debug)]
enum Refused {
    /// Input that is not text: the message says where and why.
    Input(String),
    /// The engine panicked (a bug): the message says so.
    Internal(String),
}

impl Refused {
    fn message(&self) -> &str {
        match self {
            Refused::Input(m) | Refused::Internal(m) => m,
        }
    }

    fn into_py(self, what: &str) -> PyErr {
        match self {
            Refused::Input(m) => PyValueError::new_err(format!("{what}: {m}")),
            Refused::Internal(m) => PyRuntimeError::new_err(format!("{what}: {m}")),
        }
    }
}

/// Parses the `offsets` argument: a unit name, as the CLI and the WASM binding do.
fn unit_of(obj: &Bound<'_, PyAny>) -> PyResult<OffsetUnit> {
    let Ok(name) = obj.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "offsets must be str, not {}",
            type_name(obj)
        )));
    };
    parse_unit(&name.to_string_lossy())
}

/// Parses an offsets name the way the CLI and the WASM binding do.
fn parse_unit(name: &str) -> PyResult<OffsetUnit> {
    OffsetUnit::parse(name).ok_or_else(|| {
        let names: Vec<String> = OffsetUnit::NAMES.iter().map(|n| format!("'{n}'")).collect();
        PyValueError::new_err(format!(
            "offsets must be one of {} (got {name:?})",
            names.join(", ")
        ))
    })
}

/// The CLI refuses a file with a NUL byte as binary; so do we.
fn refuse_nul(text: &str, char_index: bool) -> Result<(), Refused> {
    match text.bytes().position(|b| b == 0) {
        None => Ok(()),
        Some(at) if char_index => {
            let i = text[..at].chars().count();
            Err(Refused::Input(format!(
                "NUL character at index {i}; newslens reads text, not binary data"
            )))
        }
        Some(at) => Err(Refused::Input(format!(
            "binary data (NUL byte at byte offset {at}); newslens reads UTF-8 text only"
        ))),
    }
}

/// Decodes a binary row as the CLI decodes a file (same message).
fn decode_row(bytes: &[u8]) -> Result<&str, Refused> {
    std::str::from_utf8(bytes).map_err(|err| {
        let at = err.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        Refused::Input(format!(
            "invalid UTF-8 at byte offset {at} (line {line}); newslens reads UTF-8 text only"
        ))
    })
}

/// Runs the engine; a panic becomes [`Refused::Internal`].
fn export(text: &str, unit: OffsetUnit) -> Result<Export, Refused> {
    panic::catch_unwind(AssertUnwindSafe(|| {
        Export::from_annotation(text, newslens::annotate(text), unit)
    }))
    .map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Refused::Internal(format!(
            "internal error: the engine panicked ({what}); please report this input"
        ))
    })
}

/// The document as a JSON value, serialized by serde as the CLI does.
fn document(text: &str, unit: OffsetUnit) -> Result<Value, Refused> {
    refuse_nul(text, true)?;
    let doc = export(text, unit)?;
    serde_json::to_value(&doc).map_err(|e| Refused::Internal(format!("internal error: {e}")))
}

/// Converts a JSON value (as serde_json builds it) to Python objects.
fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Runs `f` on rayon's global pool (all cores) for `None`, on the calling
/// thread for `Some(1)`, else on a pool of that many threads.
fn with_threads<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    match threads {
        None => Ok(f()),
        Some(0) => Err(PyValueError::new_err(
            "threads must be at least 1 (or None: all cores)",
        )),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| PyRuntimeError::new_err(format!("cannot start {n} threads: {e}")))?;
            Ok(pool.install(f))
        }
    }
}

/// The name of `obj`'s type, for messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// Borrows the UTF-8 of a `str`; refuses other types and lone surrogates
/// with a message naming `what` and the position.
fn text_of(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    let Ok(s) = obj.cast::<PyString>() else {
        let t = type_name(obj);
        let hint = if t == "bytes" || t == "bytearray" {
            " (decode it first, e.g. data.decode('utf-8'))"
        } else {
            ""
        };
        return Err(PyTypeError::new_err(format!(
            "{what} must be str, not {t}{hint}"
        )));
    };
    match s.to_str() {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => Err(PyValueError::new_err(format!(
            "{what}: {}; newslens reads Unicode text only (a str with surrogates \
             usually comes from decoding with errors='surrogateescape')",
            lone_surrogate(s)
        ))),
    }
}

/// Describes the first lone surrogate of `s` ("lone surrogate U+D800 at index 3").
fn lone_surrogate(s: &Bound<'_, PyString>) -> String {
    let found = (|| -> PyResult<Option<(usize, u32)>> {
        let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
        let bytes = bytes.cast::<PyBytes>()?.as_bytes().to_vec();
        // Surrogates encode as ED A0..BF xx; everything else is valid UTF-8.
        let mut index = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let len = match b {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            if b == 0xED && i + 2 < bytes.len() && bytes[i + 1] >= 0xA0 {
                let cp = ((b as u32 & 0x0F) << 12)
                    | ((bytes[i + 1] as u32 & 0x3F) << 6)
                    | (bytes[i + 2] as u32 & 0x3F);
                return Ok(Some((index, cp)));
            }
            i += len;
            index += 1;
        }
        Ok(None)
    })();
    match found {
        Ok(Some((index, cp))) => format!("lone surrogate U+{cp:04X} at index {index}"),
        _ => "not valid Unicode (lone surrogates)".into(),
    }
}

/// One document for one text; see `newslens.annotate`.
#[pyfunction]
#[pyo3(signature = (text, offsets = None), text_signature = "(text, offsets='chars')")]
fn annotate<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    offsets: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let unit = offsets.map_or(Ok(OffsetUnit::Chars), unit_of)?;
    let text = text_of(text, "text")?;
    let value = py
        .detach(|| document(&text, unit))
        .map_err(|r| r.into_py("text"))?;
    to_py(py, &value)
}

/// One document per text, in parallel; see `newslens.annotate_many`.
#[pyfunction]
#[pyo3(
    signature = (texts, offsets = None, threads = None),
    text_signature = "(texts, offsets='chars', threads=None)"
)]
fn annotate_many<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    offsets: Option<&Bound<'py, PyAny>>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let unit = offsets.map_or(Ok(OffsetUnit::Chars), unit_of)?;
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str, not a str (use annotate() for one text)",
        ));
    }
    let iter = texts.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "texts must be an iterable of str, not {}",
            type_name(texts)
        ))
    })?;
    let mut owned = Vec::new();
    for (i, item) in iter.enumerate() {
        owned.push(text_of(&item?, &format!("texts[{i}]"))?);
    }
    let values: Vec<Result<Value, Refused>> = py.detach(|| {
        with_threads(threads, || {
            owned
                .par_iter()
                .map(|t| document(t, unit))
                .collect::<Vec<_>>()
        })
    })?;
    let out = PyList::empty(py);
    for (i, value) in values.into_iter().enumerate() {
        let value = value.map_err(|r| r.into_py(&format!("texts[{i}]")))?;
        out.append(to_py(py, &value)?)?;
    }
    Ok(out)
}

// ---- Arrow C data interface (https://arrow.apache.org/docs/format/CDataInterface.html)

#[repr(C)]
struct ArrowSchema {
    format: *const c_char,
    name: *const c_char,
    metadata: *const c_char,
    flags: i64,
    n_children: i64,
    children: *mut *mut ArrowSchema,
    dictionary: *mut ArrowSchema,
    release: Option<unsafe extern "C" fn(*mut ArrowSchema)>,
    private_data: *mut c_void,
}

#[repr(C)]
struct ArrowArray {
    length: i64,
    null_count: i64,
    offset: i64,
    n_buffers: i64,
    n_children: i64,
    buffers: *mut *const c_void,
    children: *mut *mut ArrowArray,
    dictionary: *mut ArrowArray,
    release: Option<unsafe extern "C" fn(*mut ArrowArray)>,
    private_data: *mut c_void,
}

/// The pointer a PyCapsule holds, checking the capsule's name.
fn capsule_pointer<T>(obj: &Bound<'_, PyAny>, name: &CStr) -> PyResult<*const T> {
    // SAFETY: PyCapsule_GetPointer checks the type and the name and sets a
    // Python error (returning NULL) when either is wrong.
    let ptr = unsafe { pyo3::ffi::PyCapsule_GetPointer(obj.as_ptr(), name.as_ptr()) };
    if ptr.is_null() {
        let _ = PyErr::take(obj.py());
        return Err(PyTypeError::new_err(format!(
            "expected a PyCapsule named {name:?} (the Arrow C data interface), got {}",
            type_name(obj)
        )));
    }
    Ok(ptr as *const T)
}

/// One row of an Arrow string or binary array, read in place.
struct Rows<'a> {
    offsets32: Option<&'a [i32]>,
    offsets64: Option<&'a [i64]>,
    data: *const u8,
    validity: *const u8,
    offset: usize,
    length: usize,
}

// SAFETY: the buffers are immutable Arrow memory kept alive by the capsule,
// which the caller holds for as long as `Rows` lives.
unsafe impl Send for Rows<'_> {}
unsafe impl Sync for Rows<'_> {}

impl Rows<'_> {
    /// The bytes of row `i`, or `None` for a null row.
    fn get(&self, i: usize) -> Option<&[u8]> {
        let j = self.offset + i;
        if !self.validity.is_null() {
            // SAFETY: the validity bitmap covers offset + length bits.
            let byte = unsafe { *self.validity.add(j / 8) };
            if byte & (1 << (j % 8)) == 0 {
                return None;
            }
        }
        let (start, end) = match (self.offsets32, self.offsets64) {
            (Some(o), _) => (o[j] as usize, o[j + 1] as usize),
            (_, Some(o)) => (o[j] as usize, o[j + 1] as usize),
            _ => (0, 0),
        };
        if end <= start || self.data.is_null() {
            return Some(&[]);
        }
        // SAFETY: Arrow guarantees offsets within the data buffer.
        Some(unsafe { std::slice::from_raw_parts(self.data.add(start), end - start) })
    }
}

/// One output row: the JSON document, an error document, or null.
fn row_json(rows: &Rows<'_>, i: usize, unit: OffsetUnit) -> Option<String> {
    let bytes = rows.get(i)?;
    let result = (|| {
        // String arrays promise UTF-8; binary ones may hold anything. Both
        // are checked (a cheap pass next to the engine's).
        let text = decode_row(bytes)?;
        refuse_nul(text, false)?;
        let doc = export(text, unit)?;
        serde_json::to_string(&doc).map_err(|e| Refused::Internal(format!("internal error: {e}")))
    })();
    Some(match result {
        Ok(json) => json,
        Err(refused) => serde_json::json!({ "error": refused.message() }).to_string(),
    })
}

/// Private: use `newslens.annotate_arrow`. Returns
/// `(length, offsets_bytes, data_bytes, validity_bytes_or_None, null_count, large)`.
#[pyfunction]
#[pyo3(
    name = "_annotate_arrow_raw",
    signature = (schema, array, offsets = None, threads = None),
    text_signature = "(schema, array, offsets='chars', threads=None)"
)]
fn annotate_arrow_raw<'py>(
    py: Python<'py>,
    schema: &Bound<'py, PyAny>,
    array: &Bound<'py, PyAny>,
    offsets: Option<&Bound<'py, PyAny>>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let unit = offsets.map_or(Ok(OffsetUnit::Chars), unit_of)?;
    let schema_ptr: *const ArrowSchema = capsule_pointer(schema, c"arrow_schema")?;
    let array_ptr: *const ArrowArray = capsule_pointer(array, c"arrow_array")?;
    // SAFETY: valid capsules hold valid, unreleased C data interface structs.
    let (schema_ref, arr) = unsafe { (&*schema_ptr, &*array_ptr) };
    if arr.release.is_none() {
        return Err(PyValueError::new_err(
            "the Arrow array was already released",
        ));
    }
    let format = if schema_ref.format.is_null() {
        String::new()
    } else {
        // SAFETY: the format is a NUL-terminated string.
        unsafe { CStr::from_ptr(schema_ref.format) }
            .to_string_lossy()
            .into_owned()
    };
    let large = match format.as_str() {
        "u" | "z" => false,
        "U" | "Z" => true,
        other => {
            return Err(PyTypeError::new_err(format!(
                "expected an Arrow string, large_string, binary or large_binary array, \
                 got Arrow format {other:?}"
            )))
        }
    };
    if arr.n_buffers != 3 || arr.length < 0 || arr.offset < 0 {
        return Err(PyValueError::new_err("malformed Arrow array"));
    }
    let length = arr.length as usize;
    let offset = arr.offset as usize;
    // SAFETY: three buffer pointers: validity (may be NULL), offsets, data.
    let buffers = unsafe { std::slice::from_raw_parts(arr.buffers, 3) };
    let n_offsets = offset + length + 1;
    let (offsets32, offsets64) = if length == 0 || buffers[1].is_null() {
        (None, None)
    } else if large {
        // SAFETY: the offsets buffer holds offset + length + 1 values.
        let o = unsafe { std::slice::from_raw_parts(buffers[1] as *const i64, n_offsets) };
        (None, Some(o))
    } else {
        let o = unsafe { std::slice::from_raw_parts(buffers[1] as *const i32, n_offsets) };
        (Some(o), None)
    };
    let rows = Rows {
        offsets32,
        offsets64,
        data: buffers[2] as *const u8,
        validity: if arr.null_count == 0 {
            std::ptr::null()
        } else {
            buffers[0] as *const u8
        },
        offset,
        length,
    };

    // The capsules (and so the buffers) stay alive: `schema` and `array` are
    // borrowed for the whole call.
    let out: Vec<Option<String>> = py.detach(|| {
        with_threads(threads, || {
            (0..rows.length)
                .into_par_iter()
                .with_min_len(16)
                .map(|i| row_json(&rows, i, unit))
                .collect()
        })
    })?;

    let total: usize = out.iter().map(|r| r.as_ref().map_or(0, String::len)).sum();
    if !large && total > i32::MAX as usize {
        return Err(PyValueError::new_err(
            "the JSON documents exceed 2 GiB, too much for a string array: \
             pass a large_string array or smaller chunks",
        ));
    }
    let mut data = Vec::with_capacity(total);
    let mut offs: Vec<u8> = Vec::with_capacity((length + 1) * if large { 8 } else { 4 });
    let push = |offs: &mut Vec<u8>, v: usize| {
        if large {
            offs.extend_from_slice(&(v as i64).to_le_bytes());
        } else {
            offs.extend_from_slice(&(v as i32).to_le_bytes());
        }
    };
    let mut nulls = 0usize;
    let mut validity = vec![0u8; length.div_ceil(8)];
    push(&mut offs, 0);
    for (i, row) in out.iter().enumerate() {
        match row {
            Some(json) => {
                data.extend_from_slice(json.as_bytes());
                validity[i / 8] |= 1 << (i % 8);
            }
            None => nulls += 1,
        }
        push(&mut offs, data.len());
    }
    let validity = if nulls == 0 {
        py.None().into_bound(py)
    } else {
        PyBytes::new(py, &validity).into_any()
    };
    let result = (
        length,
        PyBytes::new(py, &offs),
        PyBytes::new(py, &data),
        validity,
        nulls,
        large,
    );
    Ok(result.into_pyobject(py)?.into_any())
}

/// Native part of the `newslens` package.
#[pymodule]
fn _newslens(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(annotate, m)?)?;
    m.add_function(wrap_pyfunction!(annotate_many, m)?)?;
    m.add_function(wrap_pyfunction!(annotate_arrow_raw, m)?)?;
    m.add("FORMAT_VERSION", newslens::FORMAT_VERSION)?;
    m.add("OFFSET_UNITS", OffsetUnit::NAMES.to_vec())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_decoded_like_cli_files() {
        let msg = decode_row(b"ab\ncd\xffef").unwrap_err();
        assert!(msg.message().contains("byte offset 5 (line 2)"));
        assert!(refuse_nul("a\0b", false)
            .unwrap_err()
            .message()
            .contains("byte offset 1"));
        assert!(refuse_nul("é\0b", true)
            .unwrap_err()
            .message()
            .contains("index 1"));
    }
}
