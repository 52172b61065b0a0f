//! `named_enum!`: a fieldless enum whose names outside Rust come from one table.
//!
//! Every enum that reaches JSON or JavaScript (kinds, stances, the offset
//! unit) is written with this macro. Its `NAMES` table, indexed by
//! `variant as usize`, is the only place its names are spelled: serde writes
//! `name()`, the WASM binding sends `NAMES` to `wasm/js/build.js` instead of
//! JS keeping a copy, and `tests/schema.rs` checks the TypeScript types and
//! `docs/format.md` against it. Reordering variants therefore changes nothing
//! a reader sees.

/// Defines `pub enum $name` with `ALL`, `NAMES`, `name()`, `from_name()` and
/// (with the `serde` feature) `Serialize`/`Deserialize` as the name string.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every variant, in declaration order (`ALL[i] as usize == i`).
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The name of each variant in JSON and JS, indexed by `variant as usize`.
            pub const NAMES: &'static [&'static str] = &[$($text,)+];

            /// This variant's name in JSON and JS.
            pub fn name(self) -> &'static str {
                Self::NAMES[self as usize]
            }

            /// The variant whose name is `name`.
            pub fn from_name(name: &str) -> Option<Self> {
                Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let name = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Self::from_name(&name).ok_or_else(|| {
                    serde::de::Error::unknown_variant(&name, Self::NAMES)
                })
            }
        }
    };
}
