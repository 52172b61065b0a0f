//! The engine call, with panics turned into errors.
//!
//! `newslens::annotate` promises never to panic. Should it break that promise
//! on some input, the CLI reports it for that input, names the place in the
//! engine, and goes on with the other inputs instead of dying.

use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use anyhow::{anyhow, Result};
use newslens::Annotation;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs (once) a panic hook that records the message and location for
/// [`annotate`] instead of printing a backtrace in the middle of the output.
/// With `RUST_BACKTRACE=1` the default hook also runs.
fn install_hook() {
    HOOK.call_once(|| {
        let default = panic::take_hook();
        let verbose = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
        panic::set_hook(Box::new(move |info| {
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let msg: String = msg.chars().take(200).collect();
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}{place}")));
            if verbose {
                default(info);
            }
        }));
    });
}

/// Annotates `text`; an engine panic becomes an error.
pub fn annotate(text: &str) -> Result<Annotation> {
    guarded(|| newslens::annotate(text))
}

/// Runs `f`, turning a panic into an error that names it.
pub fn guarded<T>(f: impl FnOnce() -> T) -> Result<T> {
    install_hook();
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| {
        let what = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "unknown panic".into());
        anyhow!("internal error: the engine panicked ({what}); please report this input")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_naming_it() {
        let err = guarded(|| -> u8 { panic!("boom {}", 42) }).unwrap_err();
        let msg = format!("{err:#}");
        assert!(msg.contains("engine panicked (boom 42 at "), "{msg}");
        assert!(msg.contains("engine.rs:"), "{msg}");
        assert_eq!(guarded(|| 7).unwrap(), 7);
    }
}
